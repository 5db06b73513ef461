"""A minimal pipeline result, for failures the store records itself and for the fake extractor."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..records import ActorMention, Document, Event


@dataclass
class Result:
    """Same fields as the pipeline's ``ProcessResult`` (the store only reads these)."""

    document: Document
    cleaned_text: str | None = None
    language: str | None = None
    events: list[Event] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    error: str | None = None
    skipped: str | None = None
