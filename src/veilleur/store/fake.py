"""A fast, deterministic stand-in for the NLP pipeline, for store tests and benchmarks.

It never loads spaCy. It reads event codes written into the text itself:
``AID:PRK>RUS`` (optionally ``/alleged``) anywhere in a document gives an AID event
from PRK to RUS in the sentence around it. ``FAIL`` anywhere makes the document fail.
``$VEILLEUR_FAKE_DELAY`` (seconds per document) slows it down, so a test can kill an
ingest mid-way.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterable, Iterator

from ..records import EVENT_TYPES, Actor, Document, Event, Span
from .results import Result

_CODE = re.compile(rf"\b({'|'.join(EVENT_TYPES)}):([A-Z_]{{3,}})>([A-Z_]{{3,}})(?:/([a-z]+))?")


class FakeExtractor:
    def __init__(self) -> None:
        self.delay = float(os.environ.get("VEILLEUR_FAKE_DELAY", "0") or 0)

    def process(self, doc: Document) -> Result:
        if self.delay:
            time.sleep(self.delay)
        if "FAIL" in doc.text:
            return Result(doc, error="fake extractor: document marked FAIL")
        events = []
        for n, m in enumerate(_CODE.finditer(doc.text)):
            start = doc.text.rfind(".", 0, m.start()) + 1
            end = doc.text.find(".", m.end())
            end = len(doc.text) if end < 0 else end + 1
            etype, a, r, mod = m.groups()
            events.append(Event(
                id=f"{doc.id}-{n}", doc_id=doc.id, event_type=etype,
                actor=[Actor(entity_text=a, code=a, sector=None, name=a, start=m.start(1) + len(etype) + 1,
                             end=m.start(1) + len(etype) + 1 + len(a))],
                recipient=[Actor(entity_text=r, code=r, sector=None, name=r)],
                event_text=m.group(0), text=doc.text[start:end].strip(), text_info=Span(n, start, end),
                date=doc.date, modality=mod or "asserted", trigger=(m.start(), m.end())))
        return Result(doc, cleaned_text=doc.text, language="fr", events=events)

    def pipe(self, docs: Iterable[Document]) -> Iterator[Result]:
        for d in docs:
            yield self.process(d)
