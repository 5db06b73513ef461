"""``veilleur sanctions``: browse the sanctions knowledge base and check a transfer against it."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from .common import app, usage_error

sanctions_app = typer.Typer(
    name="sanctions",
    help="Sanctions regimes, their provisions and dates, with citations.\n\n"
    "Example: veilleur sanctions check --supplier PRK --recipient RUS --category ammunition --date 2022-09-01",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(sanctions_app, name="sanctions")

DirOpt = Annotated[
    str | None, typer.Option("--kb", help="Directory of regime files (default: the packaged knowledge base).")
]


def _kb(directory: str | None):  # type: ignore[no-untyped-def]
    from ..sanctions import SanctionsDataError, load_kb

    try:
        return load_kb(directory)
    except SanctionsDataError as e:
        usage_error(str(e))


@sanctions_app.command("list")
def list_regimes(kb_dir: DirOpt = None) -> None:
    """List the regimes of the knowledge base.

    Example: veilleur sanctions list
    """
    kb = _kb(kb_dir)
    width = max(len(r.id) for r in kb)
    for r in kb:
        unverified = sum(not p.verified for p in r.provisions)
        flag = f", {unverified} unverified" if unverified else ""
        print(f"{r.id:<{width}}  {', '.join(r.targets):<28}  {len(r.provisions):>2} provisions{flag:<16}  {r.name_en}")


@sanctions_app.command("show")
def show(regime: Annotated[str, typer.Argument(help="Regime id, e.g. UN-DPRK.")], kb_dir: DirOpt = None) -> None:
    """Show a regime: who it binds, each provision with its dates and citation.

    Example: veilleur sanctions show UN-IRAN
    """
    kb = _kb(kb_dir)
    r = kb.get(regime)
    if r is None:
        usage_error(f"unknown regime {regime!r}; known: {', '.join(kb.regimes)}")
    print(f"{r.id} — {r.name_en}")
    print(f"  {r.name_fr}")
    print(f"  issuer {r.issuer} ({', '.join(r.issuer_codes)}); targets {', '.join(r.targets)}; file {r.source}")
    print(f"  binds: {r.applies_to}")
    if r.note:
        print(f"  note: {r.note}")
    for p in r.provisions:
        end = f"until {p.end - dt.timedelta(days=1)}" if p.end else "no end date"
        kind = " [designation authority]" if p.kind == "designation" else ""
        print(f"\n  {p.label}{kind}  ({p.start} – {end}{', renewable' if p.renewable else ''})")
        print(f"    {p.summary}")
        print(f"    restricts: {', '.join(p.restricts)}"
              + (f"; categories: {', '.join(p.categories)}" if p.categories else ""))
        if p.contested:
            print(f"    contested: {p.contested}")
        print(f"    {'verified' if p.verified else 'NOT VERIFIED'}" + (f" — {p.note}" if p.note else ""))
        print(f"    source: {p.citation.ref} <{p.citation.url}>")


@sanctions_app.command("check")
def check(
    supplier: Annotated[str, typer.Option("--supplier", help="Supplier actor code, e.g. PRK.")],
    recipient: Annotated[str, typer.Option("--recipient", help="Recipient actor code, e.g. RUS.")],
    category: Annotated[
        list[str] | None, typer.Option("--category", help="Item category (repeatable): ammunition, uav, missile …")
    ] = None,
    date: Annotated[str | None, typer.Option("--date", help="YYYY, YYYY-MM or YYYY-MM-DD (default: today).")] = None,
    recipient_parent: Annotated[
        str | None, typer.Option("--recipient-parent", help="State a non-state recipient operates in, e.g. COD.")
    ] = None,
    kb_dir: DirOpt = None,
) -> None:
    """Explain which provisions an arms transfer breaches, exposes to designation, or no longer falls under.

    Example: veilleur sanctions check --supplier PRK --recipient RUS --category ammunition --date 2022-09-01
    """
    from ..records import ARMS_CATEGORIES
    from ..sanctions import assess_transfer, event_when, parse_when

    kb = _kb(kb_dir)
    cats = list(category or [])
    for c in cats:
        if c not in ARMS_CATEGORIES:
            usage_error(f"unknown category {c!r}; known: {', '.join(ARMS_CATEGORIES)}")
    if date is not None and parse_when(date) is None:
        usage_error(f"--date {date!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
    when = event_when(date or dt.date.today().isoformat(), None)
    sup, rec = supplier.upper(), recipient.upper()
    found = assess_transfer(sup, rec, cats, when, kb, recipient_parent=recipient_parent)
    print(f"{sup} -> {rec}, {', '.join(cats) or 'arms (category unknown)'}, {when.text}")
    if not found:
        print("  no arms provision in the knowledge base concerns these parties")
        return
    order = {"violates": 0, "exposure": 1, "ended": 2, "not_yet": 3, "not_bound": 4, "category": 5, "recipient": 6}
    words = {"violates": "VIOLATES", "exposure": "EXPOSURE (mentions)", "ended": "NO LONGER APPLIES",
             "not_yet": "NOT YET IN FORCE", "not_bound": "DOES NOT BIND THE PARTIES",
             "category": "DOES NOT COVER THE ITEMS", "recipient": "DOES NOT COVER THE RECIPIENT"}
    for a in sorted(found, key=lambda a: (order[a.status], a.regime.id, a.provision.start)):
        partly = " (partly: the date straddles the provision's validity)" if a.partly else ""
        print(f"\n  {a.regime.id}  {words[a.status]}{partly}")
        print(f"    {a.detail}")
        print(f"    source: {a.provision.citation.ref} <{a.provision.citation.url}>"
              + ("" if a.provision.verified else "  [not verified]"))
