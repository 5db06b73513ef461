"""veilleur: French news articles to sourced, queryable event records.

    >>> import veilleur
    >>> events = veilleur.extract("La Russie achète des obus à la Corée du Nord.", date="2022-09-06")
    >>> [(e.event_type, e.actor[0].code, e.recipient[0].code) for e in events]
    [('AID', 'PRK', 'RUS')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .pipeline import Pipeline
    from .records import Event

_default: Pipeline | None = None


def load(**options: object) -> Pipeline:
    """Load a reusable pipeline (the spaCy model is loaded once, here)."""
    from .pipeline import Pipeline

    return Pipeline(**options)  # type: ignore[arg-type]


def extract(text: str, date: str | None = None, doc_id: str | None = None) -> list[Event]:
    """Extract the event records of one article (a shared pipeline is loaded on first use)."""
    global _default
    if _default is None:
        _default = load()
    return _default.extract(text, date=date, doc_id=doc_id)


__all__ = ["extract", "load", "__version__"]
