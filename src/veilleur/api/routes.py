"""Read endpoints: events, stories, documents, actors, arms flows, sanctions, timeline."""

from __future__ import annotations

import csv
import io
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import Response

from ..store import EventFilter, Store
from ..store.export import CSV_FIELDS, flat_row
from . import highlight, views
from .params import Filters, Limit, Offset, filters
from .state import AppState

router = APIRouter(prefix="/api")


def app_state(request: Request) -> AppState:
    return request.app.state.veilleur


def store(request: Request) -> Store:
    return app_state(request).store()


StoreDep = Annotated[Store, Depends(store)]
FiltersDep = Annotated[Filters, Depends(filters)]


def wants_csv(request: Request, fmt: str | None) -> bool:
    if fmt is not None:
        return fmt == "csv"
    accept = request.headers.get("accept", "")
    return "text/csv" in accept and "application/json" not in accept


@router.get("/events", summary="Events matching the filters of `veilleur events`",
            responses={200: {"content": {"application/json": {}, "text/csv": {}}}})
def list_events(request: Request, st: StoreDep, f: FiltersDep, limit: Limit = 100, offset: Offset = 0,
                format: Annotated[Literal["json", "csv"] | None, Query()] = None) -> Any:  # noqa: A002
    flt = f.event_filter(limit, offset)
    recs = list(st.event_records(flt))
    if wants_csv(request, format):
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
        w.writeheader()
        for r in recs:
            w.writerow(flat_row(r))
        return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="events.csv"'})
    total = st.count_events(f.event_filter())
    return {"total": total, "limit": limit, "offset": offset, "items": [views.event_json(r) for r in recs]}


StoryOrder = Literal["id", "origins", "recent", "reports"]


def _story_json(st: Store, s: Any, with_origins: bool) -> dict[str, Any]:
    d = s.to_dict()
    if with_origins:
        d["origins"] = [{"key": o.key, "name": o.name, "code": o.code, "kind": o.kind,
                         "reports": [{**r.__dict__, "attribution": [a.to_dict() for a in r.attribution],
                                      "evidence_url": views.evidence_url(r.doc_id, r.event_id)}
                                     for r in o.reports]}
                        for o in st.story_origins(s.id)]
    return d


@router.get("/stories", summary="Stories (reports of one event across documents) with corroboration")
def list_stories(st: StoreDep, f: FiltersDep, limit: Limit = 100, offset: Offset = 0,
                 order: StoryOrder = "origins", origins: bool = False) -> dict[str, Any]:
    flt = f.event_filter(limit, offset)
    return {"limit": limit, "offset": offset,
            "items": [_story_json(st, s, origins) for s in st.stories(flt, order=order)]}


@router.get("/stories/{story_id}", summary="One story with its independent origins and their reports")
def get_story(st: StoreDep, story_id: Annotated[int, Path(ge=0, le=2**62)]) -> dict[str, Any]:
    s = st.get_story(story_id)
    if s is None:
        raise HTTPException(404, f"no story {story_id}")
    return _story_json(st, s, True)


def document_payload(st: Store, doc_id: str) -> dict[str, Any]:
    doc = st.get_document(doc_id)
    if doc is None:
        raise HTTPException(404, "no such document")
    recs = list(st.event_records(EventFilter(doc_id=doc.id)))
    n = len(doc.raw_text)
    spans = [s for r in recs for s in highlight.event_spans(r.event, n)]
    return {"id": doc.id, "title": doc.title, "url": doc.url, "source": doc.source, "date": doc.date,
            "language": doc.language, "status": doc.status, "error": doc.error, "text": doc.raw_text,
            "spans": highlight.spans_json(spans),
            "residue": highlight.spans_json(highlight.residue_spans(doc.raw_text)),
            "events": [views.event_json(r) for r in recs]}


@router.get("/documents", summary="Stored documents (without text), in ingest order")
def list_documents(st: StoreDep, limit: Limit = 100, offset: Offset = 0,
                   status: Literal["ok", "failed", "skipped"] | None = None) -> dict[str, Any]:
    return {"limit": limit, "offset": offset,
            "items": [d.__dict__ for d in st.documents(status=status, limit=limit, offset=offset)]}


@router.get("/documents/{doc_id:path}", summary="A document's raw text with highlight spans (raw offsets) and events")
def get_document(st: StoreDep, doc_id: str) -> dict[str, Any]:
    return document_payload(st, doc_id)


@router.get("/actors", summary="Actors in most events (as actor or recipient)")
def actors(st: StoreDep, f: FiltersDep, n: Annotated[int, Query(ge=1, le=500)] = 20) -> list[dict[str, Any]]:
    return [a.__dict__ for a in st.actors_top(n, f.event_filter())]


@router.get("/arms/flows", summary="Arms transfers aggregated supplier → recipient")
def arms_flows(st: StoreDep, f: FiltersDep) -> list[dict[str, Any]]:
    return [fl.to_dict() for fl in views.arms_flows(st, f.event_filter())]


@router.get("/sanctions", summary="Sanctions regimes with the number of linked events")
def sanctions(st: StoreDep, f: FiltersDep) -> list[dict[str, Any]]:
    return views.regime_counts(st, f.event_filter())


@router.get("/sanctions/{regime_id}", summary="Events linked to one regime, with provision and explanation")
def sanctions_regime(st: StoreDep, f: FiltersDep, regime_id: Annotated[str, Path(max_length=100)],
                     limit: Limit = 200, offset: Offset = 0) -> dict[str, Any]:
    regime = regime_id.upper()
    flt = f.event_filter(limit, offset)
    flt.regime = None  # the path names the regime; a ?regime= filter would only narrow it to nothing
    return {"regime": regime, "name": views.regime_names().get(regime),
            "links": views.regime_links(st, regime, flt)}


@router.get("/timeline", summary="Events of an actor or a dyad ordered by date")
def timeline(st: StoreDep, f: FiltersDep, limit: Limit = 500) -> dict[str, Any]:
    recs = views.timeline(st, f.event_filter(limit))
    return {"months": dict(views.month_counts(recs)), "items": [views.event_json(r) for r in recs]}
