"""Event filters shared by the library, the CLI and the HTTP API."""

from __future__ import annotations

from dataclasses import dataclass

from ..records import EVENT_TYPES, MODALITIES
from .text import date_interval


def _codes(value: str | list[str] | tuple[str, ...] | None) -> list[str]:
    """"PRK,IRN" or ["PRK", "IRN"] → ["PRK", "IRN"] (any of them matches)."""
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else list(value)
    return [v.strip().upper() for v in items if v and v.strip()]


@dataclass
class EventFilter:
    """Which events (or stories) to return. Every field is optional; they combine with AND.

    ``actor``, ``recipient``, ``type``, ``modality`` and ``regime`` accept one value or
    several (a list, or a comma-separated string): any of them matches. ``since`` and
    ``until`` are ISO dates of any precision ("2022", "2022-09", "2022-09-06"); an event
    matches when its date interval overlaps [since, until]. An event without a date of
    its own is placed at its document's publication date.
    """

    actor: str | list[str] | None = None
    recipient: str | list[str] | None = None
    type: str | list[str] | None = None
    since: str | None = None
    until: str | None = None
    modality: str | list[str] | None = None
    regime: str | list[str] | None = None
    doc_id: str | None = None
    story_id: int | None = None
    limit: int | None = None
    offset: int = 0

    def validate(self) -> list[str]:
        """Human-readable problems (unknown type or modality, bad date, negative limit)."""
        out = []
        for t in _codes(self.type):
            if t not in EVENT_TYPES:
                out.append(f"unknown event type {t!r} (one of {', '.join(EVENT_TYPES)})")
        for m in _codes(self.modality):
            if m.lower() not in MODALITIES:
                out.append(f"unknown modality {m.lower()!r} (one of {', '.join(MODALITIES)})")
        for name in ("since", "until"):
            v = getattr(self, name)
            if v is not None and date_interval(v) is None:
                out.append(f"--{name} {v!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        if self.limit is not None and self.limit < 0:
            out.append("--limit must be >= 0")
        if self.offset < 0:
            out.append("--offset must be >= 0")
        return out

    def where(self, alias: str = "e", story_modality: str | None = None) -> tuple[str, list[object]]:
        """SQL condition on events table ``alias`` (``1=1`` when nothing is filtered).

        ``story_modality``: a column to test ``modality`` against instead of the event's
        (stories are filtered on their own, aggregated modality).
        """
        conds: list[str] = []
        params: list[object] = []
        for role, value in (("actor", self.actor), ("recipient", self.recipient)):
            codes = _codes(value)
            if codes:
                conds.append(f"EXISTS (SELECT 1 FROM event_actors a WHERE a.event_pk = {alias}.id "
                             f"AND a.role = ? AND a.code IN ({_marks(codes)}))")
                params += [role, *codes]
        types = _codes(self.type)
        if types:
            conds.append(f"{alias}.event_type IN ({_marks(types)})")
            params += types
        mods = [m.lower() for m in _codes(self.modality)]
        if mods:
            conds.append(f"{story_modality or alias + '.modality'} IN ({_marks(mods)})")
            params += mods
        if self.since:
            iv = date_interval(self.since)
            if iv:
                conds.append(f"{alias}.date_hi >= ?")
                params.append(iv[0])
        if self.until:
            iv = date_interval(self.until)
            if iv:
                conds.append(f"{alias}.date_lo <= ?")
                params.append(iv[1])
        regimes = _codes(self.regime)
        if regimes:
            conds.append(f"EXISTS (SELECT 1 FROM sanctions_links s WHERE s.event_pk = {alias}.id "
                         f"AND s.regime IN ({_marks(regimes)}))")
            params += regimes
        if self.doc_id:
            conds.append(f"{alias}.doc_id = ?")
            params.append(self.doc_id)
        if self.story_id is not None:
            conds.append(f"{alias}.story_id = ?")
            params.append(self.story_id)
        return (" AND ".join(conds) or "1=1"), params

    def is_empty(self) -> bool:
        return self.where()[0] == "1=1"


def _marks(values: list[str]) -> str:
    return ", ".join("?" for _ in values)
