"""Builders for store tests (documents, events, results without the NLP pipeline); imported by tests/test_store*.py."""

from __future__ import annotations

from veilleur.records import (
    Actor,
    ActorMention,
    ArmsItem,
    ArmsTransfer,
    Document,
    Event,
    Quantity,
    SanctionLink,
    Source,
    Span,
)
from veilleur.store.results import Result

NYT = Source(name="New York Times", code="USA", kind="media", cue="a rapporté")
US_INTEL = Source(name="US intelligence", code="USA", kind="intelligence", cue="citant")
AP = Source(name="Associated Press", code="USA", kind="media", cue="selon")
UKR_INTEL = Source(name="renseignement militaire ukrainien", code="UKR", kind="intelligence", cue="selon")
ANON = Source(name="des sources", code=None, kind="anonymous", cue="selon")

SENTENCE = "La Russie achète des millions d'obus d'artillerie à la Corée du Nord pour la guerre en Ukraine."


def actor(code: str, text: str | None = None, sector: str | None = None, parent: str | None = None) -> Actor:
    return Actor(entity_text=text or code, code=code, sector=sector, name=code, parent=parent)


def event(doc_id: str, etype: str = "AID", actors: tuple[str, ...] = ("PRK",), recipients: tuple[str, ...] = ("RUS",),
          text: str = SENTENCE, date: str | None = "2022-09", modality: str = "asserted",
          attribution: list[Source] | None = None, arms: list[str] | None = None,
          regimes: tuple[str, ...] = (), n: int = 0) -> Event:
    transfer = None
    if arms:
        transfer = ArmsTransfer(supplier=actors[0], recipient=recipients[0], deal="sale",
                                items=[ArmsItem(text=c, category=c) for c in arms])
    return Event(id=f"{doc_id}-e{n}", doc_id=doc_id, event_type=etype, actor=[actor(a) for a in actors],
                 recipient=[actor(r) for r in recipients], event_text="achète", text=text,
                 text_info=Span(0, 0, len(text)), date=date, modality=modality,
                 attribution=list(attribution or []), arms_transfer=transfer,
                 sanctions=[SanctionLink(regime=r, provision=None, relation="violates", basis="inferred")
                            for r in regimes])


def result(doc_id: str, events: list[Event], text: str | None = None, source: str | None = "Le Monde",
           date: str | None = "2022-09-06", error: str | None = None) -> Result:
    body = text if text is not None else f"[{doc_id}] " + " ".join(e.text for e in events)
    doc = Document(id=doc_id, text=body, date=date, title=f"Title {doc_id}", url=f"https://ex.org/{doc_id}",
                   source=source, origin=f"{doc_id}.txt")
    return Result(doc, cleaned_text=body, language="fr", events=events, error=error,
                  actors=[ActorMention(start=0, end=6, text="Russie", code="RUS", name="Russia")])


def rich_event(doc_id: str) -> Event:
    """An event with every field set, for round trips."""
    text = SENTENCE
    return Event(
        id=f"{doc_id}-rich", doc_id=doc_id, event_type="AID", mode=None, contexts=["military"],
        actor=[Actor(entity_text="la Corée du Nord", code="PRK", sector="GOV", name="North Korea",
                     wikidata="Q423", start=55, end=71)],
        recipient=[Actor(entity_text="La Russie", code="RUS", sector=None, name="Russia", start=0, end=9),
                   Actor(entity_text="Wagner", code="WAGNER", sector="REB", name="Wagner Group", parent="RUS")],
        event_text="achète", text=text, text_info=Span(0, 0, len(text)),
        mentions=[Span(1, 100, 180), Span(3, 300, 350)], date="2022-09", modality="alleged",
        attribution=[Source("New York Times", "USA", "media", "a rapporté", 200, 214),
                     Source("US intelligence", "USA", "intelligence", "citant", 230, 260)],
        arms_transfer=ArmsTransfer("PRK", "RUS", "sale", [ArmsItem(
            text="obus d'artillerie", category="ammunition", designation=None,
            quantity=Quantity("des millions", 1_000_000.0, None), start=30, end=47)]),
        sanctions=[SanctionLink("UN-DPRK", "UNSCR 1874 (2009) para 9", "violates", "text", "alleged", "arms ban")],
        trigger=(10, 16), cues=[{"cue": "aurait", "start": 12, "end": 18, "sets": "alleged"}])
