"""``veilleur serve``: the HTTP API and the analyst's web page.

    veilleur serve --db veilleur.db                       # http://127.0.0.1:8000/ , read-only
    VEILLEUR_API_KEY=… veilleur serve                     # also accepts POST /api/documents
    veilleur serve --api-key-file /etc/veilleur/key --host 0.0.0.0 --port 8080
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from .common import app, usage_error


def read_key_file(path: Path) -> str:
    try:
        key = path.read_text(encoding="utf-8").strip()
    except OSError as e:
        usage_error(f"{path}: cannot read API key file ({e.strerror or e})")
    if not key:
        usage_error(f"{path}: API key file is empty")
    return key


@app.command()
def serve(
    db: Annotated[str | None, typer.Option(
        "--db", help="Store: a file path, sqlite:///PATH or postgresql://… (default $VEILLEUR_DB, else ./veilleur.db).",
        show_default=False)] = None,
    host: Annotated[str, typer.Option("--host", help="Address to bind (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8000,
    api_key_file: Annotated[Path | None, typer.Option(
        "--api-key-file", help="File holding the key for POST /api/documents (else $VEILLEUR_API_KEY; "
                               "without a key, writes are refused).")] = None,
) -> None:
    """Serve the HTTP API (OpenAPI at /docs) and the web page over a store."""
    import uvicorn

    from ..api import create_app
    from ..store import Store, StoreError, default_url

    url = db if db is not None else default_url()
    try:  # fail now, with one line, rather than on the first request
        Store.open(url, create=True).close()
    except StoreError as e:
        usage_error(str(e))
    key = read_key_file(api_key_file) if api_key_file else (os.environ.get("VEILLEUR_API_KEY") or None)
    if key is None:
        print("notice: no API key configured: the API is read-only (POST /api/documents answers 403)",
              file=sys.stderr)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"notice: listening on {host}: reachable from other machines", file=sys.stderr)
    uvicorn.run(create_app(url, api_key=key or ""), host=host, port=port, log_level="info")
