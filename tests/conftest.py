"""Shared fixtures: one veilleur pipeline per test process (the spaCy model loads once)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def pipeline():
    import veilleur

    return veilleur.load()
