"""Sanctions knowledge base: loading and checking the YAML files of ``data/sanctions/``.

The files are the facts (instruments, paragraphs, dates, citations); this module only reads
them. Every file is checked against ``_schema.yaml`` and a bad one raises
:class:`SanctionsDataError` naming the file and the field, e.g.
``un-dprk.yaml: provisions[2].start: not a date``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "sanctions"
SCHEMA_FILE = "_schema.yaml"
COMMON_FILE = "_common.yaml"
_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_]*$")


class SanctionsDataError(ValueError):
    """A knowledge-base file is malformed; the message names the file and the field."""


@dataclass(frozen=True)
class Citation:
    ref: str
    url: str


@dataclass(frozen=True)
class Provision:
    regime: str
    id: str
    instrument: str
    paragraph: str | None
    label: str
    summary: str
    kind: str  # prohibition | designation
    restricts: tuple[str, ...]
    categories: tuple[str, ...] | None  # None: all arms and related materiel
    targets: tuple[str, ...]
    territory: tuple[str, ...]
    start: dt.date
    end: dt.date | None  # first day it no longer applies
    renewable: bool
    contested: str | None
    verified: bool
    note: str | None
    text_cues: tuple[str, ...]
    conduct_cues: tuple[str, ...]
    citation: Citation

    @property
    def is_arms(self) -> bool:
        return bool({"arms_export_from", "arms_import_to"} & set(self.restricts))

    def covers_category(self, category: str | None) -> bool:
        """True if an item of this category (None: unknown) falls under the provision."""
        if self.categories is None:
            return True
        return category is not None and category in self.categories


@dataclass(frozen=True)
class Regime:
    id: str
    issuer: str
    issuer_codes: tuple[str, ...]
    targets: tuple[str, ...]
    name_en: str
    name_fr: str
    target_names_fr: tuple[str, ...]
    cues_fr: tuple[str, ...]
    scope: str  # all_states | issuer_jurisdiction
    bound_codes: tuple[str, ...]
    applies_to: str
    note: str | None
    provisions: tuple[Provision, ...]
    source: str  # file name

    def binds(self, code: str | None) -> bool:
        """Whether a party with this actor code is bound by the regime's prohibitions."""
        return self.scope == "all_states" or (code is not None and code in self.bound_codes)

    def provision(self, pid: str) -> Provision | None:
        return next((p for p in self.provisions if p.id == pid), None)


@dataclass
class SanctionsKB:
    regimes: dict[str, Regime]
    common: dict[str, Any] = field(default_factory=dict)

    def get(self, regime_id: str) -> Regime | None:
        return self.regimes.get(regime_id.upper())

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.regimes.values())

    def __len__(self) -> int:
        return len(self.regimes)

    def by_issuer_target(self, issuer: str, target: str) -> list[Regime]:
        return [r for r in self.regimes.values() if r.issuer == issuer and target in r.targets]

    def issuer_of_code(self, code: str) -> str | None:
        """The issuer (UN, EU, US …) an actor code speaks for, from _common.yaml."""
        for issuer, spec in (self.common.get("issuers") or {}).items():
            if code in (spec.get("codes") or []):
                return str(issuer)
        return None

    def resolution_index(self) -> dict[str, tuple[str, Provision]]:
        """UN resolution number -> (regime id, a provision of that resolution)."""
        out: dict[str, tuple[str, Provision]] = {}
        for r in self.regimes.values():
            for p in r.provisions:
                m = re.match(r"UNSCR (\d{3,4}) \(", p.instrument)
                if m and m.group(1) not in out:
                    out[m.group(1)] = (r.id, p)
        return out


# --------------------------------------------------------------------------- schema checking


class _Checker:
    """Interprets the small type language of ``_schema.yaml`` (see the header of that file)."""

    def __init__(self, schema: dict[str, Any], fname: str) -> None:
        self.schema = schema
        self.fname = fname

    def fail(self, path: str, msg: str) -> SanctionsDataError:
        return SanctionsDataError(f"{self.fname}: {path}: {msg}" if path else f"{self.fname}: {msg}")

    def check_object(self, name: str, value: Any, path: str) -> dict[str, Any]:
        spec = self.schema.get(name)
        if not isinstance(spec, dict):
            raise SanctionsDataError(f"{SCHEMA_FILE}: unknown object type {name!r}")
        if not isinstance(value, dict):
            raise self.fail(path, f"expected a mapping ({name})")
        unknown = sorted(set(value) - set(spec))
        if unknown:
            raise self.fail(_join(path, str(unknown[0])), "unknown field")
        out: dict[str, Any] = {}
        for key, fspec in spec.items():
            fpath = _join(path, key)
            if key not in value:
                if "default" in fspec:
                    out[key] = fspec["default"]
                    continue
                raise self.fail(fpath, "missing")
            out[key] = self.check_value(str(fspec["type"]), value[key], fpath, fspec.get("pattern"))
        return out

    def check_value(self, typ: str, value: Any, path: str, pattern: str | None = None) -> Any:
        if typ.endswith("?"):
            if value is None:
                return None
            typ = typ[:-1]
        if value is None:
            raise self.fail(path, "missing value")
        if typ.startswith("list:"):
            if not isinstance(value, list):
                raise self.fail(path, "expected a list")
            return [self.check_value(typ[5:], v, f"{path}[{i}]", pattern) for i, v in enumerate(value)]
        if typ.startswith("object:"):
            return self.check_object(typ[7:], value, path)
        if typ.startswith("enum:"):
            allowed = typ[5:].split("|")
            if value not in allowed:
                raise self.fail(path, f"{value!r} is not one of {', '.join(allowed)}")
            return value
        if typ == "str":
            if not isinstance(value, str) or not value.strip():
                raise self.fail(path, "expected a non-empty string")
            if pattern and not re.match(pattern, value):
                raise self.fail(path, f"{value!r} does not match {pattern}")
            return value
        if typ == "code":
            if not isinstance(value, str) or not _CODE.match(value):
                raise self.fail(path, f"{value!r} is not an actor code")
            return value
        if typ == "bool":
            if not isinstance(value, bool):
                raise self.fail(path, "expected true or false")
            return value
        if typ == "date":
            return self.check_date(value, path)
        raise SanctionsDataError(f"{SCHEMA_FILE}: unknown type {typ!r} (at {self.fname}: {path})")

    def check_date(self, value: Any, path: str) -> dt.date:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise self.fail(path, "not a date")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise SanctionsDataError(f"{path.name}: {where}invalid YAML ({getattr(e, 'problem', e)})") from None


def _build_regime(data: dict[str, Any], fname: str) -> Regime:
    checker = _Checker({}, fname)  # only for messages
    rid = data["id"]
    if f"{rid.lower()}.yaml" != fname:
        raise checker.fail("id", f"{rid!r} does not match the file name (expected {rid.lower()}.yaml)")
    seen: set[str] = set()
    provisions: list[Provision] = []
    for i, p in enumerate(data["provisions"]):
        where = f"provisions[{i}]"
        if p["id"] in seen:
            raise checker.fail(f"{where}.id", f"duplicate provision id {p['id']!r}")
        seen.add(p["id"])
        if p["end"] is not None and p["end"] <= p["start"]:
            raise checker.fail(f"{where}.end", "end is not after start")
        if not p["verified"] and not p["note"]:
            raise checker.fail(f"{where}.note", "an unverified provision must say what is not verified")
        if not p["restricts"]:
            raise checker.fail(f"{where}.restricts", "empty list")
        label = p["label"] or " ".join(x for x in (p["instrument"], p["paragraph"]) if x)
        provisions.append(Provision(
            regime=rid, id=p["id"], instrument=p["instrument"], paragraph=p["paragraph"], label=label,
            summary=p["summary"], kind=p["kind"], restricts=tuple(p["restricts"]),
            categories=tuple(p["categories"]) if p["categories"] is not None else None,
            targets=tuple(p["targets"]) if p["targets"] is not None else tuple(data["targets"]),
            territory=tuple(p["territory"]), start=p["start"], end=p["end"], renewable=p["renewable"],
            contested=p["contested"], verified=p["verified"], note=p["note"],
            text_cues=tuple(c.lower() for c in p["text_cues"]),
            conduct_cues=tuple(c.lower() for c in p["conduct_cues"]),
            citation=Citation(**p["citation"]),
        ))
    if not provisions:
        raise checker.fail("provisions", "empty list")
    applies = data["applies_to"]
    if applies["scope"] == "issuer_jurisdiction" and not applies["codes"]:
        raise checker.fail("applies_to.codes", "needed when scope is issuer_jurisdiction")
    return Regime(
        id=rid, issuer=data["issuer"], issuer_codes=tuple(data["issuer_codes"]), targets=tuple(data["targets"]),
        name_en=data["names"]["en"], name_fr=data["names"]["fr"],
        target_names_fr=tuple(t.lower() for t in data["target_names_fr"]),
        cues_fr=tuple(c.lower() for c in data["cues_fr"]), scope=applies["scope"],
        bound_codes=tuple(applies["codes"]), applies_to=applies["text"], note=data["note"],
        provisions=tuple(provisions), source=fname,
    )


def load_kb(dir: str | Path | None = None) -> SanctionsKB:  # noqa: A002 - the brief's signature
    """Load every regime file of ``dir`` (default: the packaged ``data/sanctions``).

    The schema and the shared cue lists are read from ``dir`` when present there, else from the
    packaged copies, so a directory of test files needs only regime files.
    """
    base = Path(dir) if dir is not None else DATA_DIR
    if not base.is_dir():
        raise SanctionsDataError(f"{base}: not a directory")
    schema_path = base / SCHEMA_FILE if (base / SCHEMA_FILE).exists() else DATA_DIR / SCHEMA_FILE
    common_path = base / COMMON_FILE if (base / COMMON_FILE).exists() else DATA_DIR / COMMON_FILE
    schema = _read_yaml(schema_path)
    if not isinstance(schema, dict):
        raise SanctionsDataError(f"{schema_path.name}: expected a mapping")
    common = _read_yaml(common_path) or {}
    if not isinstance(common, dict):
        raise SanctionsDataError(f"{common_path.name}: expected a mapping")
    regimes: dict[str, Regime] = {}
    files = sorted(p for p in base.glob("*.yaml") if not p.name.startswith("_"))
    if not files:
        raise SanctionsDataError(f"{base}: no regime files (*.yaml)")
    for path in files:
        raw = _read_yaml(path)
        data = _Checker(schema, path.name).check_object("regime", raw, "")
        regime = _build_regime(data, path.name)
        if regime.id in regimes:
            raise SanctionsDataError(f"{path.name}: id: {regime.id} already defined in {regimes[regime.id].source}")
        regimes[regime.id] = regime
    return SanctionsKB(regimes=regimes, common=common)


_DEFAULT: SanctionsKB | None = None


def default_kb() -> SanctionsKB:
    """The packaged knowledge base, loaded once."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = load_kb()
    return _DEFAULT
