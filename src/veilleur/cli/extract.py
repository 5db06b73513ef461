"""``veilleur extract``: events of articles as JSON Lines, JSON or a table."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated

import typer

from ..records import Event
from .common import DateOpt, Failures, PathsArg, app, read_documents


class Format(StrEnum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


@app.command()
def extract(
    paths: PathsArg = None,
    date: DateOpt = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.jsonl,
    explain: Annotated[bool, typer.Option("--explain", help="Show each event's sentence with the trigger, "
                                                            "actors and cues marked.")] = False,
) -> None:
    """Extract event records from articles.

    Example: veilleur extract examples/ --format table --explain
    """
    import veilleur

    failures = Failures()
    pipe = veilleur.load()
    all_events: list[dict] = []
    rows: list[Event] = []
    for res in pipe.pipe(read_documents(paths, date, failures)):
        where = res.document.origin or res.document.id
        if res.error:
            failures.report(where, res.error)
            continue
        if res.skipped:
            failures.notice(where, f"skipped: {res.skipped}")
            continue
        for ev in res.events:
            if fmt is Format.jsonl:
                sys.stdout.write(json.dumps(ev.to_dict(), ensure_ascii=False) + "\n")
            elif fmt is Format.json:
                all_events.append(ev.to_dict())
            else:
                rows.append(ev)
            if explain:
                print(explain_event(ev, res.document.text), file=sys.stderr if fmt is not Format.table else sys.stdout)
    if fmt is Format.json:
        json.dump(all_events, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif fmt is Format.table:
        print_table(rows)
    raise typer.Exit(failures.exit_code())


def print_table(events: list[Event]) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(show_lines=False)
    for col in ("doc", "type", "actor", "recipient", "modality", "date", "sources", "arms", "sanctions"):
        t.add_column(col)
    for ev in events:
        arms = ""
        if ev.arms_transfer:
            arms = ", ".join(f"{i.category}{' ' + i.designation if i.designation else ''}"
                             f"{' (' + i.quantity.text + ')' if i.quantity else ''}" for i in ev.arms_transfer.items)
        t.add_row(ev.doc_id[:18], ev.event_type, ",".join(a.code for a in ev.actor),
                  ",".join(a.code for a in ev.recipient), ev.modality, ev.date or "",
                  " > ".join(f"{s.name} ({s.kind})" for s in ev.attribution), arms,
                  ", ".join(f"{s.regime}:{s.relation}" for s in ev.sanctions))
    Console(width=200).print(t)


def explain_event(ev: Event, raw: str) -> str:
    """The evidence sentence with [trigger], <actors>, {recipients} and |cues| marked."""
    s, e = ev.text_info.start, ev.text_info.end
    marks: list[tuple[int, int, str, str]] = []
    if ev.trigger:
        marks.append((ev.trigger[0], ev.trigger[1], "[", "]"))
    for a in ev.actor:
        if a.start is not None and a.end is not None:
            marks.append((a.start, a.end, "<", ">"))
    for r in ev.recipient:
        if r.start is not None and r.end is not None:
            marks.append((r.start, r.end, "{", "}"))
    for c in ev.cues:
        marks.append((c["start"], c["end"], "|", "|"))
    inside = sorted((m for m in marks if s <= m[0] and m[1] <= e), key=lambda m: m[0])
    out, pos = [], s
    for ms, me, a, b in inside:
        if ms < pos:
            continue
        out.append(raw[pos:ms])
        out.append(f"{a}{raw[ms:me]}{b}")
        pos = me
    out.append(raw[pos:e])
    head = (f"{ev.event_type} {','.join(a.code for a in ev.actor)} -> {','.join(r.code for r in ev.recipient)}"
            f" [{ev.modality}]" + (f" via {' > '.join(x.name for x in ev.attribution)}" if ev.attribution else ""))
    return f"{head}\n    {''.join(out).strip()}"
