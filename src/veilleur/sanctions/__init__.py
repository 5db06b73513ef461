"""Sanctions knowledge base (``data/sanctions/``) and reasoning (SPEC §6).

Pipeline entry point: ``link_events(events, doc_date, text)`` fills ``event.sanctions``.
"""

from __future__ import annotations

from .kb import Citation, Provision, Regime, SanctionsDataError, SanctionsKB, default_kb, load_kb
from .reasoning import (
    Assessment,
    When,
    assess_transfer,
    dedupe,
    event_when,
    link_event,
    link_events,
    parse_when,
    validity,
)
from .text import text_links, weaker

__all__ = [
    "Assessment", "Citation", "Provision", "Regime", "SanctionsDataError", "SanctionsKB", "When",
    "assess_transfer", "dedupe", "default_kb", "event_when", "link_event", "link_events", "load_kb",
    "parse_when", "text_links", "validity", "weaker",
]
