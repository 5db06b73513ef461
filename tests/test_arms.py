"""Arms transfers (SPEC §5): quantities, item categories, designations, deal kinds."""

from __future__ import annotations

import pytest
import yaml

import veilleur
from veilleur import arms
from veilleur.records import ARMS_CATEGORIES


@pytest.mark.parametrize("before, lo, hi", [
    ("La Russie achète des millions d'", 1_000_000, None),
    ("Pyongyang aurait livré quelque 300 000 à 500 000 ", 300_000, 500_000),
    ("Paris va céder une vingtaine de ", 20, 20),
    ("Berlin a livré 60 ", 60, 60),
    ("Téhéran a envoyé des centaines de ", 100, None),
    ("Kiev a reçu des milliers d'", 1000, None),
    ("L'Iran a livré plus de 400 ", 400, None),
    ("Washington a fourni au moins 1 500 ", 1500, None),
    ("Moscou a commandé 2 400 ", 2400, 2400),
    ("Varsovie a acheté deux cents ", None, None),  # not a quantity the parser claims to read
    ("La Pologne a commandé une centaine de ", 100, 100),
    ("La Corée du Nord a fourni 1,5 million d'", None, None),
])
def test_parse_quantity(before: str, lo, hi) -> None:
    q = arms.parse_quantity(before)
    if lo is None:
        assert q is None or q.min is not None  # never a quantity without a minimum
        return
    assert q is not None, before
    assert (q.min, q.max) == (lo, hi)


def test_no_quantity_before_a_bare_noun() -> None:
    assert arms.parse_quantity("La Russie a livré des ") is None


def test_vocabulary_is_valid_data() -> None:
    voc = arms.load_vocabulary()
    assert set(voc.nouns.values()) <= set(ARMS_CATEGORIES)
    assert {cat for _, cat in voc.designations} <= set(ARMS_CATEGORIES)
    assert set(voc.deals.values()) <= {"sale", "aid", "licence", "unknown"}


@pytest.mark.parametrize("name, category", [
    ("Mohajer-6", "uav"), ("Shahed-136", "uav"), ("Bayraktar TB2", "uav"), ("Geran-2", "uav"),
    ("KN-23", "missile"), ("Iskander-M", "missile"), ("Fateh-110", "missile"), ("Kalibr", "missile"),
    ("M-1991", "artillery"), ("HIMARS", "artillery"), ("Caesar", "artillery"), ("K9 Thunder", "artillery"),
    ("Leopard 2", "armoured_vehicle"), ("T-72", "armoured_vehicle"), ("Abrams", "armoured_vehicle"),
    ("Rafale", "aircraft"), ("F-16", "aircraft"), ("Su-35", "aircraft"), ("Mi-17", "aircraft"),
    ("Patriot", "air_defence"), ("S-400", "air_defence"), ("IRIS-T", "air_defence"), ("Stinger", "air_defence"),
])
def test_designations(name: str, category: str) -> None:
    hits = [(p.pattern, cat) for p, cat in arms.load_vocabulary().designations if p.search(f"des {name} livrés")]
    assert hits, f"{name} is not a known designation"
    assert hits[0][1] == category, hits


@pytest.mark.parametrize("word", ["Milan", "Puma", "Tigre", "Kilo", "Neptune", "Apache"])
def test_designations_do_not_swallow_ordinary_words(word: str) -> None:
    """City, animal and unit names that are also weapon names stay out of the list."""
    text = f"La délégation est arrivée à {word} avec un {word.lower()} de documents."
    assert not any(p.search(text) for p, _ in arms.load_vocabulary().designations)


# ------------------------------------------------------------ through the pipeline


@pytest.fixture(scope="module")
def pipe():
    return veilleur.load()


def _transfer(pipe, text: str):
    evs = [e for e in pipe.extract(text, date="2022-09-06") if e.event_type == "AID" and e.arms_transfer]
    assert evs, f"no arms transfer in {text!r}"
    return evs[0].arms_transfer


def test_items_and_quantity_in_a_sale(pipe) -> None:
    at = _transfer(pipe, "La Russie achète des millions d'obus d'artillerie et de roquettes à la Corée du Nord.")
    assert (at.supplier, at.recipient, at.deal) == ("PRK", "RUS", "sale")
    cats = {it.category for it in at.items}
    assert {"ammunition", "artillery"} <= cats
    shells = next(it for it in at.items if it.category == "ammunition")
    assert shells.quantity is not None and shells.quantity.min == 1_000_000


def test_designation_without_hyphen_digits(pipe) -> None:
    at = _transfer(pipe, "La Turquie a vendu des drones Bayraktar TB2 à la Pologne.")
    assert any(it.designation == "Bayraktar TB2" and it.category == "uav" for it in at.items)


def test_gift_is_aid_deal(pipe) -> None:
    at = _transfer(pipe, "Le Canada a offert quatre chars de combat à l'Ukraine.")
    assert at.deal == "aid"
    assert any(it.category == "armoured_vehicle" and it.quantity and it.quantity.min == 4 for it in at.items)


def test_air_defence_multiword(pipe) -> None:
    at = _transfer(pipe, "Israël exporte des systèmes de défense aérienne vers l'Inde.")
    assert [it.category for it in at.items] == ["air_defence"]


def test_items_file_cites_sources() -> None:
    from importlib import resources
    raw = (resources.files("veilleur") / "data" / "arms" / "items.yaml").read_text("utf-8")
    header = "".join(line for line in raw.splitlines() if line.startswith("#"))
    assert "SIPRI" in header
    assert yaml.safe_load(raw)["nouns"]
