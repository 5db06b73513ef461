"""Language detection: the common languages of the press, None when there is nothing to go on."""

from __future__ import annotations

import pytest

from veilleur.language import SAMPLE_CHARS, detect_language


@pytest.mark.parametrize("text, code", [
    ("La Russie a acheté des millions d'obus à la Corée du Nord, selon le renseignement américain.", "fr"),
    ("Russia has bought millions of artillery shells from North Korea, according to US intelligence.", "en"),
    ("Russland hat nach Angaben des US-Geheimdienstes Millionen Artilleriegranaten gekauft.", "de"),
    ("Rusia ha comprado millones de proyectiles de artillería a Corea del Norte.", "es"),
    ("Россия закупила у Северной Кореи миллионы артиллерийских снарядов.", "ru"),
    ("Росія закупила в Північної Кореї мільйони артилерійських снарядів.", "uk"),
    ("اشترت روسيا ملايين القذائف المدفعية من كوريا الشمالية", "ar"),
])
def test_common_languages(text, code):
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["", "   ", "0:53", "OK", "12/03/2024 — 10:23", "Paris-Berlin"])
def test_nothing_to_go_on_gives_none(text):
    assert detect_language(text) is None


def test_only_the_opening_decides():
    # a French article with a long English quotation after the first SAMPLE_CHARS characters
    french = "Le ministre des Affaires étrangères a reçu son homologue pour parler des sanctions. " * 20
    assert len(french) > SAMPLE_CHARS
    assert detect_language(french + "The minister said the talks were productive and frank. " * 50) == "fr"


def test_french_with_english_names_and_quote_is_french():
    text = ("Le New York Times, citant des responsables du Pentagon, affirme que « the deal is done » "
            "et que Washington prépare de nouvelles sanctions contre Moscou.")
    assert detect_language(text) == "fr"


def test_a_short_french_sentence_the_trigram_models_take_for_english_is_not_skipped():
    # lingua's trigram mode says English for this one; a French function word ("une") vetoes it
    assert detect_language("Washington a promis une aide de 2 milliards de dollars à Kiev.") != "en"
