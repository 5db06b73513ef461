"""Store commands: ingest, events, stories, top-actors, export.

    veilleur ingest examples/                      # into ./veilleur.db (or $VEILLEUR_DB)
    veilleur events --actor PRK --type AID --format table
    veilleur stories --show-origins
    veilleur top-actors -n 20
    veilleur export --format parquet --output events.parquet --since 2022-01-01

``--db`` takes a path, ``sqlite:///path`` or ``postgresql://user@host/db``.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from ..store import FORMATS, EventFilter, Store, StoreError, default_url, export, ingest
from ..store.ingest import IngestReport
from .common import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_USAGE,
    DateOpt,
    Failures,
    PathsArg,
    app,
    usage_error,
)

DbOpt = Annotated[str | None, typer.Option(
    "--db", help="Store: a file path, sqlite:///PATH or postgresql://… (default $VEILLEUR_DB, else ./veilleur.db).",
    show_default=False)]
ActorOpt = Annotated[str | None, typer.Option("--actor", help="Actor code(s), comma-separated: PRK,IRN.")]
RecipientOpt = Annotated[str | None, typer.Option("--recipient", help="Recipient code(s), comma-separated.")]
TypeOpt = Annotated[str | None, typer.Option("--type", help="PLOVER event type(s): AID, SANCTION …")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="Events on or after this date (YYYY[-MM[-DD]]).")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Events on or before this date.")]
ModalityOpt = Annotated[str | None, typer.Option("--modality", help="asserted, alleged, possible, planned, negated, conditional.")]
RegimeOpt = Annotated[str | None, typer.Option("--regime", help="Sanctions regime id(s): UN-DPRK, EU-RUSSIA …")]
LimitOpt = Annotated[int | None, typer.Option("--limit", help="At most N results.")]
OffsetOpt = Annotated[int, typer.Option("--offset", help="Skip the first N results.")]


def _filter(actor: str | None, recipient: str | None, type_: str | None, since: str | None, until: str | None,
            modality: str | None, regime: str | None, limit: int | None, offset: int) -> EventFilter:
    flt = EventFilter(actor=actor, recipient=recipient, type=type_, since=since, until=until, modality=modality,
                      regime=regime, limit=limit, offset=offset)
    problems = flt.validate()
    if problems:
        usage_error(problems[0])
    return flt


def open_store(db: str | None, create: bool) -> Store:
    """Open the store or exit 2 with one line (bad path, not a database, server unreachable)."""
    try:
        return Store.open(db if db is not None else default_url(), create=create)
    except StoreError as e:
        usage_error(str(e))


@contextlib.contextmanager
def _store_errors(code: int = EXIT_SOME_FAILED) -> Iterator[None]:
    try:
        yield
    except StoreError as e:
        print(f"error: {e}", file=sys.stderr)
        raise typer.Exit(code) from None
    except BrokenPipeError:  # `veilleur events | head`: not an error
        with contextlib.suppress(Exception):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        raise typer.Exit(EXIT_OK) from None


# --- ingest -------------------------------------------------------------------------------------

_READ = frozenset({".txt", ".html", ".htm", ".jsonl", ".json"})


def _count_inputs(paths: list[Path]) -> int | None:
    """How many documents the inputs hold, cheaply (for the ETA); None when unknown (stdin)."""
    total = 0
    for p in paths:
        if str(p) == "-":
            return None
        # the suffixes veilleur.ingest reads; hidden files are skipped there too
        files = ([x for x in p.rglob("*") if x.is_file() and x.suffix.lower() in _READ
                  and not any(part.startswith(".") for part in x.relative_to(p).parts)]
                 if p.is_dir() else [p])
        for f in files:
            if f.suffix == ".jsonl":
                try:
                    with open(f, "rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                except OSError:
                    pass
            else:
                total += 1
    return total


class _Progress:
    """A rich progress bar on a terminal; a plain line every few seconds otherwise."""

    def __init__(self, total: int | None) -> None:
        self.total = total
        self.done = 0
        self.t0 = time.perf_counter()
        self.last_line = self.t0
        self.bar: Any = None
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                ProgressColumn,
                TextColumn,
                TimeRemainingColumn,
            )
            from rich.text import Text

            class Rate(ProgressColumn):
                def render(self, task: Any) -> Text:
                    return Text(f"{task.speed:.1f} docs/s" if task.speed else "– docs/s")

            self.bar = Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), Rate(),
                                TextColumn("ETA"), TimeRemainingColumn(), console=Console(stderr=True),
                                transient=True)
            self.task = self.bar.add_task("ingest", total=total)
            self.bar.start()

    def advance(self, n: int) -> None:
        self.done += n
        if self.bar is not None:
            self.bar.update(self.task, advance=n)
            return
        now = time.perf_counter()
        if now - self.last_line >= 5:
            self.last_line = now
            print(self._line(now), file=sys.stderr, flush=True)

    def _line(self, now: float) -> str:
        rate = self.done / max(now - self.t0, 1e-9)
        of = f"/{self.total}" if self.total else ""
        eta = ""
        if self.total and rate > 0 and self.total > self.done:
            eta = f", ETA {int((self.total - self.done) / rate)} s"
        return f"ingest: {self.done}{of} documents, {rate:.1f} docs/s{eta}"

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def _load_extractor(name: str) -> Any:
    if name == "fake":
        from ..store.fake import FakeExtractor

        return FakeExtractor()
    try:
        import veilleur

        return veilleur.load()
    except Exception as e:
        raise _ExtractorError(f"cannot load the NLP pipeline: {type(e).__name__}: {e}") from None


class _ExtractorError(Exception):
    pass


def _summary(store: Store, report: IngestReport, label: str) -> None:
    rate = report.seen / report.seconds if report.seconds > 0 else 0.0
    print(f"{label} ({store.backend}): {report.new} new, {report.reprocessed} reprocessed, "
          f"{report.skipped} already stored, {report.failed} failed"
          + (f", {report.not_processed} not processed" if report.not_processed else "")
          + f" — {report.seconds:.1f} s, {rate:.1f} documents/s")
    if report.events:
        by_type = ", ".join(f"{t} {n}" for t, n in report.events_by_type.most_common())
        print(f"events extracted: {report.events} — {by_type}")
        top = ", ".join(f"{a} → {r} {t} ×{n}" for (t, a, r), n in report.dyads.most_common(8))
        print(f"top dyads: {top}")
    elif report.new or report.reprocessed:
        print("events extracted: 0")
    stats = store.stats()
    docs = sum(stats["documents"].values())
    print(f"store now: {docs} documents, {sum(stats['events'].values())} events, {stats['stories']} "
          f"stor{'y' if stats['stories'] == 1 else 'ies'} "
          f"({stats['corroborated_stories']} with 2+ independent origins)")
    if stats["stories"]:
        db = "" if label == default_url() else f" --db {label}"
        print(f"next: veilleur events{db} --type AID  |  veilleur stories{db} --show-origins  |  "
              f"veilleur export{db} --format csv --output events.csv")


@app.command("ingest")
def ingest_command(
    paths: PathsArg = None,
    db: DbOpt = None,
    date: DateOpt = None,
    reprocess: Annotated[bool, typer.Option(
        "--reprocess", help="Re-extract documents already stored (after lexicons change), replacing their events. "
        "Without PATH: every stored document.")] = False,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Documents per transaction.")] = 32,
    extractor: Annotated[str, typer.Option("--extractor", hidden=True,
                                           envvar="VEILLEUR_EXTRACTOR")] = "pipeline",
    workers: Annotated[int, typer.Option(
        "--workers", "-w", min=1, help="Extract in N processes (each loads the model once); this process "
        "writes. Same result as 1.")] = 1,
    dask: Annotated[str | None, typer.Option(
        "--dask", help="Extract on a Dask cluster: tcp://HOST:PORT (a running `dask scheduler`) or local:N "
        "(N worker processes here). --batch-size documents per task.", show_default=False)] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", help="With --dask: write a partitioned Parquet dataset to this directory instead of the store "
        "(restartable; load it with `veilleur import DIR`).", show_default=False)] = None,
) -> None:
    """Extract events from articles and store them (idempotent: stored documents are skipped)."""
    if extractor not in ("pipeline", "fake"):
        usage_error(f"--extractor must be pipeline or fake, not {extractor!r}")
    _check_scale_options(workers, dask, out, reprocess, paths)
    if out is not None:
        raise typer.Exit(_dataset(paths, date, dask or "", out, batch_size, extractor))
    failures = Failures()
    store = open_store(db, create=True)
    label = db if db is not None else default_url()
    with store, _store_errors():
        if reprocess and not paths:
            total: int | None = store.count_documents()
            documents: Any = (d.to_document() for info in list(store.documents())
                              if (d := store.get_document(info.id)) is not None)
        else:
            total = _count_scaled_inputs(list(paths or []))
            documents = _read_inputs(paths, date, failures)
        progress = _Progress(total)
        try:
            if workers > 1 or dask:
                report = _ingest_scaled(store, documents, workers, dask, extractor, reprocess, batch_size,
                                        failures, progress)
            else:
                report = ingest(store, documents, lambda: _load_extractor(extractor), reprocess=reprocess,
                                batch_size=batch_size, on_error=failures.report, on_notice=failures.notice,
                                on_progress=progress.advance)
        except _ExtractorError as e:
            progress.close()
            print(f"error: {e}", file=sys.stderr)
            raise typer.Exit(EXIT_USAGE) from None
        finally:
            progress.close()
        _summary(store, report, label)
    raise typer.Exit(failures.exit_code())


# --- ingest on several cores / a Dask cluster (veilleur.scale) ------------------------------------

def _check_scale_options(workers: int, dask: str | None, out: Path | None, reprocess: bool,
                         paths: list[Path] | None) -> None:
    if dask is not None:
        from ..scale.cluster import check_address

        if workers > 1:
            usage_error("--workers and --dask do not mix: with --dask the cluster's workers extract")
        problem = check_address(dask)
        if problem:
            usage_error(problem)
    if out is not None:
        if dask is None:
            usage_error("--out needs --dask (use --dask local:N on this machine)")
        if reprocess or not paths:
            usage_error("--out writes the documents of PATH…: give input paths, without --reprocess")


def _read_inputs(paths: list[Path] | None, date: str | None, failures: Failures) -> Iterator[Any]:
    """The usual inputs, plus Parquet files (columns id, text, date, title, url, source)."""
    from ..scale.inputs import read_documents as read_with_parquet

    return read_with_parquet(paths, date, failures)


def _count_scaled_inputs(paths: list[Path]) -> int | None:
    from ..scale.inputs import count_parquet_rows, parquet_files

    plain = [p for p in paths if parquet_files(p) is None]
    total = _count_inputs(plain) if plain or not paths else 0
    if total is None:
        return None
    return total + count_parquet_rows(f for p in paths for f in parquet_files(p) or [])


def _scale_error(e: Exception) -> NoReturn:
    """One line for what can go wrong with worker processes or a cluster; exit 2 when the run
    could not start (no model, no scheduler), 1 when it stopped midway (what is stored stays)."""
    from ..scale.pool import ExtractorLoadError

    if isinstance(e, ExtractorLoadError):
        raise _ExtractorError(f"cannot load the NLP pipeline in the workers: {e}") from None
    if isinstance(e, OSError | TimeoutError) and "connect" in str(e).lower():
        print(f"error: cannot reach the Dask scheduler: {e}", file=sys.stderr)
        raise typer.Exit(EXIT_USAGE) from None
    print(f"error: {type(e).__name__}: {e} (stored batches are kept: run the same command again to resume)",
          file=sys.stderr)
    raise typer.Exit(EXIT_SOME_FAILED) from None


def _ingest_scaled(store: Store, documents: Any, workers: int, dask: str | None, extractor: str,
                   reprocess: bool, batch_size: int, failures: Failures, progress: _Progress) -> IngestReport:
    from ..scale.cluster import ingest_dask
    from ..scale.pool import ingest_parallel

    kw: dict[str, Any] = dict(extractor=extractor, reprocess=reprocess, batch_size=batch_size,
                              on_error=failures.report, on_notice=failures.notice, on_progress=progress.advance)
    try:
        if dask:
            return ingest_dask(store, documents, dask, **kw)
        return ingest_parallel(store, documents, workers, **kw)
    except (StoreError, typer.Exit, KeyboardInterrupt):
        raise
    except Exception as e:
        _scale_error(e)


def _dataset(paths: list[Path] | None, date: str | None, address: str, out: Path, batch_size: int,
             extractor: str) -> int:
    """``ingest --dask … --out DIR``: extraction written by the workers as Parquet; returns the exit code."""
    from ..scale.cluster import dataset_dask
    from ..scale.parquet import DatasetError

    failures = Failures()
    progress = _Progress(_count_scaled_inputs(list(paths or [])))
    try:
        report = dataset_dask(_read_inputs(paths, date, failures), address, out, extractor=extractor,
                              batch_size=batch_size, on_error=failures.report, on_notice=failures.notice,
                              on_progress=progress.advance)
    except DatasetError as e:
        progress.close()
        usage_error(str(e))
    except (typer.Exit, KeyboardInterrupt):
        progress.close()
        raise
    except Exception as e:
        progress.close()
        try:
            _scale_error(e)
        except _ExtractorError as load:
            print(f"error: {load}", file=sys.stderr)
            return EXIT_USAGE
    progress.close()
    rate = report.documents / report.seconds if report.seconds > 0 else 0.0
    print(f"{out}: {report.partitions} partition(s) written, {report.partitions_done} already there — "
          f"{report.documents} documents, {report.events} events, {report.failed} failed"
          + (f", {report.not_processed} not processed" if report.not_processed else "")
          + f" — {report.seconds:.1f} s, {rate:.1f} documents/s")
    print(f"next: veilleur import {out}")
    return failures.exit_code()


@app.command("import")
def import_command(
    directory: Annotated[Path, typer.Argument(help="A dataset written by `veilleur ingest --dask … --out DIR`.")],
    db: DbOpt = None,
) -> None:
    """Load a Parquet dataset written by `ingest --out` into the store (idempotent)."""
    from ..scale.parquet import DatasetError, import_dataset

    if not directory.is_dir():
        usage_error(f"{directory}: not a directory")
    failures = Failures()
    store = open_store(db, create=True)
    label = db if db is not None else default_url()
    with store, _store_errors():
        progress = _Progress(None)
        try:
            report = import_dataset(store, directory, on_error=failures.report, on_notice=failures.notice,
                                    on_progress=progress.advance)
        except DatasetError as e:
            usage_error(str(e))
        finally:
            progress.close()
        _summary(store, report, label)
    raise typer.Exit(failures.exit_code())


# --- queries ------------------------------------------------------------------------------------

def _console() -> Any:
    """stdout console; wide when piped (rich would wrap tables at 80 columns)."""
    from rich.console import Console

    return Console() if sys.stdout.isatty() else Console(width=200)


def _short(text: str | None, n: int = 90) -> str:
    t = " ".join((text or "").split())
    return t if len(t) <= n else t[: n - 1] + "…"


@app.command("events")
def events_command(
    db: DbOpt = None, actor: ActorOpt = None, recipient: RecipientOpt = None, type_: TypeOpt = None,
    since: SinceOpt = None, until: UntilOpt = None, modality: ModalityOpt = None, regime: RegimeOpt = None,
    limit: LimitOpt = None, offset: OffsetOpt = 0,
    fmt: Annotated[str, typer.Option("--format", help="table, jsonl or csv.")] = "table",
) -> None:
    """List stored events matching the filters."""
    if fmt not in ("table", "jsonl", "csv"):
        usage_error(f"--format must be table, jsonl or csv, not {fmt!r}")
    flt = _filter(actor, recipient, type_, since, until, modality, regime, limit, offset)
    store = open_store(db, create=False)
    with store, _store_errors():
        if fmt in ("jsonl", "csv"):
            export(store, flt, fmt, sys.stdout)
            return
        if flt.limit is None:
            flt.limit = 50
        from rich.table import Table

        table = Table(show_lines=False)
        for col in ("date", "type", "actor", "recipient", "modality", "according to", "story", "sentence"):
            table.add_column(col, overflow="fold")
        n = 0
        for rec in store.event_records(flt):
            ev = rec.event
            table.add_row(ev.date or (rec.doc_date or ""), ev.event_type + (f"/{ev.mode}" if ev.mode else ""),
                          ",".join(a.code for a in ev.actor), ",".join(a.code for a in ev.recipient), ev.modality,
                          " > ".join(s.name for s in ev.attribution) or (rec.doc_source or "—"),
                          str(rec.story_id or ""), _short(ev.text, 80))
            n += 1
        _console().print(table)
        total = store.count_events(EventFilter(**{**flt.__dict__, "limit": None, "offset": 0}))
        print(f"{n} of {total} matching events" + (" (use --limit / --offset for more)" if total > n else ""))


@app.command("stories")
def stories_command(
    db: DbOpt = None, actor: ActorOpt = None, recipient: RecipientOpt = None, type_: TypeOpt = None,
    since: SinceOpt = None, until: UntilOpt = None, modality: ModalityOpt = None, regime: RegimeOpt = None,
    limit: LimitOpt = None, offset: OffsetOpt = 0,
    show_origins: Annotated[bool, typer.Option("--show-origins", help="List each independent origin and the "
                                                                      "reports that hang on it.")] = False,
    order: Annotated[str, typer.Option("--order", help="origins (most corroborated first), reports, recent, id.")
                     ] = "origins",
    fmt: Annotated[str, typer.Option("--format", help="table or jsonl.")] = "table",
) -> None:
    """Stories: reports of one real-world event across documents, with corroboration."""
    from ..store.core import STORY_ORDERS

    if fmt not in ("table", "jsonl"):
        usage_error(f"--format must be table or jsonl, not {fmt!r}")
    if order not in STORY_ORDERS:
        usage_error(f"--order must be one of {', '.join(STORY_ORDERS)}")
    flt = _filter(actor, recipient, type_, since, until, modality, regime, limit, offset)
    store = open_store(db, create=False)
    with store, _store_errors():
        n = 0
        for st in store.stories(flt, order=order):
            n += 1
            origins = store.story_origins(st.id) if show_origins else []
            if fmt == "jsonl":
                d = st.to_dict()
                if show_origins:
                    d["origins"] = [{"key": o.key, "name": o.name, "code": o.code, "kind": o.kind,
                                     "reports": [{"doc_id": r.doc_id, "event_id": r.event_id, "title": r.title,
                                                  "source": r.source, "url": r.url, "modality": r.modality,
                                                  "attribution": [s.name for s in r.attribution]}
                                                 for r in o.reports]} for o in origins]
                print(json.dumps(d, ensure_ascii=False))
                continue
            when = st.date_lo if st.date_lo == st.date_hi else f"{st.date_lo or '?'}..{st.date_hi or '?'}"
            neg = f", {st.n_negated} denial(s)" if st.n_negated else ""
            arms = f" [{', '.join(st.arms_categories)}]" if st.arms_categories else ""
            print(f"story {st.id}: {st.event_type} {','.join(st.actors) or '?'} → {','.join(st.recipients) or '?'}"
                  f"{arms}  {when}  {st.modality}  — {st.n_reports} report(s) in {st.n_documents} document(s), "
                  f"{st.n_origins} independent origin(s){neg}; first seen {st.first_seen}")
            print(f"    “{_short(st.headline, 110)}”")
            for o in origins:
                kind = f"{o.kind}, {o.code}" if o.code else (o.kind or "?")
                print(f"    origin: {o.name} ({kind}) — {len(o.reports)} report(s)")
                for r in o.reports:
                    chain = " > ".join(s.name for s in r.attribution) or "first-hand"
                    print(f"      - {r.source or 'unknown outlet'}: {_short(r.title, 60) or r.doc_id} "
                          f"[{r.modality}; {chain}]")
        if fmt == "table":
            print(f"{n} stor{'y' if n == 1 else 'ies'}")


def top_actors_command(db: str | None, n: int, flt: EventFilter | None = None, fmt: str = "table") -> int:
    """Print the ``n`` actors in most stored events; returns an exit code.

    Kept a plain function so ``veilleur actors --top`` (cli/actors.py) can call it too.
    """
    store = open_store(db, create=False)
    with store, _store_errors():
        rows = store.actors_top(n, flt)
        if fmt == "jsonl":
            for r in rows:
                print(json.dumps(r.__dict__, ensure_ascii=False))
            return EXIT_OK
        from rich.table import Table

        table = Table()
        for col in ("code", "name", "events", "as actor", "as recipient"):
            table.add_column(col)
        for r in rows:
            table.add_row(r.code, r.name or "", str(r.events), str(r.as_actor), str(r.as_recipient))
        _console().print(table)
    return EXIT_OK


@app.command("top-actors")
def top_actors_cli(
    db: DbOpt = None,
    n: Annotated[int, typer.Option("-n", "--top", min=1, help="How many actors.")] = 20,
    type_: TypeOpt = None, since: SinceOpt = None, until: UntilOpt = None, modality: ModalityOpt = None,
    regime: RegimeOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="table or jsonl.")] = "table",
) -> None:
    """The actors (as actor or recipient) in most stored events."""
    if fmt not in ("table", "jsonl"):
        usage_error(f"--format must be table or jsonl, not {fmt!r}")
    flt = _filter(None, None, type_, since, until, modality, regime, None, 0)
    raise typer.Exit(top_actors_command(db, n, flt, fmt))


@app.command("export")
def export_command(
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv, parquet or plover (PLOVER JSON lines).")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default stdout; "
                                                                       "required for parquet).")] = None,
    db: DbOpt = None, actor: ActorOpt = None, recipient: RecipientOpt = None, type_: TypeOpt = None,
    since: SinceOpt = None, until: UntilOpt = None, modality: ModalityOpt = None, regime: RegimeOpt = None,
    limit: LimitOpt = None, offset: OffsetOpt = 0,
) -> None:
    """Export stored events (streaming, any filter)."""
    if fmt not in FORMATS:
        usage_error(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if fmt == "parquet" and output is None:
        usage_error("--format parquet needs --output FILE")
    if output is not None and not output.parent.exists():
        usage_error(f"{output}: directory {output.parent} does not exist")
    flt = _filter(actor, recipient, type_, since, until, modality, regime, limit, offset)
    store = open_store(db, create=False)
    with store, _store_errors():
        if output is None:
            n = export(store, flt, fmt, sys.stdout)
        else:
            # write next to the target, then rename: a failed export never leaves half a file
            tmp = output.with_name(f".{output.name}.partial")
            try:
                with open(tmp, "wb" if fmt == "parquet" else "w", encoding=None if fmt == "parquet" else "utf-8",
                          newline=None if fmt == "parquet" else "") as out:
                    n = export(store, flt, fmt, out)
                os.replace(tmp, output)
            except OSError as e:
                usage_error(f"{output}: {e.strerror or e}")
            finally:
                with contextlib.suppress(FileNotFoundError):
                    tmp.unlink()
            print(f"{n} events written to {output}", file=sys.stderr)
