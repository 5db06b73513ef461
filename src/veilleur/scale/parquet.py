"""Extraction results as a partitioned Parquet dataset, and back.

Layout of an output directory (``veilleur ingest --dask … --out DIR``)::

    DIR/_veilleur.json                  format version and partition size (checked on restart)
    DIR/documents/part-000123.parquet   one row per input document of partition 123
    DIR/events/part-000123.parquet      one row per event of those documents

Two datasets rather than one mixed table: each reads directly with pandas, DuckDB or
Spark (``pd.read_parquet("DIR/events")``). Each file is written to a ``.tmp`` name,
fsynced, then renamed (``os.replace``): a reader or a restart never sees half a file.
The events file is renamed first and the documents file last, so **a partition is done
exactly when its documents file exists**; a restart skips those and redoes the others
(overwriting any events file a killed attempt left).

``event_json`` holds the full record (``Event.to_dict()``, SPEC §7); the other event
columns are conveniences for filtering without parsing JSON. ``import_dataset`` loads
such a directory into a store, idempotently (content hash, like ingest).
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any

from ..records import (
    Actor,
    ActorMention,
    ArmsItem,
    ArmsTransfer,
    Document,
    Event,
    Quantity,
    SanctionLink,
    Source,
    Span,
)
from ..store.core import Store, content_hash
from ..store.ingest import IngestReport, record_batch
from ..store.results import Result

FORMAT = 1
MANIFEST = "_veilleur.json"


def _schemas() -> tuple[Any, Any]:
    import pyarrow as pa

    documents = pa.schema([
        ("partition", pa.int32()), ("row", pa.int32()),  # row: position of the document in its partition
        ("id", pa.string()), ("content_hash", pa.string()), ("text", pa.string()),
        ("date", pa.string()), ("title", pa.string()), ("url", pa.string()), ("source", pa.string()),
        ("origin", pa.string()), ("metadata_json", pa.string()),
        ("status", pa.string()),  # ok | failed | skipped (not processed, e.g. not French)
        ("error", pa.string()),  # the failure, or why it was not processed
        ("language", pa.string()), ("cleaned_text", pa.string()),
        ("actors_json", pa.string()),  # the resolved actor mentions (offsets into cleaned_text)
        ("n_events", pa.int32()),
    ])
    events = pa.schema([
        ("partition", pa.int32()), ("row", pa.int32()),  # the document's row in documents/part-N
        ("doc_id", pa.string()), ("event_id", pa.string()), ("event_type", pa.string()),
        ("modality", pa.string()), ("date", pa.string()),
        ("actor_codes", pa.list_(pa.string())), ("recipient_codes", pa.list_(pa.string())),
        ("event_json", pa.string()),
    ])
    return documents, events


# ------------------------------------------------------------ records <-> JSON

def _build(cls: type, d: dict[str, Any]) -> Any:
    """A dataclass from a dict, ignoring unknown keys and leaving missing ones to their defaults
    (``Actor.to_dict`` drops None fields)."""
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in d.items() if k in names})


def event_from_dict(d: dict[str, Any]) -> Event:
    """The inverse of ``Event.to_dict()``."""
    def actors(xs: list[dict[str, Any]]) -> list[Actor]:
        return [_build(Actor, {"sector": None, "name": None, **x}) for x in xs or []]

    arms = None
    if d.get("arms_transfer"):
        t = d["arms_transfer"]
        items = [ArmsItem(**{**it, "quantity": _build(Quantity, it["quantity"]) if it.get("quantity") else None})
                 for it in t.get("items", [])]
        arms = ArmsTransfer(supplier=t["supplier"], recipient=t["recipient"], deal=t.get("deal", "unknown"),
                            items=items)
    return Event(
        id=d["id"], doc_id=d["doc_id"], event_type=d["event_type"], actor=actors(d.get("actor", [])),
        recipient=actors(d.get("recipient", [])), event_text=d.get("event_text", ""), text=d.get("text", ""),
        text_info=_build(Span, d["text_info"]), mode=d.get("mode"), contexts=list(d.get("contexts", [])),
        mentions=[_build(Span, m) for m in d.get("mentions", [])], date=d.get("date"),
        modality=d.get("modality", "asserted"), attribution=[_build(Source, s) for s in d.get("attribution", [])],
        arms_transfer=arms, sanctions=[_build(SanctionLink, s) for s in d.get("sanctions", [])],
        trigger=tuple(d["trigger"]) if d.get("trigger") else None,  # type: ignore[arg-type]
        cues=list(d.get("cues", [])))


def _status(res: Result) -> str:
    return "failed" if res.error else ("skipped" if res.skipped else "ok")


def tables(partition: int, results: list[Result]) -> tuple[Any, Any]:
    """The documents and events tables of one partition."""
    import pyarrow as pa

    doc_schema, ev_schema = _schemas()
    docs: list[dict[str, Any]] = []
    evs: list[dict[str, Any]] = []
    for row, res in enumerate(results):
        d, status = res.document, _status(res)
        events = res.events if status == "ok" else []
        docs.append({
            "partition": partition, "row": row, "id": d.id, "content_hash": content_hash(d.text), "text": d.text,
            "date": d.date, "title": d.title, "url": d.url, "source": d.source, "origin": d.origin,
            "metadata_json": json.dumps(d.metadata, ensure_ascii=False, default=str) if d.metadata else None,
            "status": status, "error": res.error or res.skipped, "language": res.language,
            "cleaned_text": res.cleaned_text,
            "actors_json": json.dumps([m.__dict__ for m in res.actors or []], ensure_ascii=False),
            "n_events": len(events)})
        for ev in events:
            evs.append({
                "partition": partition, "row": row, "doc_id": d.id, "event_id": ev.id, "event_type": ev.event_type,
                "modality": ev.modality, "date": ev.date, "actor_codes": [a.code for a in ev.actor],
                "recipient_codes": [a.code for a in ev.recipient],
                "event_json": json.dumps(ev.to_dict(), ensure_ascii=False)})
    return pa.Table.from_pylist(docs, schema=doc_schema), pa.Table.from_pylist(evs, schema=ev_schema)


def results_from_tables(documents: Any, events: Any) -> list[Result]:
    """The inverse of :func:`tables`: pipeline-like results the store can add."""
    by_row: dict[int, list[Event]] = {}
    for e in events.to_pylist():
        by_row.setdefault(e["row"], []).append(event_from_dict(json.loads(e["event_json"])))
    out: list[Result] = []
    for r in documents.to_pylist():
        doc = Document(id=r["id"], text=r["text"], date=r["date"], title=r["title"], url=r["url"],
                       source=r["source"], origin=r["origin"], metadata=json.loads(r["metadata_json"] or "{}"))
        status = r["status"]
        out.append(Result(
            document=doc, cleaned_text=r["cleaned_text"], language=r["language"],
            events=by_row.get(r["row"], []) if status == "ok" else [],
            actors=[ActorMention(**m) for m in json.loads(r["actors_json"] or "[]")],
            error=r["error"] if status == "failed" else None, skipped=r["error"] if status == "skipped" else None))
    return out


# ------------------------------------------------------------ files

def part_name(partition: int) -> str:
    return f"part-{partition:06d}.parquet"


def is_done(out: Path, partition: int) -> bool:
    return (out / "documents" / part_name(partition)).exists()


def _write_atomic(table: Any, final: Path) -> None:
    """Write, fsync, rename: ``final`` appears complete or not at all. The temporary name is
    unique so two attempts of one partition (a worker presumed dead that was not) never mix."""
    import pyarrow.parquet as pq

    tmp = final.with_name(f"{final.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with open(tmp, "wb") as f:
            pq.write_table(table, f, compression="zstd")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, final)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_partition(out: Path, partition: int, results: list[Result]) -> None:
    documents, events = tables(partition, results)
    _write_atomic(events, out / "events" / part_name(partition))
    _write_atomic(documents, out / "documents" / part_name(partition))  # last: marks the partition done


class DatasetError(Exception):
    pass


def prepare_output(out: Path, partition_size: int) -> None:
    """Create ``out`` or check that a restart uses the partition size it was started with
    (partition N is documents N*K … N*K+K-1 of the input: another K would mix them up)."""
    manifest = out / MANIFEST
    if manifest.exists():
        try:
            info = json.loads(manifest.read_text())
        except (OSError, ValueError) as e:
            raise DatasetError(f"{manifest}: unreadable ({e})") from None
        if info.get("partition_size") != partition_size:
            raise DatasetError(f"{out} was written with --batch-size {info.get('partition_size')}; restart with "
                               f"the same value (or write to a new directory)")
        return
    if out.exists() and any(out.iterdir()):
        raise DatasetError(f"{out} exists and is not a veilleur dataset; give a new or empty directory")
    for sub in ("documents", "events"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    manifest.write_text(json.dumps({"format": FORMAT, "partition_size": partition_size}) + "\n")


def done_partitions(out: Path) -> list[Path]:
    """The documents files of the finished partitions, in partition order."""
    if not (out / MANIFEST).exists() or not (out / "documents").is_dir():
        raise DatasetError(f"{out}: not a veilleur dataset (no {MANIFEST}; written by veilleur ingest --out)")
    return sorted((out / "documents").glob("part-*.parquet"))


def read_partition(documents_file: Path) -> list[Result]:
    import pyarrow.parquet as pq

    _, ev_schema = _schemas()
    events_file = documents_file.parent.parent / "events" / documents_file.name
    events = pq.read_table(events_file) if events_file.exists() else ev_schema.empty_table()
    return results_from_tables(pq.read_table(documents_file), events)


def iter_dataset(out: Path) -> Iterator[list[Result]]:
    for f in done_partitions(out):
        yield read_partition(f)


def import_dataset(store: Store, out: Path, *, reprocess: bool = False,
                   on_error: Callable[[str, str], None] | None = None,
                   on_notice: Callable[[str, str], None] | None = None,
                   on_progress: Callable[[int], None] | None = None) -> IngestReport:
    """Load a dataset into ``store``, one transaction per partition; documents already stored
    (content hash) are skipped, so importing twice, or after a direct ingest, adds nothing."""
    import time

    report = IngestReport()
    t0 = time.perf_counter()
    seen: set[str] = set()
    for results in iter_dataset(out):
        hashes = [content_hash(r.document.text) for r in results]
        known = store.known_hashes(hashes)
        todo: list[Result] = []
        for res, h in zip(results, hashes, strict=True):
            if h in seen or (not reprocess and known.get(h) in ("ok", "skipped")):
                report.skipped += 1
            else:
                todo.append(res)
            seen.add(h)
        if on_progress and len(todo) < len(results):
            on_progress(len(results) - len(todo))
        if todo:
            record_batch(store, todo, report, on_error=on_error, on_notice=on_notice, on_progress=on_progress)
    report.seconds = time.perf_counter() - t0
    return report
