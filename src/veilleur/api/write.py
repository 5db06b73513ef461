"""``POST /api/documents``: extract articles with the real pipeline and store them.

Order of checks, cheapest and least revealing first: is writing enabled at all
(403), is the key right (401), is the body small enough (413, read no further),
is it well-formed (422, one line). Only then is the pipeline loaded (once) and run.
"""

from __future__ import annotations

import json
import logging
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Request
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool

from ..records import Document
from ..store import EventFilter
from ..store.results import Result
from ..store.text import date_interval
from . import views
from .state import AppState

log = logging.getLogger("veilleur.api")
router = APIRouter(prefix="/api")
# the same endpoint at the root path, as the issue spells it; documented once, under /api
alias = APIRouter(include_in_schema=False)

MAX_BATCH = 100


class ArticleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="The article's raw text (plain text)")
    date: str | None = Field(None, max_length=10, description="Publication date YYYY[-MM[-DD]]")
    id: str | None = Field(None, min_length=1, max_length=200)
    title: str | None = Field(None, max_length=1000)
    source: str | None = Field(None, max_length=300)
    url: str | None = Field(None, max_length=2000)


_BODY = TypeAdapter(ArticleIn | list[ArticleIn])
_BODY_SCHEMA = {"oneOf": [ArticleIn.model_json_schema(),
                          {"type": "array", "items": ArticleIn.model_json_schema(), "maxItems": MAX_BATCH}]}


def _one_line(e: ValidationError) -> str:
    err = e.errors()[0]
    loc = ".".join(str(x) for x in err.get("loc", ()) if x not in ("ArticleIn", "list[ArticleIn]"))
    return f"{loc or 'body'}: {err.get('msg', 'invalid')}"


async def _read_body(request: Request, limit: int) -> bytes:
    """The body, refusing (413) as soon as it exceeds ``limit`` — even without Content-Length."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"request body over the {limit // 1024} KB limit")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"request body over the {limit // 1024} KB limit")
        chunks.append(chunk)
    return b"".join(chunks)


def parse_articles(body: bytes) -> list[ArticleIn]:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as e:
        raise HTTPException(422, f"body is not JSON: {str(e).splitlines()[0]}") from None
    try:
        parsed = _BODY.validate_python(data)
    except ValidationError as e:
        raise HTTPException(422, _one_line(e)) from None
    items = parsed if isinstance(parsed, list) else [parsed]
    if not items:
        raise HTTPException(422, "empty batch: send one article or a non-empty list")
    if len(items) > MAX_BATCH:
        raise HTTPException(422, f"batch of {len(items)} articles, over the limit of {MAX_BATCH}")
    for n, a in enumerate(items):
        if not a.text.strip():
            raise HTTPException(422, f"article {n}: text is blank")
        if a.date is not None and date_interval(a.date) is None:
            raise HTTPException(422, f"article {n}: date {a.date!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return items


def _process(pipe: Any, doc: Document) -> Any:
    """One document's result; a pipeline crash fails that document (stored as failed), not the request."""
    try:
        return pipe.process(doc)
    except Exception as e:
        log.exception("pipeline error on %s", doc.id)
        return Result(doc, error=f"pipeline error: {type(e).__name__}")


def _ingest(state: AppState, items: list[ArticleIn]) -> dict[str, Any]:
    from ..ingest import content_id
    from ..store import content_hash

    st = state.store()
    docs = [Document(id=a.id or content_id(a.text), text=a.text, date=a.date, title=a.title, url=a.url,
                     source=a.source, origin="api") for a in items]
    known = st.known_hashes(content_hash(d.text) for d in docs)
    out: list[dict[str, Any]] = []
    todo = []
    for d in docs:
        h = content_hash(d.text)
        if known.get(h) in ("ok", "skipped"):
            # same content already stored: nothing to extract (idempotent, like `veilleur ingest`)
            row = st.db.one("SELECT id FROM documents WHERE content_hash = ?", (h,))
            out.append({"id": row[0] if row else d.id, "status": "unchanged"})
        else:
            out.append({"id": d.id, "status": "pending"})
            todo.append(d)
    if todo:
        try:
            pipe = state.extractor()
        except Exception:
            log.exception("cannot load the extraction pipeline")
            raise HTTPException(503, "the extraction pipeline could not be loaded (see the server log)") from None
        with state.extract_lock:
            results = [_process(pipe, d) for d in todo]
        outcomes = iter(st.add_many(results))
        for row in out:
            if row["status"] == "pending":
                o = next(outcomes)
                row.update(id=o.doc_id, status=o.status, replaced=o.replaced)
    events = []
    for row in out:
        recs = list(st.event_records(EventFilter(doc_id=row["id"])))
        row["events"] = len(recs)
        row["evidence_url"] = views.evidence_url(row["id"])
        events += [views.event_json(r) for r in recs]
    return {"documents": out, "events": events}


@router.post("/documents", summary="Extract and store articles (needs the API key)",
             openapi_extra={"requestBody": {"required": True,
                                            "content": {"application/json": {"schema": _BODY_SCHEMA}}}},
             responses={401: {"description": "missing or wrong API key"},
                        403: {"description": "writes disabled (no key configured)"},
                        413: {"description": "body too large"}, 422: {"description": "bad body"}})
async def post_documents(request: Request,
                         x_api_key: Annotated[str | None, Header(max_length=500)] = None) -> dict[str, Any]:
    state: AppState = request.app.state.veilleur
    if not state.api_key:
        raise HTTPException(403, "writes are disabled: start the server with VEILLEUR_API_KEY or --api-key-file")
    auth = request.headers.get("authorization", "")
    given = x_api_key or (auth[7:] if auth.lower().startswith("bearer ") else None)
    if not state.key_matches(given):
        raise HTTPException(401, "missing or wrong API key (send it in the X-API-Key header)",
                            headers={"WWW-Authenticate": "Bearer"})
    items = parse_articles(await _read_body(request, state.max_body))
    return await run_in_threadpool(_ingest, state, items)


alias.add_api_route("/documents", post_documents, methods=["POST"])
