"""Cleaner: residue of several site styles goes, look-alike body text stays, offsets stay exact."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veilleur.clean import INVISIBLE, TYPOGRAPHY, clean

BODY_1 = ("Le ministère russe de la Défense a affirmé jeudi avoir abattu douze drones au-dessus de la "
          "région de Belgorod, une accusation rejetée par Kiev.")
BODY_2 = ("Selon des responsables occidentaux, les livraisons de munitions se sont accélérées depuis le "
          "début de l'été, malgré les sanctions.")


def kept(raw: str) -> str:
    return clean(raw, typography=False, repair=False).text


def dropped_rules(raw: str) -> dict[str, str]:
    c = clean(raw)
    return {raw[d.start:d.end]: d.rule for d in c.dropped}


def article(*residue: str) -> str:
    return "\n\n".join([BODY_1, *residue, BODY_2])


# -- residue of different site styles ------------------------------------------------------

SITE_STYLES = {
    "translated player page": [
        "Le Kremlin « n'a rien à cacher » – suivez les dernières mises à jour",
        "Veuillez utiliser le navigateur Chrome pour un lecteur vidéo plus accessible",
        "1:27",
        "Un convoi militaire traverse la frontière",
    ],
    "national daily": [
        "Lire aussi | Les exportations d'armes françaises au plus haut depuis dix ans",
        "Article réservé à nos abonnés",
        "Il vous reste 71 % de cet article à lire. La suite est réservée aux abonnés.",
        "Le Monde avec AFP",  # not residue: kept (see below)
    ],
    "right-wing daily": [
        "À lire aussi : Guerre en Ukraine : Moscou promet une riposte",
        "Publicité",
        "Par Claire Dubois et Marc Lefèvre",
        "Publié le 12/03/2024 à 10:23, mis à jour le 12/03/2024 à 11:02",
    ],
    "public broadcaster": [
        "VIDÉO. Des images de la frappe sur le port d'Odessa",
        "Temps de lecture : 3 min",
        "Partager sur Facebook",
        "Facebook Twitter LinkedIn E-mail",
        "Suivez toute l'actualité de franceinfo sur notre application",
    ],
    "international service": [
        "Lecture des médias non prise en charge sur votre appareil",
        "Crédit photo, Getty Images",
        "Légende image, Des soldats ukrainiens près de Bakhmout en mars",
        "Sur le même sujet",
        "Pourquoi la Turquie bloque l'adhésion de la Suède",
        "Le Sahel, nouveau terrain de la rivalité entre Paris et Moscou",
    ],
    "cookies and newsletter": [
        "Nous utilisons des cookies pour améliorer votre expérience. En poursuivant votre navigation, "
        "vous acceptez leur utilisation.",
        "Tout accepter",
        "Continuer sans accepter",
        "Recevez chaque matin notre newsletter Monde : inscrivez-vous gratuitement",
        "Abonnez-vous pour lire la suite",
    ],
    "footer and furniture": [
        "Article rédigé par Jean Dupont - franceinfo",
        "Offrir cet article",
        "Ajouter à vos sélections",
        "Vous pouvez partager un article en cliquant sur les icônes de partage en haut à droite de celui-ci.",
        "La reproduction totale ou partielle d\u2019un article, sans l\u2019autorisation écrite et préalable "
        "du journal, est strictement interdite.",
        "Mentions légales | Politique de confidentialité",
        "Newsletter",
        "Voir plus",
    ],
    "photo credits": [
        "© AFP",
        "Photo : Sergueï Volkov / Reuters",
        "Photo d'illustration",
        "AFP / Archives",
        "(Photo : Ministère ukrainien de la Défense)",
    ],
}


@pytest.mark.parametrize("style", sorted(SITE_STYLES))
def test_residue_of_each_site_style_is_dropped_and_body_kept(style):
    lines = SITE_STYLES[style]
    residue = [ln for ln in lines if ln != "Le Monde avec AFP"]
    out = kept(article(*lines))
    for ln in residue:
        assert ln not in out, f"{style}: kept residue {ln!r}"
    assert BODY_1 in out and BODY_2 in out
    if "Le Monde avec AFP" in lines:  # a source line is attribution, not residue
        assert "Le Monde avec AFP" in out


def test_each_dropped_line_names_its_rule():
    rules = dropped_rules(article(*SITE_STYLES["translated player page"]))
    assert list(rules.values()) == ["follow_updates", "video_player_notice", "video_duration", "video_caption"]


@pytest.mark.parametrize("notice, duration", [
    ("Votre navigateur ne prend pas en charge la lecture de cette vidéo.", "2:41"),
    ("Cette vidéo n'est pas disponible dans votre pays", "Durée : 1:05"),
    ("Activez JavaScript pour profiter du lecteur vidéo", "(0:37)"),
    ("▶ Regarder", "1:02:33"),
])
def test_player_styles_with_their_caption(notice, duration):
    caption = "Les images du défilé militaire à Pyongyang"
    out = kept(article(notice, duration, caption))
    assert notice not in out and duration not in out and caption not in out
    assert out == f"{BODY_1}\n\n{BODY_2}"


def test_live_blog_clock_time_drops_but_the_entry_title_stays():
    # "12:04" alone is a clock time: dropped, but it is not a video, so the title below stays
    raw = article("12:04", "La Pologne ferme un poste-frontière avec la Biélorussie")
    out = kept(raw)
    assert "12:04" not in out
    assert "La Pologne ferme un poste-frontière avec la Biélorussie" in out


# -- body lines that look like residue ------------------------------------------------------

LOOK_ALIKES = [
    "Une vidéo diffusée par le ministère montre des chars russes franchissant la frontière.",
    "Le vote a été clos à 12:04, heure locale, selon le greffe du tribunal.",
    "Moscou a démenti.",
    "Des sanctions renforcées",  # a sub-heading: short, no final dot, but not next to a video
    "Par ailleurs, Kiev a reçu de nouveaux obus de 155 mm.",
    "Publié le 3 mars, le rapport accuse Damas de crimes de guerre.",
    "La CNIL a infligé une amende à Google pour ses cookies publicitaires déposés sans consentement.",
    "Lire entre les lignes du communiqué n'a rien appris aux diplomates.",
    "Partager le renseignement reste un tabou entre les deux capitales.",
    "En partenariat avec l'Ukraine, la Pologne produira des obus.",
    "Photo à l'appui, le porte-parole a montré les débris du missile.",
    "Dans sa newsletter, le ministère a publié les chiffres des exportations.",
    "La reproduction de ces documents classifiés a permis aux enquêteurs de remonter la filière.",
    "« Nous n'avons rien à cacher », a déclaré le ministre.",
]


@pytest.mark.parametrize("line", LOOK_ALIKES)
def test_body_line_that_looks_like_residue_is_kept(line):
    assert line in kept(article(line))


def test_short_paragraph_after_a_video_with_a_final_dot_is_body():
    raw = article("Veuillez utiliser le navigateur Chrome pour un lecteur vidéo plus accessible",
                  "0:53", "Kiev dément toute implication.")
    out = kept(raw)
    assert "Kiev dément toute implication." in out and "0:53" not in out


def test_only_one_caption_per_player():
    raw = article("Veuillez utiliser le navigateur Chrome pour un lecteur vidéo plus accessible",
                  "0:53", "Poutine reçoit Kim Jong-un", "Une guerre qui s'enlise")
    out = kept(raw)
    assert "Poutine reçoit Kim Jong-un" not in out
    assert "Une guerre qui s'enlise" in out  # the sub-heading after the caption


# -- paragraphs -----------------------------------------------------------------------------

def test_paragraph_structure_kept_and_blank_runs_collapsed():
    raw = f"{BODY_1}\nsuite du paragraphe.\n\n\n\n\n{BODY_2}\n\n\nPublicité\n\n\nFin de l'article.\n"
    out = kept(raw)
    assert out == f"{BODY_1}\nsuite du paragraphe.\n\n{BODY_2}\n\nFin de l'article."


def test_a_dropped_line_inside_a_paragraph_becomes_a_paragraph_break():
    out = kept(f"{BODY_1}\nPublicité\n{BODY_2}")
    assert out == f"{BODY_1}\n\n{BODY_2}"


def test_crlf_and_surrounding_blanks():
    out = clean(f"  {BODY_1}  \r\n\r\n\t{BODY_2}\r\n").text
    assert out == f"{BODY_1}\n\n{BODY_2}"


# -- glued words ----------------------------------------------------------------------------

@pytest.mark.parametrize("raw, fixed", [
    ("à réduire Russiecapacité de soutenir", "à réduire Russie capacité de soutenir"),
    ("la guerre en Ukrainealors que", "la guerre en Ukraine alors que"),
    ("vers la Corée du Nordpour contourner", "vers la Corée du Nord pour contourner"),
    ("les États-Unisont annoncé", "les États-Unis ont annoncé"),
    ("des drones livrés deRussie la veille", "des drones livrés de Russie la veille"),
])
def test_glued_place_name_is_split(raw, fixed):
    c = clean(raw)
    assert c.text == fixed
    assert len(c.repairs) == 1


@pytest.mark.parametrize("word", ["Iranien", "Iraniennes", "Russies", "Malienne", "Québécois", "Israélien",
                                  "Irangate", "Malinowski", "Canadiens", "Gazaoui", "Chinoise", "Francesca"])
def test_real_word_starting_with_a_name_is_not_split(word):
    raw = f"Le {word} a été cité."
    assert clean(raw).text == raw


# -- typography and offsets -------------------------------------------------------------------

def test_typography_normalised_for_the_nlp_and_guillemets_kept():
    raw = "L\u2019armée a dit \u201cnon\u201d\u00a0: «\u202fjamais\u202f». Rus\u00adsie"
    assert clean(raw).text == "L'armée a dit \"non\" : « jamais ». Russie"
    assert clean(raw, typography=False).text == raw  # untouched for display


def equivalent(raw_ch: str, out_ch: str) -> bool:
    return raw_ch == out_ch or TYPOGRAPHY.get(raw_ch) == out_ch or (raw_ch == "\r" and out_ch == "\n")


def check_offsets(raw: str) -> None:
    c = clean(raw)
    repair_at = {r.at for r in c.repairs}
    assert c.offsets.length == len(c.text)
    for i, ch in enumerate(c.text):
        j = c.offsets.to_raw(i)
        assert 0 <= j < len(raw)
        if ch == " " and j in repair_at and raw[j] != " ":
            continue  # an inserted glue space points at the word it separates
        assert equivalent(raw[j], ch), (i, ch, j, raw[j])
    # raw positions only move forward, and dropped spans are whole residue lines
    positions = [c.offsets.to_raw(i) for i in range(len(c.text))]
    assert positions == sorted(positions)
    for d in c.dropped:
        assert raw[d.start:d.end].strip() and "\n" not in raw[d.start:d.end]


def test_offsets_on_an_article_with_residue_glue_and_typography():
    raw = ("La Russie achète des obus\u00a0: c\u2019est \u201cgrave\u201d.\r\n\r\n"
           "Veuillez utiliser le navigateur Chrome pour un lecteur vidéo plus accessible\n\n0:53\n\n"
           "Titre de la vidéo\n\n\nElle veut réduire Russiecapacité d\u2019agir.\n© AFP\nFin.")
    check_offsets(raw)
    c = clean(raw)
    start = c.text.index("Russie capacité")
    s, e = c.offsets.span_to_raw(start, start + len("Russie capacité"))
    assert raw[s:e] == "Russiecapacité"


PIECES = [BODY_1, BODY_2, "Publicité", "0:53", "12:04", "Un titre court", "© AFP", "Lire aussi : autre chose",
          "Russiecapacité de", "l\u2019armée \u201cdit\u201d", "«\u00a0oui\u00a0»", "Rus\u00adsie", "", " ", "\t",
          "Veuillez utiliser le navigateur Chrome pour un lecteur vidéo plus accessible", "Ukrainealors que"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12),
       st.lists(st.sampled_from(["\n", "\n\n", "\r\n", " ", "\n\n\n", "\r"]), min_size=12, max_size=12))
def test_every_cleaned_character_maps_back_to_an_equivalent_raw_character(pieces, seps):
    raw = "".join(p + s for p, s in zip(pieces, seps, strict=False))
    check_offsets(raw)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab Rusie\n\r\u2019\u00a0:0123" + INVISIBLE + "«»\u201c")), max_size=80))
def test_offsets_hold_on_arbitrary_text(raw):
    check_offsets(raw)


# -- the command ----------------------------------------------------------------------------

def run_cli(args: list[str]):
    from typer.testing import CliRunner

    import veilleur.cli.clean  # noqa: F401 - registers the command
    from veilleur.cli.common import app

    return CliRunner().invoke(app, ["clean", *args])


def test_cli_writes_doc_id_and_text_per_article(tmp_path):
    import json

    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"id": "x1", "text": article(*SITE_STYLES["photo credits"])}) + "\n"
                 + "{broken\n", encoding="utf-8")
    result = run_cli([str(f), "--show-dropped"])
    assert result.exit_code == 1  # one line failed
    [line] = [ln for ln in result.stdout.splitlines() if ln.startswith("{")]
    rec = json.loads(line)
    assert rec["doc_id"] == "x1" and rec["text"] == f"{BODY_1}\n\n{BODY_2}"
    assert {d["rule"] for d in rec["dropped"]} == {"photo_credit"}
    assert f"{f}:2" in result.stderr


def test_cli_output_file_and_normalise(tmp_path):
    import json

    src = tmp_path / "a.txt"
    src.write_text("L\u2019Ukrainealors\u00a0: fin.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert run_cli([str(src), "--output", str(out)]).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["text"] == "L\u2019Ukrainealors\u00a0: fin."
    assert run_cli([str(src), "-o", str(out), "--normalise"]).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["text"] == "L'Ukraine alors : fin."
