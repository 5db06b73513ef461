"""Query parameters shared by the API and the pages: the filters of ``veilleur events``.

Every value reaches the database through :class:`~veilleur.store.EventFilter`, which
binds them as SQL parameters; nothing here builds SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import HTTPException, Query

from ..store import EventFilter

MAX_LIMIT = 1000
_S = 200  # longest accepted filter string: codes lists, never prose

Codes = Annotated[str | None, Query(max_length=_S, description="Code(s), comma-separated: PRK,IRN")]


@dataclass
class Filters:
    actor: str | None = None
    recipient: str | None = None
    type: str | None = None
    since: str | None = None
    until: str | None = None
    modality: str | None = None
    regime: str | None = None

    def event_filter(self, limit: int | None = None, offset: int = 0) -> EventFilter:
        flt = EventFilter(actor=self.actor or None, recipient=self.recipient or None, type=self.type or None,
                          since=self.since or None, until=self.until or None, modality=self.modality or None,
                          regime=self.regime or None, limit=limit, offset=offset)
        problems = flt.validate()
        if problems:
            raise HTTPException(422, problems[0].replace("--", ""))
        return flt

    def query(self) -> dict[str, str]:
        """The non-empty filters, to rebuild links (pagination, CSV download)."""
        return {k: v for k, v in self.__dict__.items() if v}


def filters(
    actor: Codes = None,
    recipient: Codes = None,
    type: Annotated[str | None, Query(max_length=_S, description="PLOVER type(s): AID,SANCTION")] = None,  # noqa: A002
    since: Annotated[str | None, Query(max_length=10, description="YYYY[-MM[-DD]]")] = None,
    until: Annotated[str | None, Query(max_length=10, description="YYYY[-MM[-DD]]")] = None,
    modality: Annotated[str | None, Query(max_length=_S, description="asserted, alleged, possible …")] = None,
    regime: Annotated[str | None, Query(max_length=_S, description="Sanctions regime id(s): UN-DPRK")] = None,
) -> Filters:
    return Filters(actor, recipient, type, since, until, modality, regime)


Limit = Annotated[int, Query(ge=0, le=MAX_LIMIT, description=f"At most {MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, le=10**9)]
