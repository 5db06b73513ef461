"""Ingest: every input format, and every kind of bad input named with its file and line."""

from __future__ import annotations

import io
import json
import sys
import tracemalloc
from pathlib import Path

import pytest

from veilleur.ingest import (
    MAX_DOCUMENT_BYTES,
    IngestError,
    IngestNotice,
    content_id,
    dateline_date,
    dateline_end,
    read_inputs,
)
from veilleur.records import Document

FIX = Path(__file__).parent / "fixtures" / "ingest"


def read(*paths: Path, date: str | None = None) -> tuple[list[Document], list[IngestError], list[IngestNotice]]:
    items = list(read_inputs(list(paths), date=date))
    return ([i for i in items if isinstance(i, Document)],
            [i for i in items if isinstance(i, IngestError)],
            [i for i in items if isinstance(i, IngestNotice)])


# -- formats ------------------------------------------------------------------------------

def test_text_file_gets_content_id_origin_and_dateline_date():
    docs, errors, _ = read(FIX / "article.txt")
    assert not errors
    [doc] = docs
    assert doc.text.startswith("PARIS, 14 mars 2024 (AFP) - La France va livrer")
    assert doc.id == content_id(doc.text)
    assert doc.origin == str(FIX / "article.txt")
    assert doc.date == "2024-03-14"


def test_same_text_gives_same_id_and_date_argument_overrides(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Rome a rappelé son ambassadeur.", encoding="utf-8")
    b.write_text("Rome a rappelé son ambassadeur.", encoding="utf-8")
    docs, _, _ = read(a, b, date="2021-05-01")
    assert docs[0].id == docs[1].id
    assert [d.date for d in docs] == ["2021-05-01", "2021-05-01"]
    docs, _, _ = read(FIX / "article.txt", date="2020-01-02")
    assert docs[0].date == "2020-01-02"  # the argument wins over the dateline


def test_html_body_without_comments_with_metadata():
    docs, errors, _ = read(FIX / "page.html")
    assert not errors
    [doc] = docs
    assert "suspendu mercredi toutes les licences" in doc.text
    assert "Riyad n'a pas réagi" in doc.text
    assert "courageuse" not in doc.text and "Sophie" not in doc.text  # reader comments
    assert "Tous droits réservés" not in doc.text and "Accueil" not in doc.text
    assert doc.title == "Berlin suspend ses exportations d'armes vers Riyad"
    assert doc.date == "2023-06-21"
    assert doc.source == "Le Courrier du Rhin"
    assert "\n\n" in doc.text  # paragraphs stay paragraphs


def test_jsonl_good_lines_and_bad_lines_by_number():
    docs, errors, _ = read(FIX / "docs.jsonl")
    where = str(FIX / "docs.jsonl")
    assert [d.id for d in docs][0] == "a-1"
    first = docs[0]
    assert (first.date, first.title, first.url, first.source) == (
        "2023-02-24", "Sanctions japonaises", "https://exemple.jp/a1", "Journal de Tokyo")
    assert first.origin == f"{where}:1"
    # no id: a content hash
    assert docs[1].id == content_id(docs[1].text) and docs[1].origin == f"{where}:2"
    # line 3 is malformed, line 4 has no text, line 5 is blank, line 6 is read
    assert [(e.where, e.message.split(" (")[0]) for e in errors] == [
        (f"{where}:3", "not valid JSON"), (f"{where}:4", 'no "text" field')]
    assert docs[-1].id == "a-6" and docs[-1].origin == f"{where}:6"
    assert docs[-1].metadata == {"licence": "CC BY 4.0"}


def test_json_text_that_is_not_a_string_or_empty(tmp_path):
    f = tmp_path / "bad.jsonl"
    f.write_text('{"id": 1, "text": 42}\n{"text": "   "}\n[1, 2]\n{"id": 7, "text": "Quito a rompu avec Caracas."}\n',
                 encoding="utf-8")
    docs, errors, _ = read(f)
    assert [e.where.rsplit(":", 1)[1] for e in errors] == ["1", "2", "3"]
    assert docs[0].id == "7"  # numeric ids become strings


def test_json_list_file():
    docs, errors, _ = read(FIX / "list.json")
    assert not errors
    assert [d.id for d in docs] == ["j-1", "j-2"]


def test_directory_recursive_skips_hidden_and_reports_other_files():
    docs, errors, notices = read(FIX / "dir")
    assert not errors
    assert sorted(d.id for d in docs if not d.id.startswith("deux")) == [
        content_id("Varsovie a réceptionné lundi les premiers chars sud-coréens commandés l'an dernier.\n")]
    assert "deux-1" in {d.id for d in docs}
    assert not any("caché" in d.text for d in docs)
    assert len(notices) == 1 and ".csv" in notices[0].message


def test_stdin_text_and_jsonl(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Doha a reçu une délégation.".encode())))
    docs, errors, _ = read()
    assert not errors and docs[0].text == "Doha a reçu une délégation." and docs[0].origin == "<stdin>"

    lines = '{"id": "s1", "text": "Lima expulse un diplomate."}\nnot json\n{"id": "s3", "text": "Bogota proteste."}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines.encode())))
    docs, errors, _ = read(Path("-"))
    assert [d.id for d in docs] == ["s1", "s3"]
    assert [e.where for e in errors] == ["<stdin>:2"]


def test_missing_path_is_an_error_not_a_crash(tmp_path):
    docs, errors, _ = read(tmp_path / "absent.txt", FIX / "article.txt")
    assert len(docs) == 1 and "no such file" in errors[0].message


# -- bad input ----------------------------------------------------------------------------

def test_empty_file_is_an_error_and_the_batch_goes_on(tmp_path):
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\n", encoding="utf-8")
    docs, errors, _ = read(FIX / "empty.txt", blank, FIX / "article.txt")
    assert [e.where for e in errors] == [str(FIX / "empty.txt"), str(blank)]
    assert all("empty file" in e.message for e in errors)
    assert len(docs) == 1


@pytest.mark.parametrize("payload, kind", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (b"some text\x00\x00\x01\x02 then bytes", "NUL"),
])
def test_binary_file_is_refused_clearly(tmp_path, payload, kind):
    f = tmp_path / "thing.txt"
    f.write_bytes(payload)
    docs, errors, _ = read(f)
    assert not docs
    assert errors[0].where == str(f)
    assert errors[0].message.startswith("binary file") and kind in errors[0].message


def test_latin1_cp1252_text_is_decoded_with_a_notice():
    docs, errors, notices = read(FIX / "latin1.txt")
    assert not errors
    assert docs[0].text.startswith("Le ministre a qualifié la livraison d’«\u00a0inacceptable\u00a0»")
    assert "l’ambassadeur – une première" in docs[0].text  # the CP-1252 characters 0x92, 0x96
    assert notices and "Windows-1252" in notices[0].message and notices[0].where == str(FIX / "latin1.txt")


def test_utf8_bom_is_dropped(tmp_path):
    f = tmp_path / "bom.txt"
    f.write_bytes(b"\xef\xbb\xbfMinsk d\xc3\xa9ment.")
    docs, _, notices = read(f)
    assert docs[0].text == "Minsk dément." and not notices


def test_50_mb_text_file_is_refused_with_the_limit(tmp_path):
    f = tmp_path / "huge.txt"
    para = ("Le Conseil de sécurité a prolongé le régime de sanctions pour un an. " * 20 + "\n\n").encode()
    with f.open("wb") as out:
        for _ in range(50 * 2**20 // len(para) + 1):
            out.write(para)
    docs, errors, _ = read(f, FIX / "article.txt")
    assert errors[0].where == str(f)
    assert "50.0 MB" in errors[0].message and "5 MB limit" in errors[0].message
    assert len(docs) == 1  # the next file is still read


def test_big_jsonl_streams_and_an_oversized_line_is_skipped(tmp_path):
    f = tmp_path / "big.jsonl"
    small = json.dumps({"text": "Hanoï a signé un accord de défense avec Canberra. " * 40}) + "\n"
    with f.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"id": "huge", "text": "x" * (MAX_DOCUMENT_BYTES + 10)}) + "\n")
        for _ in range(8 * 2**20 // len(small)):  # ~8 MB of ordinary lines after it
            out.write(small)
    tracemalloc.start()
    n_docs, errors = 0, []
    for item in read_inputs([f]):
        if isinstance(item, Document):
            n_docs += 1
        elif isinstance(item, IngestError):
            errors.append(item)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [e.where for e in errors] == [f"{f}:1"] and "limit" in errors[0].message
    assert n_docs == 8 * 2**20 // len(small)
    # bounded by the one-line limit, not by the file (16 MB in total)
    assert peak < 2 * MAX_DOCUMENT_BYTES + 2**20


def test_latin1_jsonl_line_is_decoded_with_a_notice(tmp_path):
    f = tmp_path / "l1.jsonl"
    f.write_bytes(b'{"id": "x", "text": "D\xe9claration de P\xe9kin."}\n')
    docs, errors, notices = read(f)
    assert docs[0].text == "Déclaration de Pékin." and notices[0].where == f"{f}:1"


# -- dates --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, iso", [
    ("2 novembre 2012. - L'armée syrienne", "2012-11-02"),
    ("BAMAKO, 1er août 2021 (Reuters) — Le gouvernement", "2021-08-01"),
    ("Le 2 novembre 2012, la France a voté", None),  # a date in a sentence is not a dateline
    ("30 février 2012 - rien", None),
])
def test_dateline(text, iso):
    assert dateline_date(text) == iso


@pytest.mark.parametrize("text, dateline", [
    ("BRUXELLES, 24 décembre 2020 (AFP) — Londres et Bruxelles", "BRUXELLES, 24 décembre 2020 (AFP) — "),
    ("VARSOVIE, 10 septembre (dépêche traduite) — La Pologne", "VARSOVIE, 10 septembre (dépêche traduite) — "),
    ("PARIS (AFP) - La France a voté", "PARIS (AFP) - "),
    ("Kiev (Ukraine), le 4 mai 2023 — Le", "Kiev (Ukraine), le 4 mai 2023 —"),
    ("La France a dit - non", ""),  # no place in capitals
    ("ONU - Le Conseil a voté", ""),  # a short heading is no place
])
def test_dateline_end(text, dateline):
    assert text[:dateline_end(text)] == dateline


@pytest.mark.parametrize("given, stored", [("2022-09-06", "2022-09-06"), ("2022-09", "2022-09"), (" 2022 ", "2022")])
def test_date_argument_forms(given, stored):
    docs, errors, _ = read(FIX / "article.txt", date=given)
    assert not errors and docs[0].date == stored


@pytest.mark.parametrize("bad", ["2022-13-01", "2022-02-30", "06/09/2022", "hier"])
def test_bad_date_argument_is_one_clear_error(bad):
    docs, errors, _ = read(FIX / "article.txt", FIX / "list.json", date=bad)
    assert not docs
    assert [e.where for e in errors] == ["--date"] and repr(bad) in errors[0].message


def test_empty_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    _, errors, _ = read()
    assert [(e.where, e.message) for e in errors] == [("<stdin>", "empty input")]


def test_html_without_article_text_is_an_error(tmp_path):
    f = tmp_path / "menu.html"
    f.write_text("<html><body><nav><a href='/'>Accueil</a></nav></body></html>", encoding="utf-8")
    docs, errors, _ = read(f)
    assert not docs and errors[0].where == str(f) and "no article text" in errors[0].message


def test_file_named_without_a_known_extension_is_sniffed(tmp_path):
    page = tmp_path / "page"
    page.write_bytes((FIX / "page.html").read_bytes())
    rows = tmp_path / "export.dat"
    rows.write_text('{"id": "r1", "text": "Kigali accuse Kinshasa."}\n', encoding="utf-8")
    docs, errors, _ = read(page, rows)
    assert not errors
    assert docs[0].title == "Berlin suspend ses exportations d'armes vers Riyad"  # read as HTML
    assert docs[1].id == "r1"  # read as JSON Lines
