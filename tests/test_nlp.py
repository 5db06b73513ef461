"""The parse stage: sentences parsed as one tree, short quotations hidden from the parser."""

import pytest

from veilleur.nlp import load_model, one_sentence, parse


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def _parse(nlp, text: str):
    return next(parse(nlp, [one_sentence(nlp, text)]))


def test_short_quotation_is_parsed_as_part_of_its_phrase(nlp):
    doc = _parse(nlp, "Le Quai d'Orsay a exprimé sa « profonde désapprobation » après l'incident.")
    noun = next(t for t in doc if t.text == "désapprobation")
    assert noun.dep_ == "obj" and noun.head.text == "exprimé"
    assert next(t for t in doc if t.text == "profonde").head.i == noun.i


def test_hidden_marks_are_put_back_with_their_offsets(nlp):
    text = "Pékin a dénoncé une « ingérence flagrante » et un “ chantage ” des États-Unis."
    doc = _parse(nlp, text)
    assert doc.text == text
    plain = nlp.make_doc(text)
    assert [(t.text, t.idx) for t in doc] == [(t.text, t.idx) for t in plain]
    marks = [t for t in doc if t.text in ("«", "»", "“", "”")]
    assert len(marks) == 4 and all(t.dep_ == "punct" for t in marks)
    # each mark hangs on the quoted word next to it
    assert [t.head.text for t in marks] == ["ingérence", "flagrante", "chantage", "chantage"]


def test_quoted_speech_keeps_its_marks_for_the_parser(nlp):
    text = "« C'est une provocation », a déclaré le ministre polonais."
    doc = _parse(nlp, text)
    plain = nlp(one_sentence(nlp, text))
    assert [(t.dep_, t.head.i) for t in doc] == [(t.dep_, t.head.i) for t in plain]


def test_second_object_after_a_coordinated_verb_is_that_verbs(nlp):
    doc = _parse(nlp, "Téhéran a accusé Israël de « terrorisme d'État » et promis une riposte.")
    assert next(t for t in doc if t.text == "riposte").head.text == "promis"
