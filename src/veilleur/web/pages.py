"""Server-rendered pages for the analyst (Jinja2, autoescaped; a little vanilla JS for uploads).

Pages read the store through the same helpers as the JSON API, so a page and its
endpoint always agree.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from ..api import highlight, views
from ..api.params import Filters, Offset, filters
from ..api.routes import store
from ..records import EVENT_TYPES, MODALITIES
from ..store import EventFilter, Store
from . import graph

HERE = Path(__file__).parent
PAGE_SIZE = 50

# autoescape on for everything: article text is untrusted and goes through these templates
env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                         undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
env.globals.update(codes=views.codes, evidence_url=views.evidence_url, event_date=views.event_date,
                   summary=views.event_summary, EVENT_TYPES=EVENT_TYPES, MODALITIES=MODALITIES,
                   MODALITY_FR=graph.MODALITY_FR, LABELS=highlight.LABELS, urlencode=urlencode)

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
StoreDep = Annotated[Store, Depends(store)]
FiltersDep = Annotated[Filters, Depends(filters)]


def render(template: str, request: Request, status: int = 200, /, **ctx: Any) -> HTMLResponse:
    html = env.get_template(template).render(path=request.url.path, **ctx)
    return HTMLResponse(html, status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render("error.html", request, status, status_code=status, message=message)


@router.get("/")
def events_page(request: Request, st: StoreDep, f: FiltersDep, offset: Offset = 0) -> HTMLResponse:
    flt = f.event_filter(PAGE_SIZE, offset)
    recs = list(st.event_records(flt))
    total = st.count_events(f.event_filter())
    q = f.query()
    return render("events.html", request, recs=recs, total=total, offset=offset, page=PAGE_SIZE, f=f, q=q,
                  prev_url="/?" + urlencode({**q, "offset": max(0, offset - PAGE_SIZE)}) if offset else None,
                  next_url="/?" + urlencode({**q, "offset": offset + PAGE_SIZE})
                  if offset + PAGE_SIZE < total else None,
                  csv_url="/api/events?" + urlencode({**q, "format": "csv", "limit": 1000}))


@router.get("/evidence/{doc_id:path}")  # ids read from JSON Lines may hold slashes
def evidence_page(request: Request, st: StoreDep, doc_id: str,
                  event: Annotated[str | None, Query(max_length=300)] = None) -> HTMLResponse:
    doc = st.get_document(doc_id)
    if doc is None:
        raise HTTPException(404, "no such document")
    recs = list(st.event_records(EventFilter(doc_id=doc.id)))
    chosen = [r for r in recs if r.event.id == event] if event else recs
    if event and not chosen:
        raise HTTPException(404, "no such event in this document")
    n = len(doc.raw_text)
    spans = [s for r in chosen for s in highlight.event_spans(r.event, n)]
    residue = highlight.residue_spans(doc.raw_text)
    segs = highlight.segments(doc.raw_text, spans + residue)
    return render("evidence.html", request, doc=doc, recs=recs, chosen=chosen, event=event, segments=segs,
                  n_residue=len(residue))


@router.get("/stories")
def stories_page(request: Request, st: StoreDep, f: FiltersDep, offset: Offset = 0) -> HTMLResponse:
    flt = f.event_filter(PAGE_SIZE, offset)
    items = list(st.stories(flt, order="origins"))
    q = f.query()
    return render("stories.html", request, stories=items, f=f, q=q, offset=offset,
                  next_url="/stories?" + urlencode({**q, "offset": offset + PAGE_SIZE})
                  if len(items) == PAGE_SIZE else None)


@router.get("/stories/{story_id}")
def story_page(request: Request, st: StoreDep, story_id: int) -> HTMLResponse:
    s = st.get_story(story_id) if 0 <= story_id < 2**62 else None
    if s is None:
        raise HTTPException(404, "no such story")
    return render("story.html", request, story=s, origins=st.story_origins(s.id))


@router.get("/graph")
def graph_page(request: Request, st: StoreDep, f: FiltersDep) -> HTMLResponse:
    flows = views.arms_flows(st, f.event_filter())
    return render("graph.html", request, flows=flows, g=graph.layout(flows), f=f, q=f.query(),
                  DASH=graph.DASH)


@router.get("/timeline")
def timeline_page(request: Request, st: StoreDep, f: FiltersDep) -> HTMLResponse:
    recs = views.timeline(st, f.event_filter(1000)) if (f.actor or f.recipient) else []
    months = views.month_counts(recs)
    peak = max((c for _, c in months), default=1)
    return render("timeline.html", request, recs=recs, months=months, peak=peak, f=f, q=f.query())


@router.get("/sanctions")
def sanctions_page(request: Request, st: StoreDep, f: FiltersDep) -> HTMLResponse:
    flt = f.event_filter()
    counts = views.regime_counts(st, EventFilter(**{**flt.__dict__, "regime": None}))
    regime = (f.regime or "").split(",")[0].strip().upper() or None
    links = views.regime_links(st, regime, EventFilter(**{**flt.__dict__, "regime": None, "limit": 500})) \
        if regime else []
    return render("sanctions.html", request, counts=counts, regime=regime, links=links,
                  name=views.regime_names().get(regime or ""), f=f)


@router.get("/favicon.ico")
def favicon() -> RedirectResponse:
    # browsers ask for it whatever the page says; answer instead of logging a 404
    return RedirectResponse("/static/favicon.svg", status_code=301)


@router.get("/upload")
def upload_page(request: Request) -> HTMLResponse:
    return render("upload.html", request, writes_enabled=bool(request.app.state.veilleur.api_key))


def mount(app: FastAPI) -> None:
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
