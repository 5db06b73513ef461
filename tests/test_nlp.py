"""The parse stage: sentences parsed as one tree, short quotations hidden from the parser."""

import pytest

from veilleur.nlp import load_model, mask_incises, one_sentence, parse


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


def test_fronted_lors_de_leaves_the_verb_as_root(nlp):
    text = "Lors de leur rencontre à Woodside, Joe Biden et Xi Jinping ont convenu de reprendre le dialogue."
    masked = mask_incises(text)
    assert masked.startswith("Pendant leur rencontre") and len(masked) == len(text)
    doc = _parse(nlp, masked)
    verb = next(t for t in doc if t.text == "convenu")
    assert verb.dep_ == "ROOT"
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    assert [s.text for s in subjects] == ["Joe"]
    assert any(c.text == "Xi" and c.dep_ == "conj" for c in subjects[0].children)


def test_a_failing_repair_keeps_the_parsers_tree(nlp, monkeypatch):
    import veilleur.nlp as stage

    def broken(doc):
        raise ValueError("boom")

    monkeypatch.setattr(stage, "repair", broken)
    docs = list(parse(nlp, [one_sentence(nlp, "La Russie a livré des drones à la Syrie."), one_sentence(nlp, "Paris proteste.")]))
    assert len(docs) == 2 and all(d.has_annotation("DEP") for d in docs)
    assert docs[0].user_data["repair_error"] == "ValueError: boom"


def test_refusal_idiom_is_a_noun_and_its_object_the_verbs(nlp):
    doc = _parse(nlp, "Téhéran a opposé une fin de non-recevoir à la demande de l'AIEA.")
    idiom = next(t for t in doc if t.text == "non-recevoir")
    assert idiom.pos_ == "NOUN"
    assert next(t for t in doc if t.text == "demande").head.text == "opposé"


def test_a_name_split_at_its_hyphen_parses_as_one_name(nlp):
    text = "Les chars que le Royaume-Uni a fournis à l'Ukraine ont été détruits."
    doc = one_sentence(nlp, text)
    assert len(doc.text) == len(text)
    parsed = _parse(nlp, text)
    uni = next(t for t in parsed if t.text == "Uni")
    assert uni.head.text == "Royaume" and uni.dep_ == "flat:name"
    assert next(t for t in parsed if t.text == "Royaume").head.text == "fournis"
    # names the tokenizer keeps whole stay as they are
    assert [t.text for t in one_sentence(nlp, "Jean-Yves Le Drian a dit.")][0] == "Jean-Yves"


def test_a_phrase_after_an_inverted_subject_is_its_apposition(nlp):
    doc = _parse(nlp, "« L'Amérique devra payer un prix lourd », a averti Hussein al-Ezzi, un responsable houthi.")
    responsable = next(t for t in doc if t.text == "responsable")
    assert responsable.dep_ == "appos" and responsable.head.text == "Hussein"


def test_last_week_is_an_adjunct_and_the_name_the_object(nlp):
    doc = _parse(nlp, "Le chancelier, qui a reçu la semaine dernière Volodymyr Zelensky à Berlin, a parlé.")
    name = next(t for t in doc if t.text == "Volodymyr")
    week = next(t for t in doc if t.text == "semaine")
    assert name.dep_ == "obj" and name.head.text == "reçu"
    assert week.dep_ == "obl:mod" and next(t for t in doc if t.text == "dernière").head.i == week.i


def test_two_adjectives_of_a_plural_subject(nlp):
    doc = _parse(nlp, "Les délégations russe et ukrainienne se sont retrouvées lundi à Istanbul.")
    noun = next(t for t in doc if t.text == "délégations")
    second = next(t for t in doc if t.text == "ukrainienne")
    assert noun.dep_ == "nsubj" and noun.head.text == "retrouvées"
    assert second.dep_ == "conj" and second.head.text == "russe"


def test_nationality_before_a_name_stays_with_the_noun(nlp):
    doc = _parse(nlp, "Il a sollicité l'aide du groupe paramilitaire russe Wagner.")
    name = next(t for t in doc if t.text == "Wagner")
    assert name.dep_ == "appos" and name.head.text == "groupe"
