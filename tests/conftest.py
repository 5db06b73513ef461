"""Shared fixtures: one veilleur pipeline per test process (the spaCy model loads once)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def pipeline():
    import veilleur

    return veilleur.load()


def resolver_at(default_date: str | None):
    """A fixture resolving the actor mentions of a text, dated ``default_date`` unless told otherwise."""

    @pytest.fixture
    def resolve():
        from veilleur.actors import ActorResolver
        from veilleur.nlp import load_model, tokenize

        nlp, resolver = load_model(), _resolver(ActorResolver)

        def run(text: str, date: str | None = default_date):
            return resolver.resolve(tokenize(nlp, text), date=date)

        return run

    return resolve


_RESOLVERS: dict[type, object] = {}


def _resolver(cls):
    """One actor resolver per test process (loading the knowledge base takes a moment)."""
    return _RESOLVERS.setdefault(cls, cls())
