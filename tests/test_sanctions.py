"""Sanctions knowledge base and reasoning (SPEC §6): dated cases, text statements, schema errors."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from veilleur.records import Actor, ArmsItem, ArmsTransfer, Event, SanctionLink, Span
from veilleur.sanctions import (
    SanctionsDataError,
    assess_transfer,
    event_when,
    link_event,
    link_events,
    load_kb,
    parse_when,
    text_links,
)
from veilleur.sanctions.kb import DATA_DIR

SPEC_REGIMES = {"UN-DPRK", "UN-IRAN", "UN-LIBYA", "UN-SOMALIA", "UN-SOUTH-SUDAN", "UN-CAR", "UN-DRC", "UN-MALI",
                "UN-YEMEN", "EU-RUSSIA", "EU-BELARUS", "EU-IRAN", "EU-DPRK", "US-RUSSIA", "US-IRAN", "US-DPRK",
                "UK-RUSSIA", "CA-IRAN"}


def actor(code: str, parent: str | None = None) -> Actor:
    return Actor(entity_text=code, code=code, sector=None, name=code, parent=parent)


def transfer(supplier: str, recipient: str, date: str | None, *categories: str, modality: str = "asserted",
             recipient_parent: str | None = None, text: str = "") -> Event:
    items = [ArmsItem(text=c, category=c) for c in categories]
    return Event(id="e1", doc_id="d1", event_type="AID", actor=[actor(supplier)],
                 recipient=[actor(recipient, recipient_parent)], event_text="livre", text=text,
                 text_info=Span(0, 0, len(text)), date=date, modality=modality,
                 arms_transfer=ArmsTransfer(supplier, recipient, "sale", items))


def event(etype: str, a: str, r: str, text: str, mode: str | None = None, event_text: str = "",
          modality: str = "asserted", date: str | None = None) -> Event:
    return Event(id="e2", doc_id="d1", event_type=etype, actor=[actor(a)], recipient=[actor(r)],
                 event_text=event_text, text=text, text_info=Span(0, 0, len(text)), mode=mode,
                 modality=modality, date=date)


def rel(links: list[SanctionLink], regime: str, relation: str = "violates") -> list[SanctionLink]:
    return [ln for ln in links if ln.regime == regime and ln.relation == relation]


def scored(links: list[SanctionLink]) -> set[tuple[str, str]]:
    return {(ln.regime, ln.relation) for ln in links if ln.relation != "mentions"}


# ------------------------------------------------------------------------ knowledge base


def test_packaged_kb_has_every_spec_regime_with_citations() -> None:
    kb = load_kb()
    assert set(kb.regimes) >= SPEC_REGIMES
    for r in kb:
        assert re.fullmatch(r"[A-Z]{2}-[A-Z][A-Z-]*", r.id)
        for p in r.provisions:
            assert p.citation.url.startswith(("http://", "https://")), (r.id, p.id)
            assert p.verified or p.note, f"{r.id} {p.id}: unverified without saying why"


def test_un_regimes_bind_all_states_and_unilateral_ones_only_their_persons() -> None:
    kb = load_kb()
    assert kb.regimes["UN-DPRK"].binds("RUS")
    assert not kb.regimes["EU-RUSSIA"].binds("IRN")
    assert kb.regimes["EU-RUSSIA"].binds("DEU")
    assert not kb.regimes["UK-RUSSIA"].binds("USA")


# ------------------------------------------------------------------------------- dates


def test_parse_when_handles_year_month_day() -> None:
    assert parse_when("2022") == (parse_when("2022-01-01")[0], parse_when("2022-12-31")[0])  # type: ignore[index]
    lo, hi = parse_when("2024-02")  # type: ignore[misc]
    assert (lo.isoformat(), hi.isoformat()) == ("2024-02-01", "2024-02-29")
    assert parse_when("2022-13") is None and parse_when(None) is None and parse_when("hier") is None


# ---------------------------------------------------------------- DPRK arms to Russia


@pytest.mark.parametrize("date", ["2022-09", "2024-01-15"])
def test_dprk_shells_to_russia_violate_un_dprk(date: str) -> None:
    links = link_event(transfer("PRK", "RUS", date, "ammunition"), doc_date="2024-06-01")
    [v] = rel(links, "UN-DPRK")
    assert v.basis == "inferred" and v.modality == "asserted"
    assert v.provision == "UNSCR 1874 (2009) para 9"
    assert "2009-06-12" in (v.explanation or "")
    # Russia is not bound by EU/US/UK law: exposure at most, never a violation of those regimes
    assert scored(links) == {("UN-DPRK", "violates")}


def test_arms_to_dprk_violate_too_small_arms_only_since_2016() -> None:
    assert rel(link_event(transfer("RUS", "PRK", "2023", "artillery"), doc_date=None), "UN-DPRK")
    assert rel(link_event(transfer("CHN", "PRK", "2017", "small_arms"), doc_date=None), "UN-DPRK")
    # 1874 para 10 left SALW out until 2270 (2016)
    assert not rel(link_event(transfer("CHN", "PRK", "2012", "small_arms"), doc_date=None), "UN-DPRK")


# --------------------------------------------------------------- Iranian UAVs to Russia


def test_iranian_shaheds_to_russia_august_2022_violate_2231_para_4() -> None:
    links = link_event(transfer("IRN", "RUS", "2022-08", "uav"), doc_date="2022-09-06")
    [v] = rel(links, "UN-IRAN")
    assert v.provision == "UNSCR 2231 (2015) Annex B para 4"
    assert not rel(links, "EU-RUSSIA")  # an EU export ban binds EU exporters, not Iran
    assert not rel(links, "EU-IRAN")


def test_iranian_shaheds_in_2024_no_un_violation_but_eu_us_exposure() -> None:
    links = link_event(transfer("IRN", "RUS", "2024-03", "uav"), doc_date=None)
    assert scored(links) == set()  # para 4 lapsed on 2023-10-18; snapback only from 2025-09-28
    mentioned = {ln.regime for ln in links if ln.relation == "mentions"}
    assert {"EU-IRAN", "US-IRAN"} <= mentioned
    assert all("designation" in (ln.explanation or "") for ln in links)


@pytest.mark.parametrize("date,expected", [("2023-10-17", True), ("2023-10-18", False)])
def test_2231_para_4_end_date_edge(date: str, expected: bool) -> None:
    links = link_event(transfer("IRN", "RUS", date, "uav"), doc_date=None)
    assert bool(rel(links, "UN-IRAN")) is expected


def test_year_straddling_end_date_gives_possible_violation() -> None:
    [v] = rel(link_event(transfer("IRN", "RUS", "2023", "uav"), doc_date=None), "UN-IRAN")
    assert v.modality == "possible"
    assert "straddles" in (v.explanation or "")


def test_2231_para_4_does_not_cover_ammunition() -> None:
    kb = load_kb()
    found = assess_transfer("IRN", "RUS", ["ammunition"], event_when("2022-08", None), kb)
    para4 = [a for a in found if a.provision.id == "unscr-2231-b4"]
    assert para4 and para4[0].status == "category" and not para4[0].applies


# ------------------------------------------------------- Iranian conventional arms


@pytest.mark.parametrize("date,expected", [
    ("2019-06", "UNSCR 2231 (2015) Annex B para 6(b)"),
    ("2020-10-17", "UNSCR 2231 (2015) Annex B para 6(b)"),
    ("2020-10-18", None),
    ("2021-05", None),
    ("2025-09-27", None),
    ("2025-09-28", "UNSCR 1747 (2007) para 5"),
    ("2026-01", "UNSCR 1747 (2007) para 5"),
])
def test_iranian_conventional_arms_exports_by_date(date: str, expected: str | None) -> None:
    links = rel(link_event(transfer("IRN", "SDN", date, "small_arms"), doc_date=None), "UN-IRAN")
    assert [ln.provision for ln in links] == ([expected] if expected else [])


def test_snapback_violation_says_it_is_contested() -> None:
    [v] = rel(link_event(transfer("IRN", "RUS", "2025-11", "missile"), doc_date=None), "UN-IRAN")
    assert "contested" in (v.explanation or "")


def test_iranian_arms_to_houthis_2019_breach_both_iran_and_yemen_regimes() -> None:
    links = link_event(transfer("IRN", "HOUTHIS", "2019", "missile"), doc_date=None)
    assert {("UN-IRAN", "violates"), ("UN-YEMEN", "violates")} <= scored(links)


def test_arms_to_yemeni_government_are_not_covered_by_targeted_embargo() -> None:
    assert not rel(link_event(transfer("FRA", "YEM", "2022", "armoured_vehicle"), doc_date=None), "UN-YEMEN")


# ---------------------------------------------------------- Africa embargoes over time


@pytest.mark.parametrize("supplier,recipient,date,regime,expected", [
    ("TUR", "LBY", "2020-01", "UN-LIBYA", True),       # 1970 (2011) still in force
    ("ARE", "LNA", "2019-06", "UN-LIBYA", True),
    ("FRA", "LBY", "2010-05", "UN-LIBYA", False),      # before 26 Feb 2011
    ("RUS", "CAF", "2018-03", "UN-CAR", True),
    ("RUS", "CAF", "2024-01", "UN-CAR", False),        # 2693 (2023): government forces no longer covered
    ("SDN", "CPC", "2025-02", "UN-CAR", True),         # armed groups still covered (2745)
    ("TUR", "SOM", "2020-06", "UN-SOMALIA", True),
    ("TUR", "SOM", "2024-06", "UN-SOMALIA", False),    # 2714 (2023) lifted it on the government
    ("ERI", "AL_SHABAAB", "2024-06", "UN-SOMALIA", True),
    ("UGA", "SSD", "2020-02", "UN-SOUTH-SUDAN", True),
    ("UGA", "SSD", "2017-02", "UN-SOUTH-SUDAN", False),  # before 2428 (2018)
    ("RWA", "M23", "2023-05", "UN-DRC", True),
    ("CHN", "COD", "2023-05", "UN-DRC", False),        # 1807 (2008): government not covered
    ("RUS", "MLI", "2021-12", "UN-MALI", False),       # never an arms embargo on Mali
])
def test_un_embargoes_by_recipient_and_date(supplier: str, recipient: str, date: str, regime: str,
                                            expected: bool) -> None:
    assert bool(rel(link_event(transfer(supplier, recipient, date, "small_arms"), doc_date=None), regime)) is expected


def test_non_state_recipient_located_by_parent_is_covered() -> None:
    links = link_event(transfer("RWA", "SOME_MILITIA", "2024", "small_arms", recipient_parent="COD"), doc_date=None)
    assert rel(links, "UN-DRC")


def test_libya_inspections_renewal_is_recorded() -> None:
    libya = load_kb().regimes["UN-LIBYA"]
    inspection = [p for p in libya.provisions if "inspection" in p.restricts]
    assert inspection and inspection[0].renewable and "2780" in inspection[0].citation.ref


# ---------------------------------------------------------------- who is bound


def test_france_egypt_sale_touches_no_regime() -> None:
    assert link_event(transfer("FRA", "EGY", "2015-02", "aircraft", "naval"), doc_date=None) == []


def test_eu_member_arms_to_russia_violate_eu_russia_but_iran_does_not() -> None:
    assert rel(link_event(transfer("DEU", "RUS", "2022-05", "small_arms"), doc_date=None), "EU-RUSSIA")
    assert not rel(link_event(transfer("IRN", "RUS", "2022-05", "small_arms"), doc_date=None), "EU-RUSSIA")
    assert rel(link_event(transfer("GBR", "RUS", "2022-05", "small_arms"), doc_date=None), "UK-RUSSIA")


# ------------------------------------------------------------------- dates and modality


def test_undated_transfer_uses_document_date_and_says_so() -> None:
    [v] = rel(link_event(transfer("IRN", "RUS", None, "uav"), doc_date="2022-09-06"), "UN-IRAN")
    assert "article's date (2022-09-06)" in (v.explanation or "")
    assert rel(link_event(transfer("IRN", "RUS", None, "uav"), doc_date="2024-09-06"), "UN-IRAN") == []


def test_no_date_at_all_weakens_to_possible() -> None:
    [v] = rel(link_event(transfer("PRK", "RUS", None, "ammunition"), doc_date=None), "UN-DPRK")
    assert v.modality == "possible" and "unknown" in (v.explanation or "")


@pytest.mark.parametrize("modality", ["alleged", "planned", "possible"])
def test_violation_is_never_stronger_than_its_event(modality: str) -> None:
    [v] = rel(link_event(transfer("PRK", "RUS", "2023", "artillery", modality=modality), doc_date=None), "UN-DPRK")
    assert v.modality == modality


def test_negated_transfer_gives_no_violation() -> None:
    assert link_event(transfer("PRK", "RUS", "2023", "artillery", modality="negated"), doc_date=None) == []


def test_transfer_of_unknown_category_is_covered_by_all_arms_embargo_only() -> None:
    links = link_event(transfer("IRN", "RUS", "2022-08"), doc_date=None)  # no items
    assert not rel(links, "UN-IRAN")  # para 4 covers only MTCR items; 6(b) had lapsed
    assert rel(link_event(transfer("PRK", "RUS", "2022-08"), doc_date=None), "UN-DPRK")


# -------------------------------------------------------------------- text statements


def test_conditional_violation_statement_uses_event_parties() -> None:
    s = "Ses exportations d’armes vers la Russie seraient une violation des résolutions de l’ONU."
    [ln] = text_links(s, {"PRK"}, {"RUS"})
    assert (ln.regime, ln.relation, ln.basis, ln.modality) == ("UN-DPRK", "violates", "text", "conditional")
    assert ln.provision == "UNSCR 1874 (2009) para 9"


def test_workers_statement_points_to_2397_para_8() -> None:
    s = ("L’envoi de travailleurs nord-coréens en Russie violerait une résolution de l’ONU exigeant "
         "leur rapatriement.")
    [ln] = text_links(s, set(), set())
    assert (ln.regime, ln.relation, ln.modality) == ("UN-DPRK", "violates", "conditional")
    assert ln.provision == "UNSCR 2397 (2017) para 8"


@pytest.mark.parametrize("sentence,regime,relation,modality", [
    ("Les sanctions de l'ONU contre la Corée du Nord restent mal appliquées.", "UN-DPRK", "mentions", "asserted"),
    ("Les États-Unis ont décrété des sanctions unilatérales contre l'Iran.", "US-IRAN", "imposes", "asserted"),
    ("L'Union européenne a levé les sanctions visant le Bélarus.", "EU-BELARUS", "lifts", "asserted"),
    ("Bruxelles envisage de lever les sanctions contre l'Iran.", "EU-IRAN", "lifts", "planned"),
    ("Téhéran aurait violé l'embargo de l'ONU sur les armes visant l'Iran.", "UN-IRAN", "violates", "alleged"),
    ("Moscou n'a pas violé les sanctions de l'ONU contre la Corée du Nord, selon le Kremlin.", "UN-DPRK",
     "mentions", "negated"),
    ("Le Conseil de sécurité a prorogé l'embargo sur les armes visant le Soudan du Sud.", "UN-SOUTH-SUDAN",
     "imposes", "asserted"),
    ("La résolution 2231 interdisait ces transferts sans l'accord du Conseil.", "UN-IRAN", "mentions", "asserted"),
    ("Kiev appelle l'Union européenne à imposer de nouvelles sanctions à la Russie.", "EU-RUSSIA", "mentions",
     "asserted"),
    ("Washington pourrait imposer des sanctions à l'Iran.", "US-IRAN", "imposes", "possible"),
])
def test_text_statements(sentence: str, regime: str, relation: str, modality: str) -> None:
    links = text_links(sentence, set(), set())
    assert [(ln.regime, ln.relation, ln.modality) for ln in links] == [(regime, relation, modality)]


@pytest.mark.parametrize("sentence,regime", [
    ("Les États-Unis ont imposé des sanctions à l'Iran pour violation des droits humains.", "US-IRAN"),
    ("La violation du cessez-le-feu a conduit l'UE à adopter des sanctions contre la Russie.", "EU-RUSSIA"),
])
def test_violation_of_something_else_is_not_a_sanctions_violation(sentence: str, regime: str) -> None:
    assert [(ln.regime, ln.relation) for ln in text_links(sentence, set(), set())] == [(regime, "imposes")]


def test_text_without_sanctions_vocabulary_gives_nothing() -> None:
    assert text_links("La violence a fait dix morts à Tripoli, selon l'ONU.", set(), {"LBY"}) == []
    assert text_links("Les États-Unis ont livré des chars à l'Ukraine.", {"USA"}, {"UKR"}) == []


def test_unknown_regime_gets_an_issuer_target_id() -> None:
    [ln] = text_links("Washington a imposé de nouvelles sanctions à Caracas.", {"USA"}, {"VEN"})
    assert (ln.regime, ln.relation, ln.provision) == ("US-VENEZUELA", "imposes", None)


# ---------------------------------------------------------------- SANCTION events


def test_sanction_event_by_issuer_imposes_its_regime() -> None:
    ev = event("SANCTION", "USA", "IRN", "Les Etats-Unis ont décrété des sanctions contre l'Iran.",
               event_text="décrété")
    assert ("US-IRAN", "imposes") in scored(link_event(ev, doc_date="2012-11-02"))


def test_expulsion_is_not_a_sanctions_regime() -> None:
    ev = event("SANCTION", "USA", "RUS", "Washington a expulsé dix diplomates russes.", mode="expel",
               event_text="expulsé")
    assert link_event(ev, doc_date=None) == []


def test_easing_sanctions_lifts() -> None:
    ev = event("CONCEDE", "EUR", "BLR", "L'UE a allégé les sanctions contre Minsk.", mode="ease_sanctions",
               event_text="allégé")
    assert ("EU-BELARUS", "lifts") in scored(link_event(ev, doc_date=None))


def test_negated_sanction_event_imposes_nothing() -> None:
    ev = event("SANCTION", "EUR", "RUS", "L'UE n'a pas imposé de sanctions à la Russie.", event_text="imposé",
               modality="negated")
    assert scored(link_event(ev, doc_date=None)) == set()


# ---------------------------------------------------------------- document level


def test_link_events_reads_event_sentences_and_dedupes() -> None:
    text = ("La Corée du Nord vend des obus à la Russie. "
            "Ces exportations d'armes violeraient les résolutions de l'ONU. "
            "Ces exportations d'armes violeraient les résolutions de l'ONU.")
    s1, s2 = text.index("Ces"), text.rindex("Ces")
    ev = transfer("PRK", "RUS", "2022-09", "ammunition", text=text[:s1 - 1])
    ev.text_info = Span(0, 0, s1 - 1)
    ev.mentions = [Span(1, s1, s2 - 1), Span(2, s2, len(text))]
    link_events([ev], "2022-09-06", text)
    pairs = [(ln.regime, ln.relation, ln.basis, ln.modality) for ln in ev.sanctions if ln.regime == "UN-DPRK"]
    assert sorted(pairs) == [("UN-DPRK", "violates", "inferred", "asserted"),
                             ("UN-DPRK", "violates", "text", "conditional")]
    link_events([ev], "2022-09-06", text)  # idempotent
    assert len([ln for ln in ev.sanctions if ln.regime == "UN-DPRK"]) == 2


def test_workers_sent_abroad_after_2019_violate_2397() -> None:
    ev = event("AID", "PRK", "RUS", "Pyongyang enverra des ouvriers du bâtiment en Russie.", modality="planned",
               date="2022-09")
    [v] = rel(link_event(ev, doc_date=None), "UN-DPRK")
    assert v.basis == "inferred" and v.modality == "planned" and v.provision == "UNSCR 2397 (2017) para 8"


# ---------------------------------------------------------------- schema errors


BAD_CASES = [
    ("start: 2009-06-12", "start: 12/06/2009", "un-test.yaml: provisions[0].start: not a date"),
    ("restricts: [arms_export_from]", "restricts: [guns]", "un-test.yaml: provisions[0].restricts[0]: 'guns' is not one of"),
    ("id: UN-TEST", "id: UN-OTHER", "un-test.yaml: id: 'UN-OTHER' does not match the file name"),
    ("    verified: true\n", "", "un-test.yaml: provisions[0].verified: missing"),
    ("    verified: true\n", "    verified: true\n    colour: red\n", "un-test.yaml: provisions[0].colour: unknown field"),
    ("end: null", "end: 2001-01-01", "un-test.yaml: provisions[0].end: end is not after start"),
    ("scope: all_states", "scope: everyone", "un-test.yaml: applies_to.scope: 'everyone' is not one of"),
    ("targets: [PRK]", "targets: [prk]", "un-test.yaml: targets[0]: 'prk' is not an actor code"),
    ("url: \"https://example.org/x\"", "url: \"example.org\"", "un-test.yaml: provisions[0].citation.url:"),
    ("issuer: UN\n", "issuer: UN\n  bad: [\n", "un-test.yaml: line"),
]

GOOD = """\
id: UN-TEST
issuer: UN
issuer_codes: [UNO]
targets: [PRK]
names: {en: Test regime, fr: Régime de test}
applies_to:
  scope: all_states
  text: All states.
provisions:
  - id: p1
    instrument: UNSCR 1 (2000)
    summary: Test provision.
    restricts: [arms_export_from]
    start: 2009-06-12
    end: null
    verified: true
    citation: {ref: S/RES/1, url: "https://example.org/x"}
"""


def test_good_test_file_loads(tmp_path: Path) -> None:
    (tmp_path / "un-test.yaml").write_text(GOOD, encoding="utf-8")
    kb = load_kb(tmp_path)
    assert list(kb.regimes) == ["UN-TEST"]
    assert kb.regimes["UN-TEST"].provisions[0].label == "UNSCR 1 (2000)"


@pytest.mark.parametrize("old,new,message", BAD_CASES)
def test_malformed_file_names_file_and_field(tmp_path: Path, old: str, new: str, message: str) -> None:
    assert old in GOOD
    (tmp_path / "un-test.yaml").write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(SanctionsDataError) as err:
        load_kb(tmp_path)
    assert str(err.value).startswith(message)


def test_duplicate_regime_and_provision_ids(tmp_path: Path) -> None:
    dup = GOOD.replace("provisions:\n", "provisions:\n" + GOOD.split("provisions:\n")[1])
    (tmp_path / "un-test.yaml").write_text(dup, encoding="utf-8")
    with pytest.raises(SanctionsDataError, match=r"un-test.yaml: provisions\[1\].id: duplicate provision id"):
        load_kb(tmp_path)


def test_every_packaged_file_survives_a_copy(tmp_path: Path) -> None:
    # the loader reads a directory that holds regime files only (schema/cues fall back to the package)
    for p in DATA_DIR.glob("*.yaml"):
        if not p.name.startswith("_"):
            shutil.copy(p, tmp_path / p.name)
    assert set(load_kb(tmp_path).regimes) >= SPEC_REGIMES


def test_unverified_provision_must_say_why(tmp_path: Path) -> None:
    (tmp_path / "un-test.yaml").write_text(GOOD.replace("verified: true", "verified: false"), encoding="utf-8")
    with pytest.raises(SanctionsDataError, match=r"^un-test.yaml: provisions\[0\].note: an unverified provision"):
        load_kb(tmp_path)


# ------------------------------------------------------------------------------ CLI


@pytest.fixture()
def cli():  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    import veilleur.cli.sanctions  # noqa: F401 - registers the sub-app
    from veilleur.cli.common import app

    runner = CliRunner()
    return lambda *args: runner.invoke(app, ["sanctions", *args])


def test_cli_check_explains_applies_and_lapsed_with_citations(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("check", "--supplier", "IRN", "--recipient", "RUS", "--category", "uav", "--date", "2024-03")
    assert r.exit_code == 0, r.output
    assert "UN-IRAN  NO LONGER APPLIES" in r.output and "2023-10-17" in r.output
    assert "EU-RUSSIA  DOES NOT BIND THE PARTIES" in r.output
    assert "https://" in r.output and "VIOLATES" not in r.output
    r = cli("check", "--supplier", "PRK", "--recipient", "RUS", "--category", "ammunition", "--date", "2022-09-01")
    assert "UN-DPRK  VIOLATES" in r.output and "S/RES/1874 (2009)" in r.output


def test_cli_errors_are_one_line_with_exit_code_2(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("show", "UN-NARNIA")
    assert r.exit_code == 2
    lines = [ln for ln in r.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and "UN-DPRK" in lines[0] and "unknown regime" in lines[0]
    assert cli("check", "--supplier", "PRK", "--recipient", "RUS", "--date", "hier").exit_code == 2
    assert cli("check", "--supplier", "PRK", "--recipient", "RUS", "--category", "bombes").exit_code == 2


def test_cli_list_show_and_help_examples(cli) -> None:  # type: ignore[no-untyped-def]
    r = cli("list")
    assert r.exit_code == 0 and all(rid in r.output for rid in SPEC_REGIMES)
    r = cli("show", "un-iran")
    assert r.exit_code == 0 and "Annex B para 4" in r.output and "contested" in r.output
    for command in ("list", "show", "check"):
        assert "Example: veilleur sanctions" in cli(command, "--help").output
