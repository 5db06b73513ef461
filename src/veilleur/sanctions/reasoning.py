"""Which sanctions regimes an event touches (SPEC §6).

Two sources, kept apart by ``basis``:

* **inferred** — the knowledge base says so for an event on that date. An arms transfer is
  checked against every arms provision: the direction (from / to a target), the recipient
  (embargoes lifted on a government still cover armed groups), the item categories (UNSCR 2231
  para 4 covers only missiles and UAVs), the dates (an expired provision does not apply), and
  who is bound. UN Security Council measures bind every state, so any supplier breaches them;
  EU, US, UK or Canadian measures bind only their own persons, so an Iranian supply to Russia
  breaches none of them. Where such a measure is an authority to *designate* foreign persons
  for the conduct (EO 13949, CAATSA 231, EU listing criteria), the link is ``mentions``:
  exposure, not violation.
* **text** — the article says so: a SANCTION event by an issuer against a target (``imposes``),
  an easing of sanctions (``lifts``), or a sentence such as "violerait les résolutions de l'ONU".

A violation is never asserted more strongly than the event it rests on: the link carries the
event's modality, weakened further when the event's date straddles a provision's start or end.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..records import Event, SanctionLink
from .kb import Provision, Regime, SanctionsKB, default_kb
from .text import find_word, has_sanction_context, normalise, read_relation, text_links, weaker

#: event types whose actor→recipient relation can carry a restricted conduct (arms, workers)
CONDUCT_EVENT_TYPES = ("AID", "COOPERATE", "AGREE")


# --------------------------------------------------------------------------------- dates


@dataclass(frozen=True)
class When:
    """The time an event may have happened: [lo, hi], and where that came from."""

    lo: dt.date
    hi: dt.date
    text: str  # as given: "2022", "2022-09", "2022-09-01", or "unknown"
    source: str  # event | document | unknown

    def describe(self) -> str:
        if self.source == "event":
            return f"event dated {self.text}"
        if self.source == "document":
            return f"event date unknown; the article's date ({self.text}) was used"
        return "event and article dates unknown"


def parse_when(value: str | None) -> tuple[dt.date, dt.date] | None:
    """'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' (a longer ISO timestamp is cut) -> (first, last day)."""
    if not value:
        return None
    v = value.strip()[:10]
    try:
        if re.fullmatch(r"\d{4}", v):
            y = int(v)
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        if re.fullmatch(r"\d{4}-\d{2}", v):
            y, m = int(v[:4]), int(v[5:])
            first = dt.date(y, m, 1)
            nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        d = dt.date.fromisoformat(v)
        return d, d
    except ValueError:
        return None


def event_when(event_date: str | None, doc_date: str | None, today: dt.date | None = None) -> When:
    got = parse_when(event_date)
    if got:
        return When(got[0], got[1], event_date or "", "event")
    got = parse_when(doc_date)
    if got:
        # an undated event is reported at or before publication: check validity at that date
        return When(got[0], got[1], doc_date or "", "document")
    return When(dt.date(1945, 1, 1), today or dt.date.today(), "unknown", "unknown")


def validity(p: Provision, when: When) -> str:
    """in_force | partly | not_yet | ended, for the whole of ``when``."""
    if when.hi < p.start:
        return "not_yet"
    if p.end is not None and when.lo >= p.end:
        return "ended"
    if when.lo >= p.start and (p.end is None or when.hi < p.end):
        return "in_force"
    return "partly"


def _validity_text(p: Provision) -> str:
    if p.end is None:
        return f"in force since {p.start.isoformat()}"
    verb = "in force until" if p.renewable else "applied until"
    last = (p.end - dt.timedelta(days=1)).isoformat()
    return f"{verb} {last} (from {p.start.isoformat()})" + (", renewable" if p.renewable else "")


# --------------------------------------------------------------------------- assessment


@dataclass(frozen=True)
class Assessment:
    """How one provision bears on one transfer; ``relation`` is None when it does not apply."""

    regime: Regime
    provision: Provision
    status: str  # violates | exposure | ended | not_yet | recipient | category | not_bound
    relation: str | None  # violates | mentions | None
    partly: bool  # the event's date straddles the provision's start or end
    detail: str

    @property
    def applies(self) -> bool:
        return self.relation is not None


def _covers_recipient(p: Provision, code: str, parent: str | None) -> bool:
    return code in p.targets or (parent is not None and parent in p.territory and code not in p.territory)


def assess_transfer(supplier: str, recipient: str, categories: Sequence[str | None], when: When,
                    kb: SanctionsKB | None = None, *, recipient_parent: str | None = None,
                    supplier_parent: str | None = None) -> list[Assessment]:
    """Every arms provision whose target is the supplier or the recipient, and what it says.

    ``categories`` are the items' categories (None for an item of unknown category); an empty
    sequence means one item of unknown category.
    """
    kb = kb or default_kb()
    cats: list[str | None] = list(categories) or [None]
    out: list[Assessment] = []
    for regime in kb:
        for p in regime.provisions:
            if not p.is_arms:
                continue
            # which directions of this provision the transfer falls under
            exp = "arms_export_from" in p.restricts and (
                supplier in regime.targets or (supplier_parent is not None and supplier_parent in p.territory))
            imp = "arms_import_to" in p.restricts and (
                recipient in regime.targets or (recipient_parent is not None and recipient_parent in p.territory))
            if not (exp or imp):
                continue
            a = _assess_one(regime, p, supplier, recipient, exp, imp, cats, when, recipient_parent, supplier_parent)
            out.append(a)
    return out


def _assess_one(regime: Regime, p: Provision, supplier: str, recipient: str, exp: bool, imp: bool,
                cats: list[str | None], when: When, recipient_parent: str | None,
                supplier_parent: str | None) -> Assessment:
    head = f"{p.label}: {p.summary}"

    def result(status: str, relation: str | None, detail: str, partly: bool = False) -> Assessment:
        return Assessment(regime, p, status, relation, partly, detail)

    # recipient (or supplier) actually covered by this provision?
    exp_ok = exp and (supplier in p.targets or (supplier_parent is not None and supplier_parent in p.territory))
    imp_ok = imp and _covers_recipient(p, recipient, recipient_parent)
    if not (exp_ok or imp_ok):
        party = recipient if imp else supplier
        return result("recipient", None, f"{head} — does not cover {party} (covers {', '.join(p.targets)})")
    covered = [c for c in cats if p.covers_category(c)]
    if not covered:
        what = ", ".join(c or "items of unknown category" for c in cats)
        return result("category", None, f"{head} — covers only {', '.join(p.categories or ())}, not {what}")
    state = validity(p, when)
    dates = _validity_text(p)
    if state == "not_yet":
        return result("not_yet", None, f"{head} — not yet in force ({dates}; {when.describe()})")
    if state == "ended":
        return result("ended", None, f"{head} — no longer applies ({dates}; {when.describe()})")
    partly = state == "partly"
    when_txt = when.describe()
    if partly:
        when_txt += ", which straddles the provision's dates: it applies only to the part inside them"
    extra = f"; validity contested by {p.contested}" if p.contested else ""
    if p.kind == "designation":
        return result("exposure", "mentions",
                      f"{head} ({dates}; {when_txt}{extra}) — no prohibition on {supplier}, but the transfer "
                      f"exposes the parties to designation by the {regime.issuer}", partly)
    if regime.scope == "issuer_jurisdiction":
        # an export ban binds the issuer's exporters; an import ban binds its importers
        bound = (imp_ok and regime.binds(supplier)) or (exp_ok and regime.binds(recipient))
        if not bound:
            return result("not_bound", None,
                          f"{head} — binds only {regime.issuer} persons ({regime.applies_to}); "
                          f"neither {supplier} nor {recipient} is bound")
    return result("violates", "violates", f"{head} ({dates}; {when_txt}{extra})", partly)


# ------------------------------------------------------------------------------ linking


def _codes(actors: Iterable[object]) -> list[str]:
    return [c for a in actors if (c := getattr(a, "code", None))]


def _best(assessments: list[Assessment]) -> Assessment:
    # most specific = most recent in force; ties: the one fully in force
    return max(assessments, key=lambda a: (not a.partly, a.provision.start))


def _inferred_arms(event: Event, when: When, kb: SanctionsKB) -> list[SanctionLink]:
    at = event.arms_transfer
    if event.event_type != "AID" or at is None:
        return []
    suppliers = [at.supplier] if at.supplier else _codes(event.actor)
    recipients = [at.recipient] if at.recipient else _codes(event.recipient)
    parents = {a.code: a.parent for a in [*event.actor, *event.recipient]}
    cats = [it.category for it in at.items]
    found: dict[tuple[str, str], list[Assessment]] = {}
    for s in suppliers:
        for r in recipients:
            if s == r:
                continue
            for a in assess_transfer(s, r, cats, when, kb, recipient_parent=parents.get(r),
                                     supplier_parent=parents.get(s)):
                if a.relation:
                    found.setdefault((a.regime.id, a.relation), []).append(a)
    links = []
    for (rid, relation), group in found.items():
        if relation == "mentions" and (rid, "violates") in found:
            continue  # a violation of the regime says more than exposure under it
        best = _best(group)
        modality = weaker(event.modality, "possible" if best.partly else None)
        links.append(SanctionLink(rid, best.provision.label, relation, "inferred", modality, best.detail))
    return links


def _inferred_conduct(event: Event, when: When, texts: list[str], kb: SanctionsKB) -> list[SanctionLink]:
    """Non-arms conduct named in the event's sentences (e.g. sending DPRK workers abroad)."""
    if event.event_type not in CONDUCT_EVENT_TYPES:
        return []
    sentences = [normalise(t) for t in texts]
    actors, recipients = set(_codes(event.actor)), set(_codes(event.recipient))
    links: dict[tuple[str, str, str], SanctionLink] = {}
    for regime in kb:
        for p in regime.provisions:
            if not p.conduct_cues or not (actors & set(p.targets)) or (recipients & set(p.targets)):
                continue
            hit = next(((c, t) for t in sentences if (c := find_word(t, p.conduct_cues))), None)
            state = validity(p, when)
            if hit is None or state in ("not_yet", "ended"):
                continue
            cue, sentence = hit
            if regime.scope == "issuer_jurisdiction" and p.kind == "prohibition" and not (
                    recipients & set(regime.bound_codes)):
                continue
            relation = "mentions" if p.kind == "designation" else "violates"
            modality = weaker(weaker(event.modality, _sentence_modality(sentence, kb)),
                              "possible" if state == "partly" else None)
            if modality == "negated":
                continue
            detail = (f"{p.label}: {p.summary} ({_validity_text(p)}; {when.describe()}; "
                      f'conduct named in the text: "{cue}")')
            key = (regime.id, relation, p.restricts[0])
            old = links.get(key)
            if old is None or (old.provision or "") < p.label:
                links[key] = SanctionLink(regime.id, p.label, relation, "inferred", modality, detail)
    return list(links.values())


def _sentence_modality(sentence: str, kb: SanctionsKB) -> str:
    cues = kb.common.get("conduct_modality") or {}
    for modality in ("negated", "conditional", "possible", "alleged", "planned"):
        if any(c in sentence for c in cues.get(modality) or []):
            return modality
    return "asserted"


def _stated_by_event(event: Event, texts: list[str], kb: SanctionsKB) -> list[SanctionLink]:
    """A SANCTION event by an issuer on a target imposes its regime; an easing lifts it."""
    lifting = event.event_type == "CONCEDE" and event.mode == "ease_sanctions"
    if event.event_type != "SANCTION" and not lifting:
        return []
    context = " ".join([event.event_text or "", *texts])
    if not has_sanction_context(context, kb):
        return []  # an expulsion or a broken-off relation is not a sanctions regime
    relation, modality = ("lifts", "asserted") if lifting else ("imposes", "asserted")
    if not lifting:
        stmt = read_relation(event.event_text or "", kb, only=("lifts",))
        if stmt.relation == "lifts" and stmt.modality != "negated":
            relation = "lifts"
        elif find_word(normalise(event.event_text or ""), kb.common.get("sanction_nouns") or []) and \
                read_relation(" ".join(texts), kb, only=("imposes",)).relation != "imposes":
            # "les sanctions de l'ONU contre la Corée du Nord": the regime is named, nobody imposes it here
            relation = "mentions"
    modality = weaker(event.modality, modality)
    if modality == "negated":
        return []
    from .text import derived_regime_id

    links = []
    for issuer_code in _codes(event.actor):
        issuer = kb.issuer_of_code(issuer_code)
        if not issuer:
            continue
        for target in _codes(event.recipient):
            regimes = kb.by_issuer_target(issuer, target)
            verb = {"imposes": "imposes or maintains", "lifts": "lifts or eases"}.get(relation, "is said to have")
            if regimes:
                for r in regimes:
                    links.append(SanctionLink(r.id, None, relation, "text", modality,
                                              f"SANCTION event: {issuer_code} {verb} measures on {target} "
                                              f"({r.name_en})"))
            elif (rid := derived_regime_id(issuer, target, kb)) and target not in kb.common.get(
                    "issuers", {}).get(issuer, {}).get("codes", []):
                links.append(SanctionLink(rid, None, relation, "text", modality,
                                          f"SANCTION event: {issuer_code} {verb} measures on {target}; "
                                          f"regime not in the knowledge base, id built from the codes"))
    return links


def dedupe(links: Iterable[SanctionLink]) -> list[SanctionLink]:
    """One link per (regime, relation, basis, provision); a provision-less text link is dropped
    when a text link for the same regime and relation names the provision. Of duplicates the
    firmest modality is kept."""
    out: dict[tuple[str, str, str, str | None], SanctionLink] = {}
    for ln in links:
        key = (ln.regime, ln.relation, ln.basis, ln.provision)
        old = out.get(key)
        if old is None or weaker(old.modality, ln.modality) == old.modality != ln.modality:
            out[key] = ln
    kept = list(out.values())
    named = {(ln.regime, ln.relation, ln.basis) for ln in kept if ln.provision}
    return [ln for ln in kept if ln.provision or (ln.regime, ln.relation, ln.basis) not in named]


def link_event(event: Event, *, doc_date: str | None, sentence_texts: list[str] | None = None,
               kb: SanctionsKB | None = None) -> list[SanctionLink]:
    """Sanctions links for one event (SPEC §6). ``sentence_texts``: every sentence that mentions
    the event (default: ``event.text``); ``doc_date``: the article's date, used when the event
    has none."""
    kb = kb or default_kb()
    texts = [t for t in (sentence_texts or [event.text]) if t]
    when = event_when(event.date, doc_date)
    links: list[SanctionLink] = []
    if event.modality != "negated":
        links += _inferred_arms(event, when, kb)
        links += _inferred_conduct(event, when, texts, kb)
    links += _stated_by_event(event, texts, kb)
    actors, recipients = set(_codes(event.actor)), set(_codes(event.recipient))
    for t in texts:
        for ln in text_links(t, actors, recipients, kb):
            m = weaker(ln.modality, event.modality)
            if ln.relation == "violates" and m == "negated":
                ln = SanctionLink(ln.regime, ln.provision, "mentions", ln.basis, m, ln.explanation)
            else:
                ln = SanctionLink(ln.regime, ln.provision, ln.relation, ln.basis, m, ln.explanation)
            links.append(ln)
    return dedupe(links)


def event_sentences(event: Event, text: str | None) -> list[str]:
    """The sentences of an event (its main span and its mentions) read from the raw ``text``;
    ``[event.text]`` when the spans do not fit ``text`` (e.g. a cleaned text was passed)."""
    out: list[str] = []
    ti = event.text_info
    # the spans are raw offsets (SPEC §7): read them only if they fit this text
    if text and event.text and text[ti.start:ti.end].strip() == event.text.strip():
        for span in [ti, *event.mentions]:
            if 0 <= span.start < span.end <= len(text):
                chunk = text[span.start:span.end]
                if chunk not in out:
                    out.append(chunk)
    return out or ([event.text] if event.text else [])


def link_events(events: Iterable[Event], doc_date: str | None, text: str | None = None,
                kb: SanctionsKB | None = None) -> None:
    """Fill ``event.sanctions`` for every event of one document (raw ``text`` for the spans)."""
    kb = kb or default_kb()
    for ev in events:
        new = link_event(ev, doc_date=doc_date, sentence_texts=event_sentences(ev, text), kb=kb)
        ev.sanctions = dedupe([*ev.sanctions, *new])
