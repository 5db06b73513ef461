"""Actor resolution: sub-word matching against the knowledge base, then composition and coreference.

Pipeline for one Doc (tokenised and sentence-segmented only; no tagger or parser needed):
1. match every pattern start position against the key table (longest first), keep matches whose
   case fits (names need a capital, acronyms all caps, adjectives anything) and that pass the guards;
2. choose non-overlapping matches, longest first;
3. compose open entries (bodies, roles, anaphors) with what follows: a nationality adjective
   ("l'armée russe"), a complement ("ministère russe des Affaires étrangères"), or "de + state"
   ("le gouvernement de la Russie"), and absorb a parenthesised acronym ("(NIS)");
4. resolve what is still open by coreference (coref.py), dropping what has no antecedent.

Offsets are character offsets into ``doc.text``; ``text`` never includes a leading article
(except anaphors such as "le pays", whose determiner is what makes them anaphoric).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc

from ..records import ActorMention
from .coref import resolve_open
from .kb import CASE_UPPER, CaseRule, Entry, KnowledgeBase, Term, load_kb
from .text import Words, words_of

_CLOSING_QUOTES = frozenset({"»", "\u201d", '"'})
_DE = {"de", "du", "des", "d'"}
_ARTICLES = {"la", "le", "les", "l'"}
_IN = {"a", "en", "au", "aux", "dans"}
#: "ses soldats du Mali", "leurs ressortissants du Soudan": a possessed body is the possessor's;
#: its "de" names a place, not an owner
_POSSESSIVES = {"son", "sa", "ses", "leur", "leurs", "notre", "nos", "votre", "vos"}
_FORMER = {"ancien", "ancienne", "anciens", "ex", "futur", "future", "feu"}
# capitalised words that may precede a name without making it part of a longer proper name
_FUNCTION = {
    "le", "la", "les", "l'", "de", "du", "des", "d'", "en", "au", "aux", "a", "selon", "pour", "par",
    "et", "ou", "mais", "avec", "sans", "contre", "entre", "vers", "chez", "sur", "dans", "que",
    "qu'", "si", "comme", "quand", "lorsque", "lorsqu'", "m.", "mme", "president", "presidente",
    "ministre", "general", "roi", "reine", "emir", "cheikh", "pape", "prince", "sultan", "marechal",
}


@dataclass(slots=True)
class Match:
    i: int  # first sub-word
    j: int  # one past the last sub-word
    entry: Entry
    code: str | None
    sector: str | None
    name: str
    kind: str
    via: str
    parent: str | None = None
    owner_np: bool = False  # the state came from "de + state" ("le régime de Kim Jong-un")
    #: an organisation anaphor narrowed by its adjective ("l'organisation islamiste": REB only)
    sectors: tuple[str | None, ...] | None = None

    @property
    def open(self) -> bool:
        return self.code is None


class ActorResolver:
    """Resolve actor mentions in a spaCy Doc (see module docstring)."""

    def __init__(self, kb: KnowledgeBase | None = None) -> None:
        self.kb = kb or load_kb()

    def describe(self, code: str) -> tuple[str, str | None] | None:
        """Canonical (name, default sector) of a code, or None if the code is unknown."""
        info = self.kb.lookup(code)
        return (info.name, info.sector) if info else None

    def resolve(self, doc: Doc, date: str | None = None) -> list[ActorMention]:
        w = words_of(doc)
        matches = _select(self._candidates(w))
        matches = self._compose(w, matches, date)
        matches = resolve_open(self.kb, w, matches)
        text = doc.text
        return [
            ActorMention(
                start=w.start[m.i], end=w.end[m.j - 1], text=text[w.start[m.i]:w.end[m.j - 1]],
                code=m.code, name=m.name, sector=m.sector, kind=m.kind, via=m.via, parent=m.parent,
                wikidata=m.entry.wikidata,
            )
            for m in matches
            if m.code is not None
        ]

    # -- 1. candidates -------------------------------------------------------------------------
    def _candidates(self, w: Words) -> list[tuple[int, int, Entry]]:
        keys, table, max_len = w.keys, self.kb.patterns, self.kb.max_len
        n = len(keys)
        out: list[tuple[int, int, Entry]] = []
        for i in range(n):
            longest = max_len.get(keys[i])
            if not longest:
                continue
            for length in range(min(longest, n - i), 0, -1):
                rows = table.get(tuple(keys[i:i + length]))
                if not rows:
                    continue
                entry = next((e for e, case in rows if _case_ok(w, i, i + length, case)
                              and _guards_ok(w, i, i + length, e)), None)
                if entry is not None:
                    out.append((i, i + length, entry))
                    break
        return out

    # -- 3. composition ------------------------------------------------------------------------
    def _compose(self, w: Words, matches: list[Match | tuple[int, int, Entry]], date: str | None) -> list[Match]:
        ms = [m if isinstance(m, Match) else _to_match(m, date) for m in matches]
        at = {m.i: k for k, m in enumerate(ms)}
        drop: set[int] = set()
        for k, m in enumerate(ms):
            composable = m.open or m.via == "body" or (m.via == "metonym" and m.sector is not None)
            if k in drop or m.entry.block or m.entry.pair or not composable:
                continue
            if m.entry.refers is not None and m.entry.anaphor:
                self._organisation(w, m, at)  # "l'ONG", "le groupe": never composed with a state
                continue
            p = m.j
            if p < len(w.keys) and w.keys[p] in _CLOSING_QUOTES:
                p += 1  # "soixante « agents de renseignement » russes"
            p = self._skip_fillers(w, p)
            nxt = ms[at[p]] if p in at else None
            if nxt is not None and nxt.via == "demonym" and w.sent[p] == w.sent[m.i]:
                self._absorb(m, nxt)
                drop.add(at[p])
                m.j = self._complement(w, m, nxt.j)
            elif not m.open:
                pass  # a named body ("Assemblée nationale") keeps its own state
            elif p < len(w.keys) and w.keys[p] in _DE and not m.entry.anaphor and not self._possessed(w, m):
                q = p + 1
                if q < len(w.keys) and w.keys[q] in _ARTICLES:
                    q += 1
                tgt = ms[at[q]] if q in at else None
                if tgt is not None and _can_own(tgt) and w.sent[q] == w.sent[m.i]:
                    self._absorb(m, tgt)
                    m.j = tgt.j
                    m.owner_np = True
                    drop.add(at[q])
                else:
                    m.entry = _no_coref(m.entry)  # "le président de la commission": not a state's
            elif self._in_power(w, m, ms, at, drop):
                pass  # "la junte au pouvoir à Bamako"
            if not m.open:
                m.j = self._acronym(w, m, ms, at, drop)
            elif m.entry.anaphor:
                m.j = self._anaphor_adjective(w, m.j)
            elif m.i > 0 and w.keys[m.i - 1] in _FORMER:
                m.entry = _no_coref(m.entry)  # "l'ancien président" is not the current one
            if m.open and m.entry.refers is not None and self._introduces(w, m, at, m.j):
                m.entry = replace(m.entry, refers=None)  # "les rebelles touareg du MNLA"
        return [m for k, m in enumerate(ms)
                if k not in drop and not m.entry.block and not _weak_alone(w, m) and not self._adjective(w, m)
                and not _describes_next(w, m, ms, at)]

    def _adjective(self, w: Words, m: Match) -> bool:
        """"une attaque armée": the body word after such a noun is an adjective."""
        after = self.kb.adjective_after.get(w.keys[m.i]) if m.j - m.i == 1 else None
        return bool(after) and m.i > 0 and w.sent[m.i - 1] == w.sent[m.i] and w.keys[m.i - 1] in after

    @staticmethod
    def _possessed(w: Words, m: Match) -> bool:
        """Is the body determined by a possessive, maybe through an adjective ("ses derniers soldats")?"""
        for k in range(m.i - 1, max(m.i - 3, -1), -1):
            if w.sent[k] != w.sent[m.i]:
                return False
            if w.keys[k] in _POSSESSIVES:
                return True
            if not w.text[k].isalpha() or w.text[k][:1].isupper() or w.keys[k] in _ARTICLES:
                return False
        return False

    def _organisation(self, w: Words, m: Match, at: dict[int, int]) -> None:
        """ "l'organisation islamiste": absorb one adjective (which may narrow the sector); drop the
        anaphor reading when the phrase only introduces a name or a complement."""
        p = m.j
        if p < len(w.keys) and w.keys[p] in self.kb.org_adjectives and w.sent[p] == w.sent[m.i]:
            sector = self.kb.org_adjectives[w.keys[p]]
            if sector is not None:
                m.sectors = (sector,)
            p += 1
            m.j = p
        head = [k for k in range(m.i, m.j) if not w.sent_first[k]]
        if any(w.text[k][:1].isupper() and not w.text[k].isupper() for k in head) \
                or self._introduces(w, m, at, p):
            m.entry = replace(m.entry, refers=None)  # "l'Organisation mondiale du commerce"

    def _introduces(self, w: Words, m: Match, at: dict[int, int], p: int) -> bool:
        """What follows makes the phrase a description, not an anaphor: a name ("le groupe Ansar
        Eddine"), a nationality ("la milice chiite irakienne"), a complement ("le groupe de contact")."""
        if p < len(w.keys) and w.keys[p] in self.kb.org_adjectives and m.entry.anaphor is False:
            p += 1  # "les rebelles touareg du MNLA"
        if p >= len(w.keys) or w.sent[p] != w.sent[m.i]:
            return False
        if p in at or w.keys[p] in self.kb.org_not_before:
            return True
        t = w.text[p]
        return t[:1].isupper() and t[:1].isalpha()

    def _in_power(self, w: Words, m: Match, ms: list[Match], at: dict[int, int], drop: set[int]) -> bool:
        """ "la junte au pouvoir à Bamako", "le régime en place à Damas": the place names the state."""
        p = m.j
        if tuple(w.keys[p:p + 2]) not in (("au", "pouvoir"), ("en", "place")):
            return False
        q = p + 2
        if q < len(w.keys) and w.keys[q] in _IN:
            q += 1
        if q < len(w.keys) and w.keys[q] in _ARTICLES:
            q += 1
        tgt = ms[at[q]] if q in at else None
        if tgt is None or not _can_own(tgt) or tgt.kind not in ("state", "region") or w.sent[q] != w.sent[m.i]:
            return False
        self._absorb(m, tgt)
        m.j = tgt.j
        m.owner_np = True
        drop.add(at[q])
        return True

    def _skip_fillers(self, w: Words, p: int) -> int:
        for _ in range(2):  # at most two fillers ("régulière nationale")
            for length in (3, 2, 1):
                if tuple(w.keys[p:p + length]) in self.kb.fillers:
                    p += length
                    break
            else:
                return p
        return p

    def _complement(self, w: Words, m: Match, p: int) -> int:
        """ "ministère russe" + "des Affaires étrangères": the complement sets the sector."""
        if not m.entry.head:
            return p
        for length in (4, 3, 2):
            sector = self.kb.complements.get(tuple(w.keys[p:p + length]))
            if sector:
                m.sector = sector
                return p + length
        return p

    def _absorb(self, m: Match, owner: Match) -> None:
        """The open entry takes its state from ``owner`` (a demonym, state, capital, IGO or person)."""
        info = self.kb.lookup(owner.code or "")
        m.code, m.parent = owner.code, owner.parent
        m.name = info.name if info else owner.name
        if owner.kind == "igo":
            m.sector = "IGO"
        m.via = "demonym" if m.entry.anaphor else "body"

    @staticmethod
    def _acronym(w: Words, m: Match, ms: list[Match], at: dict[int, int], drop: set[int]) -> int:
        """ "les services de renseignement sud-coréens (NIS)": one mention, acronym included."""
        p = m.j
        if p + 2 < len(w.keys) and w.keys[p] == "(" and w.keys[p + 2] == ")" and w.text[p + 1].isupper():
            inner = ms[at[p + 1]] if p + 1 in at else None
            if inner is None or inner.code == m.code:
                if inner is not None:
                    drop.add(at[p + 1])
                return p + 3
        return p

    def _anaphor_adjective(self, w: Words, p: int) -> int:
        if p < len(w.keys) and w.keys[p] in self.kb.anaphor_adjectives and w.sent[p] == w.sent[p - 1]:
            return p + 1
        return p


def _to_match(c: tuple[int, int, Entry], date: str | None) -> Match:
    i, j, e = c
    sector, code, parent = e.sector, e.code, e.parent
    if e.terms:
        term = _person_term(e.terms, date)
        sector = term.sector if term else None
        if term is not None and term.code:
            code, parent = term.code, None  # Mark Rutte as NATO secretary-general speaks for NATO
    return Match(i, j, e, code, sector, e.name, e.kind, e.via, parent)


def _person_term(terms: tuple[Term, ...], date: str | None) -> Term | None:
    """The office held on ``date``; None outside every term; the latest term without a date."""
    if not date:
        return terms[-1] if terms else None
    d = _iso(date)
    for t in reversed(terms):
        if t.start <= d and (t.end is None or d < t.end):
            return t
    return None


def _iso(date: str) -> str:
    """ "2022" -> "2022-07-01", "2022-09" -> "2022-09-15": the middle of an imprecise date."""
    date = date.strip()[:10]
    if len(date) == 4:
        return date + "-07-01"
    if len(date) == 7:
        return date + "-15"
    return date


def _case_ok(w: Words, i: int, j: int, case: CaseRule) -> bool:
    if case == CASE_UPPER:
        return all(t.isupper() for t in w.text[i:j] if any(c.isalpha() for c in t))
    return all(not cap or w.text[i + k][:1].isupper() for k, cap in enumerate(case))


def _guards_ok(w: Words, i: int, j: int, e: Entry) -> bool:
    if e.code is None and i > 0 and w.hyphen_after[i - 1]:
        return False  # "pro-régime", "anti-gouvernement": a compound, not the body itself
    if e.prefix and not w.hyphen_after[j - 1]:
        return False  # "franco" without "-allemand" is not French
    # "Thierry Herzog" is not Isaac Herzog: a surname alone, after another first name
    if e.kind == "person" and j - i == 1 and _capitalised_neighbour(w, i - 1, i):
        return False
    # "George Washington", "Maurice Papon": a name-like word inside a longer proper name
    return not (e.name_like and (_capitalised_neighbour(w, i - 1, i) or _capitalised_neighbour(w, j, i)))


def _capitalised_neighbour(w: Words, k: int, i: int) -> bool:
    if k < 0 or k >= len(w.keys) or w.sent[k] != w.sent[i]:
        return False
    t = w.text[k]
    if not (t[:1].isupper() and t.isalpha()) or w.keys[k] in _FUNCTION:
        return False
    return not (k < i and w.sent_first[k])  # a sentence-initial word is capitalised anyway


def _select(cands: list[tuple[int, int, Entry]]) -> list[tuple[int, int, Entry]]:
    """Non-overlapping, longest first (ties: leftmost), returned in text order."""
    taken: list[tuple[int, int, Entry]] = []
    used: set[int] = set()
    # ties: a fixed name beats an open phrase ("Le Royaume-Uni" is not the anaphor "le royaume")
    for c in sorted(cands, key=lambda c: (-(c[1] - c[0]), c[2].code is None, c[0])):
        if any(k in used for k in range(c[0], c[1])):
            continue
        used.update(range(c[0], c[1]))
        taken.append(c)
    return sorted(taken, key=lambda c: c[0])


def _can_own(m: Match) -> bool:
    """What can stand after "de" as the owner of a body: a state, capital, IGO or a person of a state."""
    return m.code is not None and m.kind in ("state", "region", "igo", "person") and m.via != "demonym"


def _weak_alone(w: Words, m: Match) -> bool:
    """ "les ports européens": an adjective that names its actor only in a body or as a noun."""
    if not m.entry.composed_only or m.via != "demonym":
        return False
    return not (w.text[m.i][:1].isupper() and not w.sent_first[m.i])


def _describes_next(w: Words, m: Match, ms: list[Match], at: dict[int, int]) -> bool:
    """"le groupe paramilitaire russe Wagner": the nationality describes the group named right
    after it, one of that state's own, and is no second actor."""
    nxt = ms[at[m.j]] if m.via == "demonym" and m.j in at else None
    return nxt is not None and nxt.kind == "group" and nxt.parent == m.code and w.sent[m.j] == w.sent[m.i]


def _no_coref(e: Entry) -> Entry:
    if not e.coref and e.refers is None:
        return e
    return Entry(e.code, e.name, e.sector, e.kind, e.via, e.parent, coref=False, head=e.head)
