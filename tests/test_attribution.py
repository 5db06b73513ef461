"""Attribution chains (SPEC §4): who says the event happened, outermost first, with kinds and cues."""

from __future__ import annotations

import pytest

import veilleur
from veilleur.attribution import load_cues
from veilleur.records import SOURCE_KINDS


@pytest.fixture(scope="module")
def pipe():
    return veilleur.load()


def _event(pipe, text: str, etype: str = "AID"):
    evs = [e for e in pipe.extract(text, date="2022-09-06") if e.event_type == etype]
    assert evs, f"no {etype} in {text!r}"
    return evs[0]


def _chain(ev) -> list[tuple[str | None, str]]:
    return [(s.code, s.kind) for s in ev.attribution]


CASES = [
    # (text, expected chain [(code, kind)], a cue that must be recorded)
    ("Selon Washington, l'Iran a livré des drones à la Russie.", [("USA", "government")], "selon"),
    ("D'après le Wall Street Journal, l'Iran a livré des drones à la Russie.", [("USA", "media")], "après"),
    ("L'Iran a livré des drones à la Russie, selon des experts occidentaux.", [("WST", "expert")], "selon"),
    ("L'Iran a livré des drones à la Russie, selon des sources diplomatiques.", [(None, "anonymous")], "selon"),
    ("L'Iran a livré des drones à la Russie, a affirmé le Pentagone.", [("USA", "military")], "affirmé"),
    ("Le Pentagone a confirmé que l'Iran avait livré des drones à la Russie.", [("USA", "military")], "confirmé"),
    ("Le gouvernement britannique a indiqué que l'Iran avait livré des drones à la Russie.",
     [("GBR", "government")], "indiqué"),
    ("Un rapport de l'ONU affirme que la Corée du Nord a livré des missiles à la Libye.",
     [("UNO", "document")], "affirme"),
    ("La Corée du Nord a livré des obus à la Russie, a rapporté Le Monde, citant des responsables américains.",
     [("FRA", "media"), ("USA", "official")], "citant"),
    # a comment in apposition after the cited source names no source ("… qui inquiète Tokyo")
    ("La Corée du Nord a livré des obus à la Russie, a rapporté Le Monde, citant des responsables américains, "
     "un développement qui inquiète Tokyo.", [("FRA", "media"), ("USA", "official")], "citant"),
]


@pytest.mark.parametrize("text, chain, cue", CASES, ids=[(c.values if hasattr(c, "values") else c)[0][:50] for c in CASES])
def test_chain(pipe, text: str, chain, cue: str) -> None:
    ev = _event(pipe, text)
    got = _chain(ev)
    assert [k for _, k in got] == [k for _, k in chain], got
    assert [c for c, _ in got] == [c for c, _ in chain], got
    assert any(cue.lower() in s.cue.lower() for s in ev.attribution), [s.cue for s in ev.attribution]


def test_source_span_points_into_the_raw_text(pipe) -> None:
    text = "Selon les services de renseignement américains, la Russie achète des obus à la Corée du Nord."
    ev = _event(pipe, text)
    src = ev.attribution[0]
    assert src.kind == "intelligence" and src.code == "USA"
    assert text[src.start:src.end].startswith("les services de renseignement")


def test_speech_act_itself_has_no_source(pipe) -> None:
    """"Pyongyang accuse Washington" is the event, asserted by the article."""
    ev = _event(pipe, "Pyongyang accuse Washington d'avoir provoqué la crise.", "ACCUSE")
    assert ev.attribution == []


def test_plain_report_has_no_source(pipe) -> None:
    ev = _event(pipe, "La Corée du Nord a livré des obus à la Russie.")
    assert ev.attribution == []


def test_own_announcement_is_its_own_source(pipe) -> None:
    """A party announcing its own act is its own source: the chain holds only that party."""
    ev = _event(pipe, "Le gouvernement allemand a annoncé qu'il livrerait des chars à l'Ukraine.")
    assert {s.code for s in ev.attribution} <= {"DEU"}


def test_cues_file_is_valid() -> None:
    cues = load_cues()
    assert set(cues.kinds.values()) <= set(SOURCE_KINDS)
    for verb in ("déclarer", "affirmer", "rapporter", "confirmer", "indiquer"):
        assert verb in cues.speech_verbs
    assert "selon" in cues.according_to and "d'après" in cues.according_to and "de source" in cues.according_to
    assert cues.kinds["renseignement"] == "intelligence" and cues.kinds["rapport"] == "document"


def test_act_named_as_a_reason_is_not_what_the_speaker_says(pipe) -> None:
    # the deliveries are the reason for the announced measures, not their content
    text = ("Pékin a annoncé mardi des sanctions contre trois firmes américaines, en réponse aux livraisons "
            "d'armes des États-Unis à Taïwan.")
    ev = _event(pipe, text, "AID")
    assert [s.code for s in ev.attribution] == [], _chain(ev)


def test_second_act_of_the_same_subject_has_no_source(pipe) -> None:
    # "a jugé … et appelé …": the call is coordinated with the judgement, not said by it
    text = "Le ministre japonais a jugé la situation préoccupante et appelé la Corée du Nord à cesser ses essais."
    ev = _event(pipe, text, "REQUEST")
    assert ev.attribution == [], _chain(ev)
