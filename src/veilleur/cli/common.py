"""What every command shares: the Typer app, input reading, errors and exit codes.

Exit codes: 0 all documents processed, 1 some documents failed (listed on
stderr, one line each), 2 usage error (bad flag, missing file).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from ..records import Document

app = typer.Typer(
    name="veilleur",
    help="French news articles to sourced event records.\n\n"
    "Example: veilleur extract examples/ --format table",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2

PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(help="Files (.txt, .html, .jsonl) or directories; '-' or nothing reads stdin."),
]
DateOpt = Annotated[
    str | None,
    typer.Option("--date", help="Publication date (YYYY-MM-DD) for every input; anchors relative dates."),
]


def usage_error(message: str) -> NoReturn:
    """One line on stderr, exit code 2."""
    print(f"error: {message}", file=sys.stderr)
    raise typer.Exit(EXIT_USAGE)


class Failures:
    """Counts documents that failed and reports each on one stderr line."""

    def __init__(self) -> None:
        self.count = 0

    def report(self, where: str, message: str) -> None:
        self.count += 1
        print(f"{where}: {message}", file=sys.stderr)

    def notice(self, where: str, message: str) -> None:
        print(f"{where}: notice: {message}", file=sys.stderr)

    def exit_code(self) -> int:
        return EXIT_SOME_FAILED if self.count else EXIT_OK


def read_documents(paths: Iterable[Path] | None, date: str | None, failures: Failures) -> Iterator[Document]:
    """Documents from paths (or stdin); bad ones are reported and skipped, never fatal."""
    from ..ingest import IngestError, IngestNotice, read_inputs

    paths = list(paths or [])
    for p in paths:
        if str(p) != "-" and not p.exists():
            usage_error(f"{p}: no such file or directory")
    for item in read_inputs(paths, date=date):
        if isinstance(item, IngestError):
            failures.report(item.where, item.message)
        elif isinstance(item, IngestNotice):
            failures.notice(item.where, item.message)
        else:
            yield item


@app.callback()
def _root() -> None:
    """French news articles to sourced event records.

    Example: veilleur extract examples/ --format table
    """
