"""Streaming exports of stored events: JSON Lines, CSV, Parquet and PLOVER JSON.

Every format streams from :meth:`Store.event_records` (keyed pages of 500), so an
export of millions of events runs in constant memory; Parquet is written in row
groups of ``PARQUET_BATCH`` rows.

PLOVER JSON (``--format plover``) — one JSON object a line per (actor, recipient)
pair of each event, PLOVER being dyadic (``event_id`` links pairs of one event;
``id`` is the event id, suffixed ``#n`` only when an event has several pairs):

* ``event_type``, ``mode``, ``context`` (list), ``date``, ``text`` (the sentence),
  ``id`` as in PLOVER; plus ``trigger``, ``modality``, ``source`` (attribution
  names, outermost first) and ``doc_id`` — veilleur's additions.
* ``actor`` / ``recipient``: ``{"code", "sector", "name", "text", "veilleur_code",
  "veilleur_sector"}`` where ``code`` is the ISO 3166-1 alpha-3 country (PLOVER/
  POLECAT convention) and ``sector`` a list of POLECAT-style sector names:
  - a state code (RUS, PRK …) stays; Kosovo is XKX;
  - partly-recognised entities (DPR, LPR, ABK, TRN …) and non-state groups take their
    ``parent`` state's code if known, else null; sector "Rebel" for REB/PRE;
  - international organisations (UNO, EUR, NAT …) and WST: code null, sector ["IGO"]
    (WST: []), the organisation kept in ``name`` and ``veilleur_code``;
  - sectors: GOV→Government, MIL→Military, SPY→Intelligence, DIP→Government+Diplomatic,
    LEG→Legislature, JUD→Judiciary, POL→Police, REB/PRE→Rebel, MED→Media,
    BUS→Business, CVL→Civilian, IGO→IGO, null→[].
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from functools import cache
from typing import IO, Any

from ..records import Actor
from .core import Store, StoredEvent
from .filters import EventFilter

FORMATS = ("jsonl", "csv", "parquet", "plover")
PARQUET_BATCH = 2000

SECTORS = {
    "GOV": ["Government"], "MIL": ["Military"], "SPY": ["Intelligence"], "DIP": ["Government", "Diplomatic"],
    "LEG": ["Legislature"], "JUD": ["Judiciary"], "POL": ["Police"], "REB": ["Rebel"], "PRE": ["Rebel"],
    "MED": ["Media"], "BUS": ["Business"], "CVL": ["Civilian"], "IGO": ["IGO"],
}

#: SPEC §3 organisation codes (not countries)
IGO_CODES = frozenset({"UNO", "EUR", "NAT", "AFU", "ASN", "IAE", "OSC", "G07", "G20", "CST", "SCO", "BRI", "GCC",
                       "ECW", "ICC", "IMF", "WBK"})
NON_ISO_STATES = {"XKX": "XKX"}  # Kosovo: user-assigned code, used by PLOVER/POLECAT data too


@cache
def is_iso3(code: str) -> bool:
    if code in NON_ISO_STATES:
        return True
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pycountry is a dependency
        return len(code) == 3 and code.isalpha() and code not in IGO_CODES
    return pycountry.countries.get(alpha_3=code) is not None


def plover_actor(a: Actor) -> dict[str, Any]:
    code = a.code
    if code in IGO_CODES:
        iso, sector = None, ["IGO"]
    elif code == "WST":
        iso, sector = None, []
    elif is_iso3(code):
        iso, sector = code, list(SECTORS.get(a.sector or "", []))
    else:
        iso = a.parent if a.parent and is_iso3(a.parent) else None
        sector = list(SECTORS.get(a.sector or "", ["Rebel"] if a.parent else []))
    return {"code": iso, "sector": sector, "name": a.name, "text": a.entity_text,
            "veilleur_code": a.code, "veilleur_sector": a.sector}


def plover_records(rec: StoredEvent) -> Iterator[dict[str, Any]]:
    ev = rec.event
    pairs = [(a, r) for a in (ev.actor or [None]) for r in (ev.recipient or [None])]
    for n, (a, r) in enumerate(pairs, 1):
        yield {
            "id": ev.id if len(pairs) == 1 else f"{ev.id}#{n}",
            "event_id": ev.id, "doc_id": ev.doc_id,
            "date": ev.date or rec.doc_date,
            "event_type": ev.event_type, "mode": ev.mode, "context": list(ev.contexts),
            "actor": plover_actor(a) if a else None,
            "recipient": plover_actor(r) if r else None,
            "text": ev.text, "trigger": ev.event_text, "modality": ev.modality,
            "source": [s.name for s in ev.attribution],
        }


CSV_FIELDS = [
    "id", "doc_id", "event_type", "mode", "modality", "date", "contexts",
    "actor_codes", "actor_names", "actor_sectors", "recipient_codes", "recipient_names", "recipient_sectors",
    "event_text", "text", "sentence_index", "sentence_start", "sentence_end",
    "attribution", "attribution_codes", "origin", "story_id",
    "arms_supplier", "arms_recipient", "arms_deal", "arms_categories", "arms_items", "sanctions_regimes",
    "sanctions", "doc_title", "doc_url", "doc_source", "doc_date",
]
_INT_FIELDS = {"sentence_index", "sentence_start", "sentence_end", "story_id"}


def flat_row(rec: StoredEvent) -> dict[str, Any]:
    """One event as a flat row (lists joined with ';', chains with ' > ')."""
    ev = rec.event
    t = ev.arms_transfer
    return {
        "id": ev.id, "doc_id": ev.doc_id, "event_type": ev.event_type, "mode": ev.mode, "modality": ev.modality,
        "date": ev.date, "contexts": ";".join(ev.contexts),
        "actor_codes": ";".join(a.code for a in ev.actor), "actor_names": ";".join(a.name or "" for a in ev.actor),
        "actor_sectors": ";".join(a.sector or "" for a in ev.actor),
        "recipient_codes": ";".join(a.code for a in ev.recipient),
        "recipient_names": ";".join(a.name or "" for a in ev.recipient),
        "recipient_sectors": ";".join(a.sector or "" for a in ev.recipient),
        "event_text": ev.event_text, "text": ev.text,
        "sentence_index": ev.text_info.sentence if ev.text_info else None,
        "sentence_start": ev.text_info.start if ev.text_info else None,
        "sentence_end": ev.text_info.end if ev.text_info else None,
        "attribution": " > ".join(f"{s.name} ({s.code or '-'}, {s.kind})" for s in ev.attribution),
        "attribution_codes": ";".join(s.code or "" for s in ev.attribution),
        "origin": rec.origin_name, "story_id": rec.story_id,
        "arms_supplier": t.supplier if t else None, "arms_recipient": t.recipient if t else None,
        "arms_deal": t.deal if t else None,
        "arms_categories": ";".join(sorted({i.category for i in t.items})) if t else None,
        "arms_items": ";".join(i.text for i in t.items) if t else None,
        "sanctions_regimes": ";".join(s.regime for s in ev.sanctions),
        "sanctions": ";".join(f"{s.regime}:{s.relation}:{s.basis}" for s in ev.sanctions),
        "doc_title": rec.doc_title, "doc_url": rec.doc_url, "doc_source": rec.doc_source, "doc_date": rec.doc_date,
    }


def export(store: Store, flt: EventFilter, fmt: str, out: IO[Any]) -> int:
    """Write the events matching ``flt`` to ``out`` (text stream; binary for parquet). Returns events written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    n = 0
    records = store.event_records(flt)
    if fmt == "jsonl":
        for rec in records:
            out.write(json.dumps(rec.event.to_dict(), ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "plover":
        for rec in records:
            for row in plover_records(rec):
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "csv":
        w = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
        w.writeheader()
        for rec in records:
            w.writerow(flat_row(rec))
            n += 1
    else:
        n = _parquet(records, out)
    return n


def _parquet(records: Iterator[StoredEvent], out: IO[bytes]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(f, pa.int64() if f in _INT_FIELDS else pa.string()) for f in CSV_FIELDS])
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[dict[str, Any]] = []
        for rec in records:
            batch.append(flat_row(rec))
            if len(batch) >= PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n
