"""Highlight spans over a raw article, as plain-text segments (never HTML).

The article is untrusted. Segments carry text and span kinds; the template
renders each piece through Jinja's autoescape, so no markup from the article can
ever reach the page as markup. Overlapping spans are split at every boundary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..records import Event

#: kind → label prefix shown as text beside the highlight (readable without colour)
LABELS = {
    "trigger": "déclencheur", "actor": "acteur", "recipient": "cible", "cue": "indice",
    "source": "source", "arms": "armes", "residue": "résidu",
}


@dataclass
class HSpan:
    start: int
    end: int
    kind: str
    label: str
    event_id: str | None = None


@dataclass
class Segment:
    text: str
    kinds: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)  # labels of spans that end here
    events: list[str] = field(default_factory=list)


def _ok(start: Any, end: Any, n: int) -> bool:
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= n


def event_spans(ev: Event, n: int) -> list[HSpan]:
    """Every raw-offset span an event carries, checked against the text length ``n``."""
    out: list[HSpan] = []

    def add(start: Any, end: Any, kind: str, label: str) -> None:
        if _ok(start, end, n):
            out.append(HSpan(start, end, kind, label, ev.id))

    if ev.trigger:
        add(ev.trigger[0], ev.trigger[1], "trigger", f"déclencheur {ev.event_type}")
    for a in ev.actor:
        add(a.start, a.end, "actor", f"acteur {a.code}")
    for a in ev.recipient:
        add(a.start, a.end, "recipient", f"cible {a.code}")
    for c in ev.cues:
        what = c.get("sets") or c.get("kind") or ""
        add(c.get("start"), c.get("end"), "cue", f"indice {what}".strip())
    for s in ev.attribution:
        add(s.start, s.end, "source", f"source {s.kind}")
    if ev.arms_transfer:
        for it in ev.arms_transfer.items:
            qty = f" ≥{it.quantity.min:,.0f}".replace(",", "\u202f") if it.quantity and it.quantity.min else ""
            add(it.start, it.end, "arms", f"armes {it.category}{qty}")
    return out


def segments(text: str, spans: list[HSpan]) -> list[Segment]:
    """Split ``text`` at every span boundary; each piece knows which kinds cover it."""
    n = len(text)
    spans = [s for s in spans if _ok(s.start, s.end, n)]
    cuts = sorted({0, n, *(s.start for s in spans), *(s.end for s in spans)})
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        cover = [s for s in spans if s.start <= a and s.end >= b]
        kinds = sorted({s.kind for s in cover})
        ending = [s for s in cover if s.end == b]
        labels = list(dict.fromkeys(s.label for s in ending))
        evs = sorted({s.event_id for s in cover if s.event_id})
        out.append(Segment(text[a:b], kinds, labels, evs))
    return out


def residue_spans(raw: str) -> list[HSpan]:
    """Web-scrape residue the cleaner drops (recomputed: the cleaner is fast and model-free)."""
    try:
        from ..clean import clean

        return [HSpan(d.start, d.end, "residue", f"résidu ({d.rule})") for d in clean(raw).dropped]
    except Exception:  # residue is a nicety; the evidence view must not fail for it
        return []


def spans_json(spans: list[HSpan]) -> list[dict[str, Any]]:
    return [{"start": s.start, "end": s.end, "kind": s.kind, "label": s.label, "event_id": s.event_id}
            for s in sorted(spans, key=lambda s: (s.start, s.end))]
