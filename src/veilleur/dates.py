"""Event dates: absolute ("le 4 juillet 2012", "en août 2022") or resolved against the
article's date ("le mois dernier", "en juillet", "hier", "jeudi"). Unknown stays None.

Dates are ISO strings at the precision the text gives: "2022", "2022-08", "2022-08-14".
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
          "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12}
WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}

_M = "|".join(MONTHS)
_FULL = re.compile(rf"\b(?:le\s+)?(\d{{1,2}}|1er)\s+({_M})\s+(\d{{4}})\b", re.I)
_DAY_MONTH = re.compile(rf"\b(?:le\s+)?(\d{{1,2}}|1er)\s+({_M})\b(?!\s+\d{{4}})", re.I)
_MONTH_YEAR = re.compile(rf"\b(?:en|de|d'|depuis)?\s*({_M})\s+(\d{{4}})\b", re.I)
_MONTH = re.compile(rf"\b(?:en|au mois d['’]|au mois de|début|fin|mi-)\s*({_M})\b(?!\s+\d{{4}})", re.I)
_YEAR = re.compile(r"\ben\s+((?:19|20)\d{2})\b")
_REL = re.compile(r"\b(hier|avant-hier|aujourd['’]hui|ce matin|cette semaine|le mois dernier|la semaine dernière|"
                  r"l['’]an dernier|l['’]année dernière|le mois prochain|l['’]année prochaine)\b", re.I)
_WEEKDAY = re.compile(rf"\b({'|'.join(WEEKDAYS)})(?:\s+(?:dernier|soir|matin))?\b", re.I)


def _parse_iso(d: str | None) -> date | None:
    if not d:
        return None
    try:
        return date.fromisoformat(d[:10])
    except ValueError:
        return None


def _past_month(anchor: date, month: int) -> str:
    """A bare month refers to the latest such month not after the article's date."""
    year = anchor.year if month <= anchor.month else anchor.year - 1
    return f"{year:04d}-{month:02d}"


def resolve(sentence: str, doc_date: str | None) -> str | None:
    """The date a sentence gives its event, or None."""
    anchor = _parse_iso(doc_date)
    m = _FULL.search(sentence)
    if m:
        day = 1 if m.group(1).lower() == "1er" else int(m.group(1))
        return f"{int(m.group(3)):04d}-{MONTHS[m.group(2).lower()]:02d}-{day:02d}"
    m = _MONTH_YEAR.search(sentence)
    if m:
        return f"{int(m.group(2)):04d}-{MONTHS[m.group(1).lower()]:02d}"
    if anchor is not None:
        m = _DAY_MONTH.search(sentence)
        if m:
            month = MONTHS[m.group(2).lower()]
            day = 1 if m.group(1).lower() == "1er" else int(m.group(1))
            year = anchor.year if (month, day) <= (anchor.month, anchor.day) else anchor.year - 1
            try:
                return date(year, month, day).isoformat()
            except ValueError:
                return None
        m = _REL.search(sentence)
        if m:
            rel = m.group(1).lower().replace("’", "'")
            if rel == "hier":
                return (anchor - timedelta(days=1)).isoformat()
            if rel == "avant-hier":
                return (anchor - timedelta(days=2)).isoformat()
            if rel in ("aujourd'hui", "ce matin"):
                return anchor.isoformat()
            if rel == "cette semaine":
                return f"{anchor.year:04d}-{anchor.month:02d}"
            if rel == "la semaine dernière":
                d = anchor - timedelta(days=7)
                return f"{d.year:04d}-{d.month:02d}"
            if rel == "le mois dernier":
                d = anchor.replace(day=1) - timedelta(days=1)
                return f"{d.year:04d}-{d.month:02d}"
            if rel == "le mois prochain":
                d = (anchor.replace(day=28) + timedelta(days=4)).replace(day=1)
                return f"{d.year:04d}-{d.month:02d}"
            if rel in ("l'an dernier", "l'année dernière"):
                return f"{anchor.year - 1:04d}"
            if rel == "l'année prochaine":
                return f"{anchor.year + 1:04d}"
        m = _MONTH.search(sentence)
        if m:
            return _past_month(anchor, MONTHS[m.group(1).lower()])
        m = _WEEKDAY.search(sentence)
        if m:
            back = (anchor.weekday() - WEEKDAYS[m.group(1).lower()]) % 7
            return (anchor - timedelta(days=back)).isoformat()
    m = _YEAR.search(sentence)
    if m:
        return m.group(1)
    return None
