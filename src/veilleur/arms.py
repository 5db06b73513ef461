"""Arms transfers (SPEC §5): items, designations, SIPRI-style categories and quantities.

Vocabulary is data (``data/arms/items.yaml``); quantities are read from the words
before the item ("des millions d'obus" → min 1,000,000; "une vingtaine de chars" → 20;
"quelque 300 000 à 500 000 obus" → 300,000–500,000).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Token

from .records import ArmsItem, Quantity


@dataclass(frozen=True)
class ArmsVocabulary:
    nouns: dict[tuple[str, ...], str]  # lemma sequence -> category
    longest: int
    designations: list[tuple[re.Pattern[str], str]]
    deals: dict[str, str]  # lemma -> deal
    #: the designations whose match can hold a digit or a hyphen (the ones ``mask_designations``
    #: hides), and one alternation of them all: a sentence it does not match holds none of them,
    #: so most sentences cost one scan instead of one per pattern
    codes: tuple[re.Pattern[str], ...] = ()
    any_code: re.Pattern[str] | None = None


@lru_cache(maxsize=1)
def load_vocabulary() -> ArmsVocabulary:
    raw = yaml.safe_load((resources.files("veilleur") / "data" / "arms" / "items.yaml").read_text("utf-8"))
    nouns: dict[tuple[str, ...], str] = {}
    for cat, words in raw["nouns"].items():
        for w in words:
            nouns[tuple(w.lower().split())] = cat
    designations = [(re.compile(_bounded(d["pattern"]), re.IGNORECASE), d["category"]) for d in raw["designations"]]
    deals = {w: deal for deal, words in raw["deals"].items() for w in words}
    # (conservative: a pattern with no digit, hyphen, escape, class or wildcard only matches letters and spaces)
    codes = [(d["pattern"], pat) for d, (pat, _) in zip(raw["designations"], designations, strict=True)
             if re.search(r"[\d\\.\[-]", d["pattern"])]
    any_code = re.compile(_bounded("|".join(f"(?:{src})" for src, _ in codes)), re.IGNORECASE)
    return ArmsVocabulary(nouns, max(len(k) for k in nouns), designations, deals,
                          tuple(pat for _, pat in codes), any_code)


def _bounded(pattern: str) -> str:
    return rf"(?<![\w-])(?:{pattern})(?![\w])"


# -------------------------------------------------------------------- quantities

_NUMBER_WORDS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30,
    "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100, "mille": 1000,
}
_APPROX = {"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
           "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1000}
_PLURAL_UNITS = {"centaines": 100, "milliers": 1000, "dizaines": 10, "millions": 1_000_000,
                 "milliards": 1_000_000_000, "douzaines": 12}
_SCALE = {"million": 1_000_000, "millions": 1_000_000, "milliard": 1_000_000_000, "milliards": 1_000_000_000,
          "mille": 1000}

_NUM = r"\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+(?:,\d+)?"
_QTY_RE = re.compile(
    rf"(?P<text>(?:(?:quelque|quelques|environ|près de|plus de|au moins|jusqu'à|pas moins de)\s+)?"
    rf"(?:(?P<a>{_NUM})(?:\s+(?P<ascale>millions?|milliards?|mille))?"
    rf"(?:\s*(?:à|-|–)\s*(?P<b>{_NUM})(?:\s+(?P<bscale>millions?|milliards?|mille))?)?"
    rf"|(?P<word>une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|quarante|cinquante|soixante|cent|mille)"
    rf"(?:\s+(?P<wscale>millions?|milliards?))?"
    rf"|(?:des|plusieurs|quelques)\s+(?P<plural>centaines|milliers|dizaines|millions|milliards|douzaines)"
    rf"|(?:une?|la)\s+(?P<approx>dizaine|douzaine|quinzaine|vingtaine|trentaine|quarantaine|cinquantaine|soixantaine|centaine|millier)))"
    rf"\s+(?:de\s+|d'|d’)?$",
    re.IGNORECASE,
)


def _num(s: str) -> float:
    s = re.sub(r"[ \u00a0\u202f.]", "", s).replace(",", ".")
    v = float(s)
    return int(v) if v.is_integer() else v


def parse_quantity(before: str) -> Quantity | None:
    """The quantity at the end of ``before`` (the text just before an item noun)."""
    m = _QTY_RE.search(before[-80:])
    if not m:
        return None
    text = m.group("text").strip()
    if m.group("a"):
        lo = _num(m.group("a")) * _SCALE.get((m.group("ascale") or "").lower(), 1)
        if m.group("b"):
            hi = _num(m.group("b")) * _SCALE.get((m.group("bscale") or m.group("ascale") or "").lower(), 1)
            return Quantity(text, lo, hi)
        approx = text.lower().startswith(("plus de", "au moins", "pas moins"))
        return Quantity(text, lo, None if approx else lo)
    if m.group("word"):
        v = _NUMBER_WORDS[m.group("word").lower()] * _SCALE.get((m.group("wscale") or "").lower(), 1)
        return Quantity(text, v, v)
    if m.group("plural"):
        return Quantity(text, _PLURAL_UNITS[m.group("plural").lower()], None)
    if m.group("approx"):
        v = _APPROX[m.group("approx").lower()]
        return Quantity(text, v, v)
    return None


# -------------------------------------------------------------------- items


def find_items(tokens: list[Token], text: str | None = None) -> list[ArmsItem]:
    """Weapon items among ``tokens`` (a clause of a parsed sentence), in text order;
    ``text`` is the sentence as written when the parsed one had designations masked."""
    voc = load_vocabulary()
    sent = tokens[0].doc if tokens else None
    if sent is None:
        return []
    ids = {t.i for t in tokens}
    lo, hi = min(ids), max(ids) + 1
    region = sent[lo:hi]
    items: list[ArmsItem] = []
    used: set[int] = set()
    full = text if text is not None else sent.text
    # designations first: "drones Shahed-136"
    base = region.start_char
    region_text = full[region.start_char:region.end_char]
    for pat, cat in voc.designations:
        for m in pat.finditer(region_text):
            s, e = base + m.start(), base + m.end()
            qty = parse_quantity(full[max(0, s - 80):s])  # "42 Rafale"
            items.append(ArmsItem(text=m.group(0), category=cat, designation=m.group(0), quantity=qty, start=s, end=e))
    i = lo
    while i < hi:
        tok = sent[i]
        if i in used or tok.i not in ids:
            i += 1
            continue
        match = None
        for n in range(min(voc.longest, hi - i), 0, -1):
            words = sent[i:i + n]
            keys = (tuple(t.lower_ for t in words), tuple(t.lemma_.lower() for t in words))
            for k in keys:
                if k in voc.nouns:
                    match = (n, voc.nouns[k])
                    break
            if match:
                break
        if match is None:
            i += 1
            continue
        n, cat = match
        span = sent[i:i + n]
        before = full[max(0, span.start_char - 80): span.start_char]
        qty = parse_quantity(before)
        start = span.start_char
        if qty is not None:
            start = span.start_char - len(before) + before.lower().rfind(qty.text.lower())
        # an item named after its designation keeps the designation's category
        desig = next((d for d in items if d.designation and span.start_char <= d.start <= span.end_char + 30
                      and d.quantity is None and d.text), None)
        if desig is not None:  # "des canons Caesar": one item, named by its designation
            desig.quantity = desig.quantity or qty
            desig.text = full[span.start_char:desig.end] if desig.end else desig.text
            desig.start = start
            used.update(range(i, i + n))
            i += n
            continue
        items.append(ArmsItem(text=full[span.start_char:span.end_char], category=cat, designation=None, quantity=qty,
                              start=start, end=span.end_char))
        used.update(range(i, i + n))
        i += n
    items.sort(key=lambda it: it.start or 0)
    # a generic "armes" next to specific items adds nothing
    specific = [it for it in items if it.category != "other"]
    return specific or items


def deal_for(trigger: Token, frame_deal: str | None) -> str:
    voc = load_vocabulary()
    lemma = trigger.lemma_.lower()
    if lemma in voc.deals:
        return voc.deals[lemma]
    for c in trigger.children:
        if c.lemma_.lower() in voc.deals:
            return voc.deals[c.lemma_.lower()]
    return frame_deal or "unknown"
