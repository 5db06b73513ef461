"""The actor knowledge base: the data files of ``veilleur/data/actors`` turned into lookup tables.

Everything the resolver knows is in those files (each cites its sources); this module only reads
them. ``load_kb()`` caches the result for the process.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from .text import fold, pattern_keys, split_word

#: how a pattern must be written in the text to count: all caps (ONU), or per sub-word whether it
#: needs a capital initial ("cet État" -> (False, True): "l'état d'urgence" is not an anaphor)
CASE_UPPER = "upper"
CaseRule = str | tuple[bool, ...]

#: actor codes of partly recognised entities and observers that behave as states for coreference
STATE_KINDS = ("state", "region")


@dataclass(frozen=True, slots=True)
class Term:
    role: str
    sector: str | None
    start: str  # ISO date
    end: str | None  # None: still in office
    code: str | None = None  # the office's code when not the person's own ("secretary-general" → NAT)


@dataclass(slots=True)
class Entry:
    """What a pattern stands for.

    ``code`` is None for *open* entries (a body, role or anaphor that needs a state from its
    context) and for blocks (``block=True``: a phrase that must never resolve).
    """

    code: str | None
    name: str
    sector: str | None = None
    kind: str = "state"
    via: str = "name"
    parent: str | None = None
    wikidata: str | None = None
    terms: tuple[Term, ...] = ()
    coref: bool = False  # open entry that may take the salient state from the context
    anaphor: bool = False  # "le pays", "cet État": demonstrative coreference rules
    prefix: bool = False  # "franco-": only valid right before a hyphen
    head: bool = False  # "ministère/ministre": may take a complement ("des Affaires étrangères")
    name_like: bool = False  # also a first name or club name: guard against capitalised neighbours
    capital: bool = False  # a capital city (antecedent of "la capitale")
    possessive: bool = False  # "son pays": the country of the person last named
    topical: bool = False  # "la junte": leans to the state the article is about (bodies.yaml)
    composed_only: bool = False  # adjective that names the actor only inside a body ("européen")
    block: bool = False
    #: "les deux pays" (any mention) or "les deux dirigeants" (people): the two most salient states of
    #: the window, each a mention
    pair: str | None = None
    #: a phrase that refers back to a non-state actor ("l'ONG", "le groupe", "les rebelles"): the
    #: kinds, sectors and extra codes its antecedent may have (coref.yaml `organisations`)
    refers: Refers | None = None


@dataclass(frozen=True, slots=True)
class Refers:
    kinds: tuple[str, ...]
    sectors: tuple[str | None, ...]
    codes: tuple[str, ...] = ()

    def accepts(self, info: CodeInfo, sectors: tuple[str | None, ...] | None = None) -> bool:
        if info.code in self.codes:
            return True
        return info.kind in self.kinds and info.sector in (sectors or self.sectors)


@dataclass(frozen=True, slots=True)
class CodeInfo:
    code: str
    name: str
    sector: str | None
    kind: str
    parent: str | None = None


@dataclass
class KnowledgeBase:
    #: key tuple -> [(entry, case rule)], entries with a code before open ones
    patterns: dict[tuple[str, ...], list[tuple[Entry, CaseRule]]] = field(default_factory=dict)
    #: first key -> longest pattern length starting with it
    max_len: dict[str, int] = field(default_factory=dict)
    by_code: dict[str, CodeInfo] = field(default_factory=dict)
    fillers: set[tuple[str, ...]] = field(default_factory=set)
    complements: dict[tuple[str, ...], str] = field(default_factory=dict)
    anaphor_adjectives: set[str] = field(default_factory=set)
    #: adjectives absorbed by an organisation anaphor, with the sector they narrow it to (or None)
    org_adjectives: dict[str, str | None] = field(default_factory=dict)
    #: words after which an organisation phrase is no anaphor ("le groupe parlementaire")
    org_not_before: set[str] = field(default_factory=set)
    coref_window: int = 3
    #: nouns after which a body word is an adjective ("une attaque armée"): (body word, noun keys)
    adjective_after: dict[str, frozenset[str]] = field(default_factory=dict)

    def lookup(self, code: str) -> CodeInfo | None:
        return self.by_code.get(code)

    def add(self, phrase: str, entry: Entry) -> None:
        keys = pattern_keys(phrase)
        if not keys:
            return
        case = _case_rule(phrase)
        rows = self.patterns.setdefault(keys, [])
        if any(e is entry or (e.code == entry.code and e.via == entry.via and e.name == entry.name
                              and c == case) for e, c in rows):
            return
        rows.append((entry, case))
        rows.sort(key=lambda r: r[0].code is None)  # "Assemblée nationale" (FRA) before the open body
        if len(keys) > self.max_len.get(keys[0], 0):
            self.max_len[keys[0]] = len(keys)

    def add_code(self, code: str, name: str, sector: str | None, kind: str, parent: str | None = None) -> None:
        self.by_code.setdefault(code, CodeInfo(code, name, sector, kind, parent))

    @property
    def size(self) -> int:
        return len(self.patterns)


def _case_rule(phrase: str) -> CaseRule:
    """All-caps patterns (ONU, EI) need all-caps text; a sub-word written with a capital needs one."""
    letters = [c for c in phrase if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return CASE_UPPER
    caps = []
    for word in phrase.replace("\u2019", "'").split():
        for a, b in split_word(word):
            first = next((c for c in word[a:b] if c.isalpha()), "")
            if fold(word[a:b]):
                caps.append(first.isupper())
    return tuple(caps)


def _data(name: str) -> str:
    return resources.files("veilleur.data.actors").joinpath(name).read_text(encoding="utf-8")


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 10x faster


def _yaml(name: str) -> Any:
    return yaml.load(_data(name), Loader=_Loader)  # noqa: S506 - a safe loader


@lru_cache(maxsize=1)
def load_kb() -> KnowledgeBase:
    """Load every actor data file once per process."""
    kb = KnowledgeBase()
    coref = _yaml("coref.yaml")
    name_like = {n for n in coref.get("name_like", [])}
    _load_countries(kb, name_like)
    _load_igos(kb)
    kb.add_code("WST", "the West", None, "igo")  # SPEC §3: the West as a collective
    _load_groups(kb)
    _load_demonyms(kb)
    _load_metonyms(kb, name_like)
    _load_media(kb)
    _load_bodies(kb)
    _load_persons(kb)
    _load_coref(kb, coref)
    return kb


def _load_countries(kb: KnowledgeBase, name_like: set[str]) -> None:
    lines = [ln for ln in _data("countries.tsv").splitlines() if ln and not ln.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        code, kind = row["code"], row["kind"]
        parent, sector = row["parent"] or None, row["sector"] or None
        kb.add_code(code, row["name"], sector, kind, parent)
        entry = Entry(code, row["name"], sector, kind, "name", parent)
        for phrase in row["french"].split("|"):
            kb.add(phrase, _maybe_name_like(entry, phrase, name_like))


def _maybe_name_like(entry: Entry, phrase: str, name_like: set[str]) -> Entry:
    if phrase not in name_like:
        return entry
    return Entry(entry.code, entry.name, entry.sector, entry.kind, entry.via, entry.parent, name_like=True,
                 capital=entry.capital)


def _plurals(form: str) -> list[str]:
    if form.endswith(("s", "x")):
        return []
    if form.endswith("al"):
        return [form[:-2] + "aux"]
    return [form + "s"]


def _load_demonyms(kb: KnowledgeBase) -> None:
    lines = [ln for ln in _data("demonyms.tsv").splitlines() if ln and not ln.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        code = row["code"]
        info = kb.by_code.get(code)
        name = info.name if info else code
        kind = info.kind if info else "igo"
        entry = Entry(code, name, info.sector if info else None, kind, "demonym",
                      info.parent if info else None)
        prefix_entry = Entry(code, name, entry.sector, kind, "demonym", entry.parent, prefix=True)
        extras = (row.get("extra") or "").split("|")
        entry.composed_only = "composed" in extras
        forms = [f for f in (row["masc"], row["fem"]) if f]
        forms += [p for f in list(forms) for p in _plurals(f)]
        for extra in extras:
            if extra.endswith("-"):
                kb.add(extra[:-1], prefix_entry)
            elif extra and extra != "composed":
                forms.append(extra)
        for f in forms:
            kb.add(f, entry)


def _load_metonyms(kb: KnowledgeBase, name_like: set[str]) -> None:
    data = _yaml("metonyms.yaml")
    for code, names in (data.get("capitals") or {}).items():
        info = kb.by_code.get(code)
        for phrase in names or []:
            entry = Entry(code, info.name if info else code, info.sector if info else None,
                          info.kind if info else "igo", "metonym",
                          info.parent if info else None, capital=True)
            kb.add(phrase, _maybe_name_like(entry, phrase, name_like))
    for key, kind in (("regions", "region"), ("cities", "city")):
        for code, names in (data.get(key) or {}).items():
            info = kb.by_code[code]
            for phrase in names or []:
                kb.add(phrase, Entry(code, info.name, None, kind, "name", code))
    for key in ("seats", "epithets"):
        for code, sector, names in data.get(key) or []:
            info = kb.by_code.get(code)
            info = kb.by_code[code]
            for phrase in names:
                kb.add(phrase, Entry(code, info.name, sector, info.kind, "metonym", info.parent))


def _load_igos(kb: KnowledgeBase) -> None:
    for code, name, names in _yaml("igos.yaml"):
        kb.add_code(code, name, "IGO", "igo")
        entry = Entry(code, name, "IGO", "igo", "name")
        acronym = Entry(code, name, "IGO", "igo", "acronym")
        for phrase in names:
            kb.add(phrase, acronym if _case_rule(phrase) == CASE_UPPER else entry)


def _load_groups(kb: KnowledgeBase) -> None:
    for code, name, sector, parent, names in _yaml("groups.yaml"):
        kb.add_code(code, name, sector, "group", parent)
        entry = Entry(code, name, sector, "group", "name", parent)
        acronym = Entry(code, name, sector, "group", "acronym", parent)
        for phrase in names:
            kb.add(phrase, acronym if _case_rule(phrase) == CASE_UPPER else entry)


def _load_media(kb: KnowledgeBase) -> None:
    for code, name, names in _yaml("media.yaml"):
        info = kb.by_code.get(code)
        entry = Entry(code, name, "MED", "media", "name", info.code if info else None)
        entry.parent = None
        for phrase in names:
            kb.add(phrase, entry)


def _load_bodies(kb: KnowledgeBase) -> None:
    data = _yaml("bodies.yaml")
    coref = {tuple(pattern_keys(p)) for p in data.get("coref") or []}
    topical = {tuple(pattern_keys(p)) for p in data.get("topical") or []}
    heads = {tuple(pattern_keys(p)) for p in data["complements"]["heads"]}
    for group, kind in (("generic", "body"), ("roles", "person")):
        for sector, phrases in data[group].items():
            for phrase in phrases:
                keys = pattern_keys(phrase)
                kb.add(phrase, Entry(None, phrase, sector, kind, "body", coref=keys in coref,
                                     head=keys in heads, topical=keys in topical))
    for sector, phrases in data["complements"].items():
        if sector != "heads":
            for phrase in phrases:
                kb.complements[pattern_keys(phrase)] = sector
    kb.fillers = {pattern_keys(p) for p in data.get("fillers") or []}
    kb.adjective_after = {pattern_keys(w)[0]: frozenset(pattern_keys(n)[0] for n in nouns)
                          for w, nouns in (data.get("adjective_after") or {}).items()}
    for code, sector, names in data.get("named") or []:
        info = kb.by_code[code]
        for phrase in names:
            kb.add(phrase, Entry(code, info.name, sector, "body", "body", info.parent))


def _load_persons(kb: KnowledgeBase) -> None:
    for p in _yaml("persons.yaml"):
        terms = tuple(Term(t[0], t[1], str(t[2]), str(t[3]) if t[3] else None, t[4] if len(t) > 4 else None)
                      for t in p.get("terms") or [])
        info = kb.by_code.get(p["code"])
        entry = Entry(p["code"], p["name"], None, "person", "person", info.parent if info else None,
                      terms=terms)
        for phrase in p["names"]:
            kb.add(phrase, entry)


def _load_coref(kb: KnowledgeBase, data: dict[str, Any]) -> None:
    kb.coref_window = int(data.get("window", 3))
    sectors = data.get("sectors") or {}
    for phrase in data.get("state") or []:
        kb.add(phrase, Entry(None, phrase, sectors.get(phrase), "state", "coref", coref=True, anaphor=True))
    for phrase in data.get("possessive") or []:
        kb.add(phrase, Entry(None, phrase, None, "state", "coref", coref=True, possessive=True))
    for phrase in data.get("capital") or []:
        kb.add(phrase, Entry(None, phrase, None, "state", "coref", coref=True, anaphor=True, capital=True))
    kb.anaphor_adjectives = {pattern_keys(a)[0] for a in data.get("adjectives") or []}
    for phrase in data.get("blocks") or []:
        kb.add(phrase, Entry(None, phrase, block=True))
    for key, by in (("pairs", "any"), ("pairs_of_people", "people")):
        for phrase in data.get(key) or []:
            kb.add(phrase, Entry(None, phrase, None, "state", "coref", coref=True, pair=by))
    _load_organisations(kb, data)


def _load_organisations(kb: KnowledgeBase, data: dict[str, Any]) -> None:
    """Organisation anaphors. A phrase that is already an open body ("rebelles") keeps that entry,
    which gains the organisation reading; any other phrase is a new anaphor."""
    for row in data.get("organisations") or []:
        ref = row["refers"]
        refers = Refers(tuple(ref.get("kinds") or ()), tuple(ref.get("sectors") or ()),
                        tuple(ref.get("codes") or ()))
        for phrase in row["phrases"]:
            keys = pattern_keys(phrase)
            rows = kb.patterns.get(keys) or []
            bodies = [k for k, (e, _) in enumerate(rows) if e.code is None and not e.block]
            for k in bodies:
                e, case = rows[k]
                rows[k] = (replace(e, refers=refers), case)
            if not bodies:
                kb.add(phrase, Entry(None, phrase, None, "group", "coref", anaphor=" " in phrase.strip()
                                     or "'" in phrase, refers=refers))
    kb.org_adjectives = {pattern_keys(a)[0]: s for a, s in (data.get("organisation_adjectives") or {}).items()}
    kb.org_not_before = {pattern_keys(a)[0] for a in data.get("organisation_not_before") or []}
