"""Data shaping shared by the JSON API and the pages: events, arms flows, sanctions, timelines.

Aggregates are computed from fixed SQL plus the WHERE clause of an
:class:`~veilleur.store.EventFilter` (bound parameters only): request strings never
become SQL text.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlencode

from ..records import Event
from ..store import EventFilter, Store, StoredEvent

#: strongest first; a flow's label is the strongest modality among its reports
MODALITY_ORDER = ("asserted", "alleged", "planned", "possible", "conditional", "negated")


def strongest(modalities: Counter[str]) -> str | None:
    for m in MODALITY_ORDER:
        if modalities.get(m):
            return m
    return next(iter(modalities), None)


def evidence_url(doc_id: str, event_id: str | None = None) -> str:
    url = f"/evidence/{quote(doc_id, safe='')}"
    return url + ("?" + urlencode({"event": event_id}) if event_id else "")


def event_json(rec: StoredEvent) -> dict[str, Any]:
    d = rec.event.to_dict()
    d["story_id"] = rec.story_id
    d["origin"] = rec.origin_name
    d["document"] = {"id": rec.event.doc_id, "title": rec.doc_title, "url": rec.doc_url,
                     "source": rec.doc_source, "date": rec.doc_date}
    d["evidence_url"] = evidence_url(rec.event.doc_id, rec.event.id)
    return d


def codes(actors: list[Any]) -> str:
    return ", ".join(a.code for a in actors) or "—"


def event_date(rec: StoredEvent) -> str:
    """The event's own date, else its document's (how the store places undated events)."""
    return rec.event.date or rec.doc_date or ""


# --- arms flows --------------------------------------------------------------------------------

@dataclass
class Flow:
    supplier: str
    recipient: str
    events: int = 0
    stories: set[int] = field(default_factory=set)
    modalities: Counter[str] = field(default_factory=Counter)
    deals: Counter[str] = field(default_factory=Counter)
    categories: Counter[str] = field(default_factory=Counter)
    quantity_min: dict[str, float] = field(default_factory=dict)  # per category, sum of known minimums
    designations: set[str] = field(default_factory=set)

    @property
    def label(self) -> str | None:
        return strongest(self.modalities)

    def to_dict(self) -> dict[str, Any]:
        return {"supplier": self.supplier, "recipient": self.recipient, "events": self.events,
                "stories": len(self.stories), "modality": self.label, "modalities": dict(self.modalities),
                "deals": dict(self.deals), "categories": dict(self.categories),
                "quantity_min": self.quantity_min, "designations": sorted(self.designations),
                "stories_url": "/stories?" + urlencode({"type": "AID", "actor": self.supplier,
                                                        "recipient": self.recipient})}


def arms_flows(store: Store, flt: EventFilter) -> list[Flow]:
    """Supplier → recipient aggregates of arms transfers among events matching ``flt``."""
    where, params = flt.where("e")
    flows: dict[tuple[str, str], Flow] = {}
    for sup, rec, modality, story_id, deal in store.db.all(
            "SELECT t.supplier, t.recipient, e.modality, e.story_id, t.deal FROM arms_transfers t "
            f"JOIN events e ON e.id = t.event_pk WHERE {where}", params):
        f = flows.setdefault((sup, rec), Flow(sup, rec))
        f.events += 1
        if story_id is not None:
            f.stories.add(story_id)
        f.modalities[modality or "asserted"] += 1
        f.deals[deal or "unknown"] += 1
    for sup, rec, cat, qmin, des in store.db.all(
            "SELECT t.supplier, t.recipient, i.category, i.qty_min, i.designation FROM arms_items i "
            "JOIN arms_transfers t ON t.event_pk = i.event_pk JOIN events e ON e.id = i.event_pk "
            f"WHERE {where}", params):
        f = flows.get((sup, rec))
        if f is None:
            continue
        cat = cat or "other"
        f.categories[cat] += 1
        if qmin is not None:
            f.quantity_min[cat] = f.quantity_min.get(cat, 0) + float(qmin)
        if des:
            f.designations.add(des)
    return sorted(flows.values(), key=lambda f: (-len(f.stories), -f.events, f.supplier, f.recipient))


# --- sanctions ---------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def regime_names() -> dict[str, str]:
    """Regime id → French name, from the sanctions knowledge base (empty if it cannot load)."""
    try:
        from ..sanctions import default_kb

        return {r.id: r.name_fr or r.name_en for r in default_kb()}
    except Exception:  # the page still works without names
        return {}


def regime_counts(store: Store, flt: EventFilter) -> list[dict[str, Any]]:
    """Per regime: links by relation, among events matching ``flt``."""
    where, params = flt.where("e")
    per: dict[str, Counter[str]] = defaultdict(Counter)
    events: dict[str, set[int]] = defaultdict(set)
    for regime, relation, pk in store.db.all(
            "SELECT s.regime, s.relation, e.id FROM sanctions_links s JOIN events e ON e.id = s.event_pk "
            f"WHERE {where}", params):
        per[regime][relation] += 1
        events[regime].add(pk)
    names = regime_names()
    return [{"regime": r, "name": names.get(r), "events": len(events[r]), "relations": dict(per[r])}
            for r in sorted(per, key=lambda r: (-len(events[r]), r))]


def regime_links(store: Store, regime: str, flt: EventFilter) -> list[dict[str, Any]]:
    """Events linked to ``regime`` (within ``flt``), each with the links to that regime."""
    out = []
    for rec in store.event_records(EventFilter(**{**flt.__dict__, "regime": regime})):
        for link in rec.event.sanctions:
            if link.regime != regime:
                continue
            out.append({"event": event_json(rec), "provision": link.provision, "relation": link.relation,
                        "basis": link.basis, "modality": link.modality or rec.event.modality,
                        "explanation": link.explanation})
    return out


# --- timeline ----------------------------------------------------------------------------------

def timeline(store: Store, flt: EventFilter) -> list[StoredEvent]:
    recs = list(store.event_records(flt))
    recs.sort(key=lambda r: (event_date(r) or "9999", r.pk))
    return recs


def month_counts(recs: list[StoredEvent]) -> list[tuple[str, int]]:
    c: Counter[str] = Counter(event_date(r)[:7] or "sans date" for r in recs)
    return sorted(c.items())


def event_summary(ev: Event) -> str:
    return f"{ev.event_type} {codes(ev.actor)} → {codes(ev.recipient)}"
