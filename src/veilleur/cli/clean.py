"""``veilleur clean``: articles without their web-scrape residue, as JSON Lines."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from ..clean import Cleaned, clean
from .common import DateOpt, Failures, PathsArg, app, read_documents, usage_error


@app.command("clean", short_help="Drop web-scrape residue; one {doc_id, text} JSON line per article.")
def clean_command(
    paths: PathsArg = None,
    date: DateOpt = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    show_dropped: Annotated[
        bool, typer.Option("--show-dropped", help="Add the dropped lines (and repairs), each with its rule.")
    ] = False,
    normalise: Annotated[
        bool,
        typer.Option("--normalise", help="Print exactly the text the NLP stages read: typography "
                                         "normalised (’ → \', NBSP → space) and glued words split "
                                         "(Russiecapacité → Russie capacité)."),
    ] = False,
) -> None:
    """Example: veilleur clean examples/ --show-dropped

    Drops web-scrape residue — video-player notices, bare time codes, video captions, "lire aussi" and live-coverage teasers, photo credits, share, subscribe and cookie lines — and writes one {"doc_id", "text"} JSON line per article. Kept lines are the article's own text, unchanged; --normalise shows the NLP text instead.

    Rules: src/veilleur/data/clean/residue.yaml. Exit code 1 if some input failed.
    """
    failures = Failures()
    try:
        out = output.open("w", encoding="utf-8") if output else sys.stdout
    except OSError as e:
        usage_error(f"{output}: {e.strerror or e}")
    try:
        for doc in read_documents(paths, date, failures):
            try:
                result = clean(doc.text, typography=normalise, repair=normalise)
            except Exception as e:  # noqa: BLE001 - one bad document never stops the batch
                failures.report(doc.origin or doc.id, f"cleaning failed: {type(e).__name__}: {e}")
                continue
            record: dict[str, Any] = {"doc_id": doc.id, "text": result.text}
            if show_dropped:
                record.update(_changes(doc.text, result))
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if output:
            out.close()
    raise typer.Exit(failures.exit_code())


def _changes(raw: str, result: Cleaned) -> dict[str, Any]:
    return {
        "dropped": [{"rule": d.rule, "start": d.start, "end": d.end, "text": raw[d.start:d.end]}
                    for d in result.dropped],
        "repaired": [{"rule": r.rule, "at": r.at, "text": raw[max(0, r.at - 20):r.at + 20]}
                     for r in result.repairs],
    }
