"""Typed records shared by every stage (SPEC §3–§7).

Every record serialises to the JSON of SPEC §7 with ``to_dict()``; offsets are
character offsets into the *raw* input text unless a field says otherwise.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Modality = Literal["asserted", "alleged", "possible", "planned", "negated", "conditional"]
MODALITIES: tuple[str, ...] = ("asserted", "alleged", "possible", "planned", "negated", "conditional")

#: the 16 PLOVER event types (SPEC §2)
EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

SOURCE_KINDS: tuple[str, ...] = (
    "government", "intelligence", "military", "official", "media", "expert",
    "organization", "document", "anonymous",
)

ARMS_CATEGORIES: tuple[str, ...] = (
    "aircraft", "uav", "air_defence", "armoured_vehicle", "artillery", "ammunition",
    "missile", "naval", "sensor", "small_arms", "other",
)


@dataclass
class Document:
    """One input article, as ingested (raw text untouched)."""

    id: str
    text: str
    date: str | None = None  # ISO date of publication, anchors relative dates
    title: str | None = None
    url: str | None = None
    source: str | None = None  # outlet or origin as given by the input
    origin: str | None = None  # "path:line" it was read from, for error messages
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass
class ActorMention:
    """A resolved actor in a document; offsets into the cleaned text."""

    start: int
    end: int
    text: str
    code: str
    name: str
    sector: str | None = None
    kind: str = "state"  # state | igo | group | person | media | body | region
    via: str = "name"  # name | demonym | metonym | person | body | coref
    parent: str | None = None
    wikidata: str | None = None


@dataclass
class Actor:
    """An actor as it appears in an event record (SPEC §3)."""

    entity_text: str
    code: str
    sector: str | None
    name: str
    wikidata: str | None = None
    parent: str | None = None
    start: int | None = None  # raw offsets of entity_text
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        return {k: v for k, v in d.items() if v is not None or k in ("sector",)}


@dataclass
class Span:
    sentence: int
    start: int
    end: int


@dataclass
class Source:
    """One link of an attribution chain (SPEC §4), outermost first."""

    name: str
    code: str | None
    kind: str
    cue: str
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Quantity:
    text: str
    min: float | None = None
    max: float | None = None


@dataclass
class ArmsItem:
    text: str
    category: str
    designation: str | None = None
    quantity: Quantity | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class ArmsTransfer:
    supplier: str
    recipient: str
    deal: str = "unknown"  # sale | aid | licence | unknown
    items: list[ArmsItem] = field(default_factory=list)


@dataclass
class SanctionLink:
    regime: str
    provision: str | None
    relation: str  # imposes | lifts | violates | mentions
    basis: str  # text | inferred
    modality: str | None = None
    explanation: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Event:
    """One document-level event record (SPEC §7)."""

    id: str
    doc_id: str
    event_type: str
    actor: list[Actor]
    recipient: list[Actor]
    event_text: str
    text: str
    text_info: Span
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    date: str | None = None
    modality: str = "asserted"
    attribution: list[Source] = field(default_factory=list)
    arms_transfer: ArmsTransfer | None = None
    sanctions: list[SanctionLink] = field(default_factory=list)
    #: raw offsets of the trigger, and of the cue words that set modality
    trigger: tuple[int, int] | None = None
    cues: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["actor"] = [a.to_dict() for a in self.actor]
        d["recipient"] = [a.to_dict() for a in self.recipient]
        if self.arms_transfer is None:
            d.pop("arms_transfer")
        d["trigger"] = list(self.trigger) if self.trigger else None
        return d
