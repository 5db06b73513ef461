"""``veilleur actors``: the actors resolved in each article, with raw offsets."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated

import typer

from .common import DateOpt, Failures, PathsArg, app, read_documents


class Format(StrEnum):
    table = "table"
    jsonl = "jsonl"


@app.command("actors", short_help="List the actors resolved in each article (code, sector, raw offsets).")
def actors_command(
    paths: PathsArg = None,
    date: DateOpt = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table (for reading) or jsonl.")] = Format.table,
) -> None:
    """Example: echo "L'armée russe a reçu des obus nord-coréens." | veilleur actors --date 2022-09-06

    Cleans each article, tokenises it and resolves actor mentions against the knowledge base
    (src/veilleur/data/actors/): states, capitals and seats of power (Moscou, le Kremlin),
    adjectives (nord-coréens), bodies with their sector (l'armée russe -> RUS MIL), organisations,
    armed groups, media, office holders coded for the article's date, and coreference ("cet État
    isolé"). Offsets are into the raw input. Exit code 1 if some input failed.
    """
    from ..actors import ActorResolver
    from ..clean import clean
    from ..nlp import load_model, tokenize

    failures = Failures()
    nlp = load_model()
    resolver = ActorResolver()
    for doc in read_documents(paths, date, failures):
        try:
            cleaned = clean(doc.text)
            mentions = resolver.resolve(tokenize(nlp, cleaned.text), date=doc.date)
        except Exception as e:  # noqa: BLE001 - one bad document never stops the batch
            failures.report(doc.origin or doc.id, f"actor resolution failed: {type(e).__name__}: {e}")
            continue
        rows = []
        for m in mentions:
            start, end = cleaned.offsets.span_to_raw(m.start, m.end)
            rows.append({"doc_id": doc.id, "start": start, "end": end, "text": doc.text[start:end],
                         "code": m.code, "sector": m.sector, "name": m.name, "kind": m.kind,
                         "via": m.via, "parent": m.parent})
        _write(rows, doc.origin or doc.id, fmt)
    raise typer.Exit(failures.exit_code())


def _write(rows: list[dict[str, object]], where: str, fmt: Format) -> None:
    out = sys.stdout
    if fmt is Format.jsonl:
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
        return
    out.write(f"== {where}: {len(rows)} mentions\n")
    for r in rows:
        span = f"{r['start']}-{r['end']}"
        out.write(f"{span:>11}  {r['code']:<10} {r['sector'] or '-':<4} {r['kind']:<7} {r['via']:<8} "
                  f"{r['text']!s:<40} {r['name']}\n")
