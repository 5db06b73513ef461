"""Event dates resolved against the article's date (SPEC §7: "date" at the precision the text gives)."""

from __future__ import annotations

import pytest

from veilleur import dates

ARTICLE = "2022-09-06"  # a Tuesday


@pytest.mark.parametrize("sentence, expected", [
    ("La Russie a reçu des drones iraniens le mois dernier.", "2022-08"),
    ("Le mois dernier, un responsable américain a confirmé les livraisons.", "2022-08"),
    ("Les chars ont été livrés le 24 février 2022.", "2022-02-24"),
    ("Les chars ont été livrés le 1er mars 2021.", "2021-03-01"),
    ("Pyongyang a reconnu l'indépendance de Donetsk en juillet.", "2022-07"),
    ("Les livraisons ont commencé en novembre.", "2021-11"),  # a bare month is the latest past one
    ("L'accord a été signé en août 2021.", "2021-08"),
    ("Moscou a annoncé hier de nouvelles frappes.", "2022-09-05"),
    ("Téhéran a démenti aujourd'hui toute livraison.", "2022-09-06"),
    ("Le ministre s'est rendu à Pékin la semaine dernière.", "2022-08"),
    ("Les sanctions avaient été prolongées l'an dernier.", "2021"),
    ("Les manifestations ont eu lieu dimanche.", "2022-09-04"),
    ("Le sommet s'est tenu le 3 septembre.", "2022-09-03"),
    ("Le sommet se tiendra le mois prochain.", "2022-10"),
    ("La guerre a repris en 2014.", "2014"),
])
def test_resolve_against_article_date(sentence: str, expected: str) -> None:
    assert dates.resolve(sentence, ARTICLE) == expected


def test_relative_date_across_a_year() -> None:
    assert dates.resolve("Les obus ont été livrés le mois dernier.", "2023-01-10") == "2022-12"
    assert dates.resolve("Le traité a été signé le 28 décembre.", "2023-01-10") == "2022-12-28"


@pytest.mark.parametrize("sentence", [
    "La Russie achète des obus à la Corée du Nord.",
    "Le président a reçu son homologue pendant deux heures.",
])
def test_no_date_in_text_gives_none(sentence: str) -> None:
    assert dates.resolve(sentence, ARTICLE) is None


def test_relative_date_needs_an_article_date() -> None:
    assert dates.resolve("La Russie a reçu des drones le mois dernier.", None) is None
    # an absolute date needs no anchor
    assert dates.resolve("Les chars ont été livrés le 24 février 2022.", None) == "2022-02-24"
