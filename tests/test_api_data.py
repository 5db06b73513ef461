"""Test data (no tests here): a small store with known raw offsets, shared by the API, contract and browser tests."""

from __future__ import annotations

from pathlib import Path

from veilleur.records import (
    Actor,
    ArmsItem,
    ArmsTransfer,
    Document,
    Event,
    Quantity,
    SanctionLink,
    Source,
    Span,
)
from veilleur.store import Store
from veilleur.store.results import Result

PRK_TEXT = ("La Russie aurait acheté des millions d'obus à la Corée du Nord, selon le New York Times, "
            "citant des services de renseignement américains.\n\nLe Kremlin n'a pas commenté.")
XSS_TEXT = ("Pyongyang <script>window.__xss=1</script> livre des roquettes à Moscou. "
            '<img src=x onerror="window.__xss=1"> Fin.')
IRN_TEXT = "L'Iran a livré des centaines de drones Shahed à la Russie, selon des responsables ukrainiens."
USA_TEXT = "Les États-Unis ont livré des missiles Patriot à l'Ukraine, a annoncé le Pentagone."
EU_TEXT = "L'Union européenne a adopté un nouveau paquet de sanctions contre la Russie."


def span(text: str, needle: str) -> tuple[int, int]:
    i = text.index(needle)
    return i, i + len(needle)


def _actor(text: str, needle: str, code: str) -> Actor:
    s, e = span(text, needle)
    return Actor(entity_text=needle, code=code, sector=None, name=code, start=s, end=e)


def _event(doc_id: str, text: str, etype: str, actor: tuple[str, str], recipient: tuple[str, str], trigger: str,
           *, modality: str = "asserted", date: str | None = None, attribution: list[Source] | None = None,
           arms: list[ArmsItem] | None = None, sanctions: list[SanctionLink] | None = None,
           cues: list[dict[str, object]] | None = None, n: int = 0) -> Event:
    a, r = _actor(text, *actor), _actor(text, *recipient)
    return Event(id=f"{doc_id}-e{n}", doc_id=doc_id, event_type=etype, actor=[a], recipient=[r],
                 event_text=trigger, text=text.split("\n")[0], text_info=Span(0, 0, len(text.split("\n")[0])),
                 date=date, modality=modality, attribution=attribution or [],
                 arms_transfer=ArmsTransfer(a.code, r.code, "sale", arms) if arms is not None else None,
                 sanctions=sanctions or [], trigger=span(text, trigger), cues=cues or [])


def _source(text: str, needle: str, code: str, kind: str, cue: str) -> Source:
    s, e = span(text, needle)
    return Source(name=needle, code=code, kind=kind, cue=cue, start=s, end=e)


def _item(text: str, needle: str, category: str, qty: Quantity | None = None, designation: str | None = None
          ) -> ArmsItem:
    s, e = span(text, needle)
    return ArmsItem(text=needle, category=category, designation=designation, quantity=qty, start=s, end=e)


def results() -> list[Result]:
    out = []

    def add(doc_id: str, text: str, date: str, source: str, events: list[Event], title: str) -> None:
        doc = Document(id=doc_id, text=text, date=date, title=title, url=f"https://example.org/{doc_id}",
                       source=source, origin=f"{doc_id}.txt")
        out.append(Result(doc, cleaned_text=text, language="fr", events=events))

    a, c = span(PRK_TEXT, "aurait")
    add("prk-rus", PRK_TEXT, "2022-09-06", "Le Monde", [_event(
        "prk-rus", PRK_TEXT, "AID", ("la Corée du Nord", "PRK"), ("La Russie", "RUS"), "acheté",
        modality="alleged", date="2022-09",
        attribution=[_source(PRK_TEXT, "New York Times", "USA", "media", "selon"),
                     _source(PRK_TEXT, "des services de renseignement américains", "USA", "intelligence", "citant")],
        arms=[_item(PRK_TEXT, "obus", "ammunition", Quantity("des millions", 1_000_000, None))],
        sanctions=[SanctionLink("UN-DPRK", "UNSCR 1874 (2009) para 9", "violates", "inferred", "alleged",
                                "All arms exports from the DPRK are prohibited.")],
        cues=[{"text": "aurait", "start": a, "end": c, "sets": "alleged"}])], "Obus nord-coréens pour Moscou")
    add("xss", XSS_TEXT, "2022-10-01", "Blog", [_event(
        "xss", XSS_TEXT, "AID", ("Pyongyang", "PRK"), ("Moscou", "RUS"), "livre", date="2022-10",
        arms=[_item(XSS_TEXT, "roquettes", "artillery")])], "<b>Titre</b> <script>window.__xss=1</script>")
    add("irn-rus", IRN_TEXT, "2022-10-20", "Le Figaro", [_event(
        "irn-rus", IRN_TEXT, "AID", ("L'Iran", "IRN"), ("la Russie", "RUS"), "livré", date="2022-10",
        attribution=[_source(IRN_TEXT, "des responsables ukrainiens", "UKR", "official", "selon")],
        arms=[_item(IRN_TEXT, "drones Shahed", "uav", Quantity("des centaines", 100, None), "Shahed")],
        sanctions=[SanctionLink("UN-IRAN", "UNSCR 2231 (2015) Annex B para 4", "violates", "inferred", "asserted",
                                "Transfers of listed items from Iran need Security Council approval.")])],
        "Drones iraniens")
    add("usa-ukr", USA_TEXT, "2023-01-10", "AFP", [_event(
        "usa-ukr", USA_TEXT, "AID", ("Les États-Unis", "USA"), ("l'Ukraine", "UKR"), "livré", date="2023-01",
        arms=[_item(USA_TEXT, "missiles Patriot", "air_defence", None, "Patriot")])], "Patriot pour Kiev")
    add("eu-rus", EU_TEXT, "2023-02-24", "Reuters", [_event(
        "eu-rus", EU_TEXT, "SANCTION", ("L'Union européenne", "EUR"), ("la Russie", "RUS"), "adopté",
        date="2023-02-24", sanctions=[SanctionLink("EU-RUSSIA", "Council Regulation (EU) No 833/2014", "imposes",
                                                   "text", "asserted", "A new package of restrictive measures.")])],
        "Dixième paquet")
    return out


def fill(path: Path) -> str:
    url = str(path)
    with Store.open(url) as st:
        st.add_many(results())
    return url
