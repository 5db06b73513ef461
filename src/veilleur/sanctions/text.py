"""What an article *says* about sanctions (basis "text").

``text_links`` reads one sentence: does it name a sanctions regime (issuer + target, a
resolution number, or a regime's own cue), and does it say the regime is imposed, lifted or
violated — and how firmly ("violerait" is conditional, "aurait violé" alleged)? The cue lists
are data (``data/sanctions/_common.yaml`` and each regime's ``cues_fr``/``target_names_fr``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..records import SanctionLink
from .kb import Provision, Regime, SanctionsKB, default_kb

#: modalities from strongest to weakest; a link is never stronger than what it rests on
STRENGTH: tuple[str, ...] = ("asserted", "alleged", "planned", "possible", "conditional", "negated")
#: relation cue lists are searched in this order: a violation of sanctions "imposées" is a violation
RELATION_ORDER: tuple[str, ...] = ("violates", "lifts", "imposes")
#: inside one relation, modality-bearing forms are tried before the plain ones
#: ("mentions" first: a call or a threat to impose sanctions states no imposition)
MODALITY_ORDER: tuple[str, ...] = ("mentions", "negated", "conditional", "possible", "alleged", "planned", "asserted")


def weaker(a: str | None, b: str | None) -> str:
    """The weaker of two modalities (None counts as asserted)."""
    ra = STRENGTH.index(a) if a in STRENGTH else 0
    rb = STRENGTH.index(b) if b in STRENGTH else 0
    return STRENGTH[max(ra, rb)]


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("ʼ", "'").replace("\u00a0", " ")).lower()


@lru_cache(maxsize=4096)
def _word_re(cue: str) -> re.Pattern[str]:
    # whole words, allowing French plural/feminine endings: "violé" matches "violées",
    # but "viole" does not match "violence"
    return re.compile(r"(?<![\w])" + re.escape(cue) + r"(?:e|s|es)?(?![\w])")


@lru_cache(maxsize=4096)
def _stem_re(cue: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])" + re.escape(cue))


def find_word(text: str, cues: Iterable[str]) -> str | None:
    """The first cue (in list order) found as a word in normalised ``text``."""
    for c in cues:
        # (a cue can only match where its letters are: the substring test skips most regexes)
        if c in text and _word_re(c).search(text):
            return c
    return None


def find_stem(text: str, cues: Iterable[str]) -> str | None:
    for c in cues:
        if c in text and _stem_re(c).search(text):
            return c
    return None


@lru_cache(maxsize=64)
def _any_cue_re(cues: tuple[str, ...]) -> re.Pattern[str]:
    """Matches wherever one of ``cues`` starts a word: where ``_word_re`` or ``_stem_re`` of any of them would."""
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(c) for c in cues) + ")")


def has_sanction_context(text: str, kb: SanctionsKB) -> bool:
    s = normalise(text)
    nouns = kb.common.get("sanction_nouns") or []
    # one scan for all the cues first: most sentences name no sanctions at all
    if not _any_cue_re((*nouns, *(c for r in kb for c in r.cues_fr))).search(s) and not _RESOLUTION.search(s):
        return False
    if find_word(s, nouns):
        return True
    return any(find_stem(s, r.cues_fr) for r in kb) or bool(_RESOLUTION.search(s))


@dataclass(frozen=True)
class Statement:
    relation: str  # imposes | lifts | violates | mentions
    modality: str
    cue: str | None


#: how far (characters) a relation cue may be from the sanctions noun it bears on: "violation"
#: must be followed closely by what is violated ("en violation des résolutions"), so that "des
#: sanctions pour violation des droits humains" is not read as a violation of sanctions
WINDOW_AFTER = {"violates": 30, "lifts": 40, "imposes": 40}
WINDOW_BEFORE = {"violates": 0, "lifts": 40, "imposes": 40}


def _objects(kb: SanctionsKB) -> list[tuple[str, re.Pattern[str]]]:
    words = [*(kb.common.get("sanction_nouns") or []), "résolution", "régime"]
    words += [c for r in kb for c in r.cues_fr]
    return [(w, _stem_re(w)) for w in words]


def _names_object(text: str, objects: list[tuple[str, re.Pattern[str]]]) -> bool:
    return any(w in text and o.search(text) for w, o in objects)


def _bears_on_sanctions(s: str, start: int, end: int, relation: str,
                        objects: list[tuple[str, re.Pattern[str]]]) -> bool:
    cue_text = s[start:end]
    if _names_object(cue_text, objects):
        return True  # "nouvelles sanctions", "fin de l'embargo"
    after = s[end:end + WINDOW_AFTER[relation]]
    before = s[max(0, start - WINDOW_BEFORE[relation]):start]
    return _names_object(after, objects) or (bool(before) and _names_object(before, objects))


def read_relation(text: str, kb: SanctionsKB, only: tuple[str, ...] = RELATION_ORDER) -> Statement:
    """Which relation a sentence states about sanctions, and how firmly; else ``mentions``."""
    s = normalise(text)
    rel = kb.common.get("relations") or {}
    objects = _objects(kb)
    for relation in only:
        forms = rel.get(relation) or {}
        for modality in MODALITY_ORDER:
            for cue in forms.get(modality) or []:
                if cue not in s:  # (most cues are absent: skip their regex)
                    continue
                for m in _word_re(cue).finditer(s):
                    if _bears_on_sanctions(s, m.start(), m.end(), relation, objects):
                        if modality == "mentions":
                            return Statement("mentions", "asserted", cue)
                        return Statement(relation, modality, cue)
    return Statement("mentions", "asserted", None)


_RESOLUTION = re.compile(r"résolutions?\s+(?:n°\s*|no\s*)?(\d{3,4})")


def _issuers_named(s: str, kb: SanctionsKB) -> list[str]:
    out = []
    for issuer, spec in (kb.common.get("issuers") or {}).items():
        if find_word(s, spec.get("words") or []):
            out.append(str(issuer))
    if ("résolution" in s or "conseil de sécurité" in s) and "UN" not in out:
        out.append("UN")
    return out


def _targets_named(s: str, regime: Regime) -> bool:
    return find_word(s, regime.target_names_fr) is not None


def _provision_for(s: str, regime: Regime) -> Provision | None:
    for p in regime.provisions:
        if p.text_cues and find_stem(s, p.text_cues):
            return p
    return None


def derived_regime_id(issuer: str, target_code: str, kb: SanctionsKB) -> str | None:
    """ISSUER-TARGET id (SPEC §6) for a regime the knowledge base does not hold."""
    name = (kb.common.get("target_names") or {}).get(target_code)
    return f"{issuer}-{name}" if name else None


def text_links(sentence: str, actor_codes: set[str] | frozenset[str] = frozenset(),
               recipient_codes: set[str] | frozenset[str] = frozenset(),
               kb: SanctionsKB | None = None) -> list[SanctionLink]:
    """Sanctions links stated in one sentence (basis "text").

    ``actor_codes``/``recipient_codes`` are the codes of the event the sentence belongs to;
    they name the issuer ("Washington impose …") or the target ("ses exportations … violeraient
    les résolutions de l'ONU") when the sentence itself does not.
    """
    kb = kb or default_kb()
    s = normalise(sentence)
    if not has_sanction_context(s, kb):
        return []
    stmt = read_relation(s, kb)
    actor_codes, recipient_codes = set(actor_codes), set(recipient_codes)
    chosen: list[tuple[Regime, str]] = []  # (regime, why)

    # 1. an explicit resolution number, or a regime's own phrase
    index: dict[str, tuple[str, Provision]] | None = None  # (built only for a sentence that cites a number)
    for m in _RESOLUTION.finditer(s):
        if index is None:
            index = kb.resolution_index()
        hit = index.get(m.group(1))
        if hit:
            chosen.append((kb.regimes[hit[0]], f"resolution {m.group(1)}"))
    if not chosen:
        for r in kb:
            cue = find_stem(s, r.cues_fr)
            if cue:
                chosen.append((r, f'"{cue}"'))

    # 2. issuer named (or acting) + target named (or party to the event)
    if not chosen:
        issuers = _issuers_named(s, kb)
        if stmt.relation in ("imposes", "lifts", "mentions"):
            issuers += [i for c in sorted(actor_codes) if (i := kb.issuer_of_code(c)) and i not in issuers]
        if not issuers and stmt.relation == "violates":
            issuers = ["UN"]  # "en violation des sanctions" with no issuer: the binding, international ones
        named = [(r, "issuer and target named") for r in kb if r.issuer in issuers and _targets_named(s, r)]
        if named:
            chosen = named
        else:
            order = ([actor_codes, recipient_codes] if stmt.relation == "violates"
                     else [recipient_codes, actor_codes])
            for codes in order:
                chosen = [(r, "issuer named, target a party to the event") for r in kb if r.issuer in issuers and set(r.targets) & codes]
                if chosen:
                    break
        if not chosen and stmt.relation in ("imposes", "lifts") and issuers:
            # a regime the knowledge base does not hold: build its id from the codes
            links = []
            for issuer in issuers:
                for code in sorted(recipient_codes):
                    rid = derived_regime_id(issuer, code, kb)
                    if rid and code not in kb.common.get("issuers", {}).get(issuer, {}).get("codes", []):
                        links.append(SanctionLink(rid, None, stmt.relation, "text", stmt.modality,
                                                  f'stated in the text ("{stmt.cue}"); regime not in the '
                                                  f"knowledge base, id built from the actor codes"))
            return links

    out: list[SanctionLink] = []
    seen: set[str] = set()
    for regime, why in chosen:
        if regime.id in seen:
            continue
        seen.add(regime.id)
        relation, modality = stmt.relation, stmt.modality
        if modality == "negated":  # "n'a pas violé les sanctions": no violation, but the regime is discussed
            relation = "mentions"
        prov = _provision_for(s, regime)
        said = f'"{stmt.cue}"' if stmt.cue else "the regime is named"
        expl = f"stated in the text ({said}; regime identified by {why})"
        if prov:
            expl += f"; {prov.label}: {prov.summary}"
        out.append(SanctionLink(regime.id, prov.label if prov else None, relation, "text", modality, expl))
    return out
