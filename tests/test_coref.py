"""Within-document coreference beyond states (SPEC §3): organisation anaphors ("l'ONG", "le groupe",
"l'organisation islamiste", "les rebelles"), ministries and spokesmen with no country word, bodies
placed by their capital ("la junte au pouvoir à Bamako"), and pairs ("les deux pays") left unresolved.
All sentences are written for these tests."""

from __future__ import annotations

import pytest

from conftest import resolver_at
from veilleur.records import ActorMention

resolve = resolver_at("2013-03-10")


def found(mentions: list[ActorMention]) -> dict[str, tuple[str, str | None, str]]:
    return {m.text: (m.code, m.sector, m.via) for m in mentions}


# -- organisation anaphors -------------------------------------------------------------------

@pytest.mark.parametrize("text,span,code,sector", [
    ("Amnesty International a dénoncé lundi des détentions arbitraires en Égypte. "
     "L'organisation réclame une enquête indépendante.",
     "L'organisation", "AMNESTY_INTERNATIONAL", "CVL"),
    ("Médecins sans frontières a évacué son hôpital de Kunduz. Cette ONG demande des garanties au Kaboul.",
     "Cette ONG", "MSF", "CVL"),
    ("Le MUJAO a revendiqué l'enlèvement de sept diplomates algériens. "
     "Le groupe exige une rançon.", "Le groupe", "MUJAO", "REB"),
    ("Les shebab ont frappé un marché de Mogadiscio. Vendredi, la milice islamiste a revendiqué l'attentat.",
     "la milice islamiste", "AL_SHABAAB", "REB"),
    ("Boko Haram a attaqué une caserne à Maiduguri. L'organisation terroriste a perdu une vingtaine de "
     "combattants.", "L'organisation terroriste", "BOKO_HARAM", "REB"),
    ("Le Hezbollah a tiré des roquettes sur le nord. Le mouvement chiite dément toute implication.",
     "Le mouvement chiite", "HEZBOLLAH", "REB"),
    ("L'OTAN a tenu un sommet à Lisbonne. L'organisation a adopté un nouveau concept stratégique.",
     "L'organisation", "NAT", "IGO"),
])
def test_organisation_anaphor_takes_the_named_group(resolve, text, span, code, sector):
    assert found(resolve(text))[span] == (code, sector, "coref")


def test_organisation_anaphor_is_never_a_state(resolve):
    text = "Le Niger a fermé sa frontière avec le Mali. L'organisation n'a pas réagi."
    assert [m.code for m in resolve(text)] == ["NER", "MLI"]


def test_organisation_anaphor_without_antecedent_in_the_window_is_dropped(resolve):
    text = ("Greenpeace a bloqué un pétrolier. Il pleut. Les marchés montent. Le froid arrive. "
            "La neige tombe. L'ONG prépare une nouvelle action.")
    assert [m.code for m in resolve(text)] == ["GREENPEACE"]


def test_ngo_phrase_does_not_take_an_armed_group(resolve):
    text = "Les talibans ont attaqué un convoi près de Kandahar. L'ONG a suspendu ses activités."
    assert "L'ONG" not in found(resolve(text))


def test_armed_group_phrase_does_not_take_an_ngo(resolve):
    text = "Human Rights Watch publie un rapport sur la Libye. Le groupe armé conteste ces chiffres."
    assert "Le groupe armé" not in found(resolve(text))


def test_adjective_narrows_the_referent(resolve):
    # "l'organisation" alone would take the most recent: HRW; "islamiste" says it is the armed group
    text = ("Ansar Eddine a détruit des mausolées à Tombouctou. Human Rights Watch a condamné ces "
            "destructions. L'organisation islamiste promet de continuer.")
    assert found(resolve(text))["L'organisation islamiste"][0] == "ANSAR_DINE"
    text = ("Ansar Eddine a détruit des mausolées à Tombouctou. Human Rights Watch a condamné ces "
            "destructions. L'organisation promet de documenter chaque site.")
    assert found(resolve(text))["L'organisation"][0] == "HUMAN_RIGHTS_WATCH"


def test_most_recent_group_wins_a_tie(resolve):
    text = "Le MNLA a quitté Kidal, où le MUJAO s'est installé. Le groupe contrôle désormais la ville."
    assert found(resolve(text))["Le groupe"][0] == "MUJAO"


@pytest.mark.parametrize("text", [
    "Le groupe Ansar Eddine a détruit une porte de la mosquée.",  # the phrase introduces a name
    "Boko Haram a frappé. Le groupe de contact sur le Sahel se réunit à Rome.",  # complement
    "Boko Haram a frappé. Le groupe parlementaire socialiste a demandé un débat.",
    "Boko Haram a frappé. Le mouvement de protestation gagne les campus.",
    "Boko Haram a frappé. L'Organisation mondiale de la propriété intellectuelle publie son rapport.",
])
def test_organisation_phrase_that_is_no_anaphor(resolve, text):
    ms = resolve(text)
    assert all(m.via != "coref" for m in ms), [(m.text, m.code) for m in ms]


def test_bare_plural_takes_the_armed_group_of_the_window(resolve):
    text = ("Le MNLA a repris la ville de Ménaka mardi. Selon des habitants, les rebelles ont "
            "installé des barrages.")
    assert found(resolve(text))["rebelles"] == ("MNLA", "REB", "coref")
    text = "AQMI détient toujours quatre otages. Les islamistes ont posé de nouvelles conditions."
    assert found(resolve(text))["islamistes"] == ("AQIM", "REB", "coref")


def test_rebels_with_a_nationality_keep_the_state(resolve):
    text = "Le Front al-Nosra a revendiqué l'attentat. Les rebelles syriens ont pris un aéroport."
    assert found(resolve(text))["rebelles syriens"] == ("SYR", "REB", "body")


def test_rebels_of_a_named_group_are_no_anaphor(resolve):
    text = "Le MUJAO tient Gao. Les rebelles touareg du MNLA ont reculé vers Kidal."
    ms = resolve(text)
    assert [m.code for m in ms if m.text == "rebelles"] == []
    assert [m.code for m in ms if m.code in ("MUJAO", "MNLA")] == ["MUJAO", "MNLA"]


def test_bare_plural_without_a_group_is_dropped(resolve):
    assert "rebelles" not in found(resolve("La Syrie accuse la Turquie. Les rebelles ont pris un village."))


# -- ministries, spokesmen and bodies placed by their capital ---------------------------------

def test_spokesman_of_the_ministry_takes_the_salient_state(resolve):
    text = "L'Algérie a rappelé son ambassadeur. Un porte-parole du ministère a confirmé la décision."
    assert found(resolve(text))["porte-parole du ministère"] == ("DZA", "GOV", "coref")


def test_foreign_ministry_spokesman_is_diplomatic(resolve):
    text = "La Norvège a convoqué le diplomate. Le porte-parole du ministère des Affaires étrangères a refusé."
    assert found(resolve(text))["porte-parole du ministère des Affaires étrangères"] == ("NOR", "DIP", "coref")


def test_bare_ministry_takes_the_salient_state(resolve):
    text = "Le Maroc conteste ces chiffres. Le ministère a publié un démenti."
    assert found(resolve(text))["ministère"] == ("MAR", "GOV", "coref")


def test_ministry_of_something_else_is_no_state(resolve):
    text = "Le Maroc conteste ces chiffres. Le ministère de la Santé compte les victimes."
    assert [m.code for m in resolve(text)] == ["MAR"]


def test_state_named_in_a_quotation_is_not_the_speaker(resolve):
    text = ("Pékin a durci le ton. « Nous appelons le Japon à renoncer à ses provocations », "
            "a déclaré un porte-parole du ministère.")
    assert found(resolve(text))["porte-parole du ministère"][0] == "CHN"


@pytest.mark.parametrize("text,span,code", [
    ("La junte au pouvoir à Niamey a suspendu la Constitution.", "junte au pouvoir à Niamey", "NER"),
    ("Le Mali proteste. Le régime en place à Ouagadougou a fermé la frontière.",
     "régime en place à Ouagadougou", "BFA"),
    ("Le gouvernement de Tripoli a démenti.", "gouvernement de Tripoli", "LBY"),
    ("Les autorités de Kiev ont protesté.", "autorités de Kiev", "UKR"),
])
def test_body_placed_by_its_capital(resolve, text, span, code):
    assert found(resolve(text))[span][:2] == (code, "GOV")


# -- pairs -----------------------------------------------------------------------------------

@pytest.mark.parametrize("phrase", ["Les deux dirigeants", "Les deux pays", "Les deux chefs d'État",
                                    "Les deux capitales"])
def test_pair_gives_each_state_a_mention(resolve, phrase):
    text = f"Le président sénégalais a reçu son homologue gambien. {phrase} ont signé un accord."
    ms = resolve(text)
    assert [m.code for m in ms] == ["SEN", "GMB", "SEN", "GMB"]
    start = text.index(phrase)
    # the whole phrase for the first state, the phrase less its determiner for the second
    assert (ms[2].start, ms[2].end) == (start, start + len(phrase))
    assert ms[3].text == phrase.split(" ", 1)[1]


def test_pair_needs_two_states(resolve):
    ms = resolve("Le président sénégalais a parlé. Les deux pays ont signé un accord.")
    assert [m.code for m in ms] == ["SEN"]


def test_pair_of_people_needs_people(resolve):
    # Moscow is only where the visit takes place: the second leader is not yet named
    ms = resolve("Le président chinois a achevé une visite à Moscou. Les deux dirigeants ont signé un accord.")
    assert [m.code for m in ms] == ["CHN", "RUS"]
