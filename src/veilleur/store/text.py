"""Small text and date helpers for story linking and corroboration."""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date, timedelta

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def date_interval(value: str | None) -> tuple[str, str] | None:
    """The days an ISO date of any precision covers: "2022-09" → ("2022-09-01", "2022-09-30")."""
    if not value:
        return None
    m = _DATE.match(value.strip())
    if not m:
        return None
    y = int(m.group(1))
    if m.group(3):
        mo, d = int(m.group(2)), int(m.group(3))
        try:
            day = date(y, mo, d).isoformat()
        except ValueError:
            return None
        return day, day
    if m.group(2):
        mo = int(m.group(2))
        if not 1 <= mo <= 12:
            return None
        last = calendar.monthrange(y, mo)[1]
        return f"{y:04d}-{mo:02d}-01", f"{y:04d}-{mo:02d}-{last:02d}"
    return f"{y:04d}-01-01", f"{y:04d}-12-31"


def interval_gap_days(a: tuple[str, str], b: tuple[str, str]) -> int:
    """Days between two intervals (0 when they overlap)."""
    a_lo, a_hi = date.fromisoformat(a[0]), date.fromisoformat(a[1])
    b_lo, b_hi = date.fromisoformat(b[0]), date.fromisoformat(b[1])
    if a_hi < b_lo:
        return (b_lo - a_hi).days
    if b_hi < a_lo:
        return (a_lo - b_hi).days
    return 0


def shift(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def fold(text: str) -> str:
    """Lower case without accents: "Corée" → "coree"."""
    nfkd = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in nfkd if not unicodedata.combining(c))


# Function words and reporting verbs: they say nothing about *which* event is reported
# (reporting verbs belong to attribution, which differs between outlets by design).
_STOP_WORDS = """
a au aux avec ce ces cet cette ci comme dans de des du elle elles en entre et est etait eux il ils
je la le les leur leurs lui mais me meme mes moi mon ne ni nos notre nous on ont ou par pas plus pour
qu que qui sa sans se selon ses si son sont sur ta te tes toi ton tous tout toute toutes tres tu un une
vos votre vous y ete etre avoir avait avaient aurait auraient sera serait seraient fait faire deja aussi
apres avant depuis lors alors ainsi dont cela celui celle ceux celles autre autres encore egalement
annonce annoncé a declare declaré affirme affirmé rapporte rapporté indique indiqué explique expliqué
selon citant cite source sources responsable responsables officiel officiels lundi mardi mercredi
jeudi vendredi samedi dimanche janvier fevrier mars avril mai juin juillet aout septembre octobre
novembre decembre the of and to in on for by with from that this was were has have had its
"""
_STOP = frozenset(fold(w) for w in _STOP_WORDS.split())

_WORD = re.compile(r"[a-z0-9]+")


def content_terms(*texts: str | None) -> set[str]:
    """Content-word stems of evidence sentences, for Jaccard similarity between reports.

    Stems are the first five letters of accent-folded words of three letters or more:
    crude, but it maps "achète/achats/acheté" and "Corée/coréen" together without a
    language-specific stemmer, and the dyad and date tests do the heavy lifting anyway.
    """
    out: set[str] = set()
    for t in texts:
        if not t:
            continue
        for w in _WORD.findall(fold(t)):
            if len(w) < 3 or w in _STOP or w.isdigit():
                continue
            out.add(w[:5])
    return out


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


# Outlet names as articles cite them vs as inputs spell them (domains, acronyms).
_OUTLET_ALIASES = {
    "nyt": "newyorktimes", "nytimes": "newyorktimes",
    "wapo": "washingtonpost",
    "wsj": "wallstreetjournal",
    "agencefrancepresse": "afp", "francepresse": "afp",
    "associatedpress": "ap", "apnews": "ap",
    "agencereuters": "reuters",
    "lemonde": "monde", "lefigaro": "figaro", "leparisien": "parisien",
    "lesechos": "echos", "lexpress": "express", "lepoint": "point",
    "bbcnews": "bbc", "cnncom": "cnn",
    "agencetass": "tass", "itartass": "tass", "agenceria": "ria", "rianovosti": "ria",
    "kcna": "kcna", "agencecentraledepressecoreenne": "kcna",
    "yonhapnews": "yonhap", "agenceyonhap": "yonhap",
}

_ARTICLE = re.compile(r"^(?:the|le|la|les|l|el|der|die|das)\s+|^l'", re.I)


def norm_name(name: str) -> str:
    """A name as a comparison key: "le New York Times" = "New York Times" = "nytimes.com"."""
    s = fold(name.strip())
    s = re.sub(r"^https?://", "", s)
    s = re.sub(r"^www\.", "", s)
    s = re.sub(r"\.(?:com|fr|org|net|co\.uk|de|ru|info|io|be|ch|ca)(?:/.*)?$", "", s)
    s = s.replace("’", "'")
    s = _ARTICLE.sub("", s)
    key = re.sub(r"[^a-z0-9]+", "", s)
    return _OUTLET_ALIASES.get(key, key)
