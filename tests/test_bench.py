"""``veilleur bench``: the corpus generator and one small end-to-end run (figures are never asserted)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from veilleur.bench.corpus import (
    BUILTIN,
    MAX_PARAGRAPHS,
    MIN_PARAGRAPHS,
    ParagraphPool,
    generate,
    paragraph_pool,
    split_paragraphs,
)

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def test_generate_makes_n_dated_french_documents() -> None:
    docs = generate(50, seed=3)
    assert len(docs) == 50
    assert len({d.id for d in docs}) == 50
    for d in docs:
        assert d.date and ISO_DATE.match(d.date)
        assert MIN_PARAGRAPHS <= len(d.text.strip().split("\n\n")) <= MAX_PARAGRAPHS
    assert len({len(d.text) for d in docs}) > 10  # lengths vary


def test_generate_is_deterministic_per_seed() -> None:
    a, b, c = generate(30, seed=7), generate(30, seed=7), generate(30, seed=8)
    assert [(d.id, d.text, d.date) for d in a] == [(d.id, d.text, d.date) for d in b]
    assert [d.text for d in a] != [d.text for d in c]


def test_builtin_paragraphs_work_without_any_repository_corpus(tmp_path: Path) -> None:
    # a clean install has neither tests/corpus/articles nor examples/
    pool = paragraph_pool(root=tmp_path)
    assert pool.source == "built-in paragraphs"
    assert len(pool.paragraphs) >= 10
    assert all("#" not in p[:1] for p in pool.paragraphs)
    docs = generate(5, pool=pool)
    assert all(d.text.strip() for d in docs)
    assert BUILTIN.exists()


def test_repository_articles_are_preferred_over_examples(tmp_path: Path) -> None:
    (tmp_path / "tests/corpus/articles").mkdir(parents=True)
    (tmp_path / "examples").mkdir()
    body = "La Norvège a annoncé l'envoi de deux navires de déminage vers la mer Baltique cette semaine."
    (tmp_path / "tests/corpus/articles/a.txt").write_text(f"Titre court\n\n{body}\n", encoding="utf-8")
    (tmp_path / "examples/b.txt").write_text("Autre paragraphe, assez long pour compter dans le corpus.\n",
                                              encoding="utf-8")
    pool = paragraph_pool(root=tmp_path)
    assert pool == ParagraphPool("tests/corpus/articles", (body,))  # the short title line is dropped


def test_split_paragraphs_joins_wrapped_lines() -> None:
    text = "# commentaire\nPremière ligne d'un paragraphe\nqui continue ici, assez long.\n\nCourt\n"
    assert split_paragraphs(text) == ["Première ligne d'un paragraphe qui continue ici, assez long."]


@pytest.mark.slow
def test_bench_cli_reports_positive_rates_and_equal_events() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", "from veilleur.cli import main; main()",
         "bench", "--articles", "20", "--workers", "2", "--no-dask", "--json"],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["articles"] == 20 and report["words"] > 0
    names = [r["name"] for r in report["runs"]]
    assert names == ["spacy", "veilleur-1", "pool-2"]
    for run in report["runs"]:
        assert run["articles_per_s"] > 0 and run["words_per_s"] > 0
        assert run["peak_rss_mb"] and all(m > 0 for m in run["peak_rss_mb"])
        assert all(s > 0 for s in run["load_seconds"])
    assert len(report["runs"][2]["peak_rss_mb"]) == 2  # one figure per worker
    events = [r["events"] for r in report["runs"][1:]]
    assert events[0] > 0  # news paragraphs hold events: equal counts must not be a trivial 0 == 0
    assert events[0] == events[1] and report["events_same"] is True
    assert report["events_line"].startswith("events: same across runs")
    assert report["ratios"]["veilleur1_over_spacy"] > 0
    assert report["ratios"]["dask_overhead_vs_pool"] is None


def test_bench_rejects_bad_worker_count() -> None:
    proc = subprocess.run([sys.executable, "-c", "from veilleur.cli import main; main()",
                           "bench", "--workers", "0"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "--workers" in proc.stderr


def test_events_check_names_the_documents_a_parallel_run_disagrees_on() -> None:
    from veilleur.bench.run import Bench, RunResult

    def run(name: str, per_doc: list[int]) -> RunResult:
        return RunResult(name, name, 1, 3, 30, 1.0, 0.0, [1.0], [100.0], sum(per_doc), 0, per_doc)

    same = Bench(3, 30, 2, 2, "test", [run("veilleur-1", [1, 0, 2]), run("pool-2", [1, 0, 2])], ["a", "b", "c"])
    assert same.events_check() == (True, "events: same across runs (3 events)")
    differ = Bench(3, 30, 2, 2, "test", [run("veilleur-1", [1, 0, 2]), run("pool-2", [1, 1, 2])], ["a", "b", "c"])
    ok, line = differ.events_check()
    assert not ok
    assert "veilleur-1: 3, pool-2: 4" in line and "1 documents differ: b" in line
