"""Ingest — placeholder reading plain text and JSON Lines; replaced by the full reader."""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .records import Document


@dataclass
class IngestError:
    where: str  # "path:line" or "path"
    message: str


@dataclass
class IngestNotice:
    where: str
    message: str


def content_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def read_inputs(paths: Iterable[Path], date: str | None = None) -> Iterator[Document | IngestError | IngestNotice]:
    paths = list(paths) or [Path("-")]
    for p in paths:
        if str(p) == "-":
            text = sys.stdin.read()
            yield Document(id=content_id(text), text=text, date=date, origin="<stdin>")
            continue
        files = sorted(x for x in p.rglob("*") if x.is_file()) if p.is_dir() else [p]
        for f in files:
            if f.suffix == ".jsonl":
                for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
                    if not line.strip():
                        continue
                    try:
                        row = json.loads(line)
                    except json.JSONDecodeError as e:
                        yield IngestError(f"{f}:{n}", f"not JSON: {e.msg}")
                        continue
                    text = row.get("text") or ""
                    yield Document(id=str(row.get("id") or content_id(text)), text=text,
                                   date=date or row.get("date"), title=row.get("title"), url=row.get("url"),
                                   source=row.get("source"), origin=f"{f}:{n}")
            else:
                text = f.read_text(encoding="utf-8")
                yield Document(id=content_id(text), text=text, date=date, origin=str(f))
