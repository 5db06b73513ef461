"""``veilleur serve``: the HTTP API and the analyst's web page.

    >>> from veilleur.api import create_app
    >>> app = create_app("veilleur.db", api_key="secret")      # doctest: +SKIP

JSON endpoints live under ``/api`` (OpenAPI document at ``/openapi.json``, browsable
at ``/docs``); the server-rendered pages at ``/`` and below (see ``veilleur.web``).
"""

from __future__ import annotations

from .app import MAX_BODY_BYTES, create_app

__all__ = ["MAX_BODY_BYTES", "create_app"]
