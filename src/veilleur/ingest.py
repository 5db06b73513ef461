"""Ingest (SPEC §1.1): files, directories and stdin to ``Document`` records.

``read_inputs(paths, date)`` yields, in input order, a ``Document`` per article, an
``IngestError`` per input that cannot be read (the batch goes on) and an
``IngestNotice`` for what was read but deserves a word (a Latin-1 file, skipped files).

Formats, by extension (files named on the command line with another extension are
sniffed: HTML if it starts with a tag, JSON Lines if it starts with an object, else text):

* ``.txt .text``: plain text, one article per file (``.md`` is left out: in a folder of
  articles it is usually a README; name it on the command line to read it);
* ``.html .htm .xhtml .shtml``: the article body extracted by trafilatura (comments
  left out), title, date and site name from the page metadata;
* ``.jsonl .ndjson``: one ``{"id","text","url","date","title","source"}`` object a line,
  read line by line, so a JSON Lines file of any size streams in bounded memory;
* ``.json``: one such object, or a list of them;
* directories: every file with one of those extensions, recursively, in path order;
  hidden files and directories (".name") are skipped, other files too (one notice).

Limits: one document (a text file, a JSON line, a JSON file) may be at most
``MAX_DOCUMENT_BYTES`` (5 MB, some 800 pages of text — far beyond any article; a bigger
file is almost certainly not one article and is refused with a message saying so); an
HTML page at most ``MAX_HTML_BYTES`` (20 MB: markup and inline scripts are bulky).

Ids: the input's ``id`` when given, else ``content_id(text)``, a hash of the text, so
reading the same article twice gives the same id. Dates: the ``date`` argument
overrides; else the input's date (JSON field, HTML metadata); else a leading dateline
("2 novembre 2012. -", "PARIS, 3 mars 2024 (AFP) -").
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .records import Document

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
MAX_HTML_BYTES = 20 * 1024 * 1024

MIN_HTML_BODY_LETTERS = 40

TEXT_EXTENSIONS = frozenset({".txt", ".text"})
HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml", ".shtml"})
JSONL_EXTENSIONS = frozenset({".jsonl", ".ndjson"})
JSON_EXTENSIONS = frozenset({".json"})
KNOWN_EXTENSIONS = TEXT_EXTENSIONS | HTML_EXTENSIONS | JSONL_EXTENSIONS | JSON_EXTENSIONS

#: JSON fields copied to Document attributes; other fields go to ``metadata``
_FIELDS = ("id", "text", "url", "date", "title", "source")

#: file signatures of the binary formats people hand to a text tool by mistake
_MAGIC = (
    (b"%PDF", "PDF"), (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive or office document"), (b"\x1f\x8b", "gzip archive"),
    (b"\xd0\xcf\x11\xe0", "Microsoft Office document"), (b"\x7fELF", "executable"),
    (b"RIFF", "RIFF media"), (b"OggS", "Ogg media"), (b"ID3", "MP3 audio"), (b"7z\xbc\xaf", "7-Zip archive"),
)


@dataclass
class IngestError:
    where: str  # "path:line" or "path"
    message: str


@dataclass
class IngestNotice:
    where: str
    message: str


Item = Document | IngestError | IngestNotice


def content_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def read_inputs(paths: Iterable[Path], date: str | None = None) -> Iterator[Item]:
    """Documents, errors and notices from ``paths`` (nothing or ``-``: stdin)."""
    paths = list(paths) or [Path("-")]
    if date is not None:
        iso = _valid_date(date)
        if iso is None:  # every document would carry it: refuse the batch, say why once
            yield IngestError("--date", f"not a date: {date!r} (expected YYYY-MM-DD, YYYY-MM or YYYY)")
            return
        date = iso
    for p in paths:
        if str(p) == "-":
            yield from _read_stream(sys.stdin.buffer, "<stdin>", date)
        elif p.is_dir():
            yield from _read_directory(p, date)
        elif p.exists():
            yield from _read_file(p, date, named=True)
        else:
            yield IngestError(str(p), "no such file or directory")


# -- files and directories ----------------------------------------------------------------

def _read_directory(root: Path, date: str | None) -> Iterator[Item]:
    skipped: dict[str, int] = {}
    for f in sorted(root.rglob("*")):
        rel = f.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or not f.is_file():
            continue
        ext = f.suffix.lower()
        if ext in KNOWN_EXTENSIONS:
            yield from _read_file(f, date, named=False)
        else:
            skipped[ext or "(none)"] = skipped.get(ext or "(none)", 0) + 1
    if skipped:
        kinds = ", ".join(f"{n} {ext}" for ext, n in sorted(skipped.items()))
        yield IngestNotice(str(root), f"skipped files that are not .txt/.html/.jsonl/.json: {kinds}")


def _read_file(path: Path, date: str | None, named: bool) -> Iterator[Item]:
    where = str(path)
    ext = path.suffix.lower()
    try:
        if ext in JSONL_EXTENSIONS:
            with path.open("rb") as f:
                yield from _read_jsonl(f, where, date)
            return
        limit = MAX_HTML_BYTES if ext in HTML_EXTENSIONS or (named and ext not in KNOWN_EXTENSIONS) \
            else MAX_DOCUMENT_BYTES
        size = path.stat().st_size
        if size > limit:
            yield IngestError(where, f"file is {size / 2**20:.1f} MB, over the {limit // 2**20} MB limit for one "
                                     "document: split it, or give JSON Lines (read line by line)")
            return
        data = path.read_bytes()
    except OSError as e:
        yield IngestError(where, f"cannot read: {e.strerror or e}")
        return
    kind = ("text" if ext in TEXT_EXTENSIONS else "html" if ext in HTML_EXTENSIONS
            else "json" if ext in JSON_EXTENSIONS else None)
    yield from _read_bytes(data, where, date, kind)


def _read_bytes(data: bytes, where: str, date: str | None, kind: str | None) -> Iterator[Item]:
    """One file's (or stdin's) content, ``kind`` None: sniffed."""
    decoded = _decode(data, where)
    if isinstance(decoded, IngestError):
        yield decoded
        return
    text, notice = decoded
    if notice:
        yield IngestNotice(where, notice)
    if not text.strip():
        what = "empty input" if where == "<stdin>" else "empty file"
        yield IngestError(where, what if not data else f"{what} (only blank characters)")
        return
    kind = kind or _sniff(text)
    if kind == "html":
        yield _html_document(text, where, date)
    elif kind == "json":
        yield from _json_documents(text, where, date)
    elif kind == "jsonl":
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                yield _row_document(line, f"{where}:{n}", date)
    else:
        yield _text_document(text, where, date)


def _sniff(text: str) -> str:
    head = text.lstrip()[:4096]
    if head.startswith("<") and re.search(r"<(?:html|head|body|article|div|p)\b", head, re.IGNORECASE):
        return "html"
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        first = head.split("\n", 1)[0]
        try:
            return "jsonl" if isinstance(json.loads(first), dict) else "text"
        except json.JSONDecodeError:
            return "json"  # one object over several lines
    return "text"


# -- stdin --------------------------------------------------------------------------------

def _read_stream(stream: IO[bytes], where: str, date: str | None) -> Iterator[Item]:
    """Stdin: JSON Lines stream line by line; anything else is read whole, up to the limit."""
    first = stream.readline(MAX_DOCUMENT_BYTES + 1)
    if first.lstrip().startswith(b"{") and first.rstrip().endswith(b"}"):
        yield from _read_jsonl(_chain(first, stream), where, date)
        return
    rest = stream.read(MAX_HTML_BYTES + 1 - len(first))
    data = first + rest
    if len(data) > MAX_HTML_BYTES:
        yield IngestError(where, f"input over the {MAX_HTML_BYTES // 2**20} MB limit for one document: "
                                 "give JSON Lines (read line by line) or files")
        return
    yield from _read_bytes(data, where, date, None)


class _chain:
    """A readable with ``first`` pushed back in front of ``stream``."""

    def __init__(self, first: bytes, stream: IO[bytes]) -> None:
        self._first: bytes | None = first
        self._stream = stream

    def readline(self, limit: int = -1) -> bytes:
        if self._first is not None:
            first, self._first = self._first, None
            return first
        return self._stream.readline(limit)


# -- JSON Lines and JSON ------------------------------------------------------------------

def _read_jsonl(f: Any, where: str, date: str | None) -> Iterator[Item]:
    """One document per line; a bad line is reported by number and the others go on."""
    n = 0
    noticed = False
    while True:
        line = f.readline(MAX_DOCUMENT_BYTES + 1)
        if not line:
            return
        n += 1
        at = f"{where}:{n}"
        if len(line) > MAX_DOCUMENT_BYTES and not line.endswith(b"\n"):
            while (more := f.readline(1 << 20)) and not more.endswith(b"\n"):
                pass  # skip the rest of the line without holding it
            yield IngestError(at, f"line over the {MAX_DOCUMENT_BYTES // 2**20} MB limit for one document, skipped")
            continue
        if not line.strip():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            text = line.decode("cp1252", errors="replace")
            if not noticed:
                yield IngestNotice(at, "not UTF-8: decoded as Windows-1252 (Latin-1) from this line on")
                noticed = True
        yield _row_document(text, at, date)


def _row_document(line: str, where: str, date: str | None) -> Document | IngestError:
    try:
        row = json.loads(line.rstrip("\r\n"))
    except json.JSONDecodeError as e:
        return IngestError(where, f"not valid JSON ({e.msg}, column {e.colno})")
    return _object_document(row, where, date)


def _json_documents(text: str, where: str, date: str | None) -> Iterator[Item]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        yield IngestError(f"{where}:{e.lineno}", f"not valid JSON ({e.msg}, column {e.colno})")
        return
    rows = data if isinstance(data, list) else [data]
    for i, row in enumerate(rows, 1):
        yield _object_document(row, f"{where}[{i}]" if isinstance(data, list) else where, date)


def _object_document(row: Any, where: str, date: str | None) -> Document | IngestError:
    if not isinstance(row, dict):
        return IngestError(where, f"expected a JSON object, got {type(row).__name__}")
    text = row.get("text")
    if text is None:
        return IngestError(where, 'no "text" field')
    if not isinstance(text, str):
        return IngestError(where, f'"text" is {type(text).__name__}, not a string')
    if not text.strip():
        return IngestError(where, 'empty "text"')
    given_id = row.get("id")
    doc_id = str(given_id) if given_id not in (None, "") else content_id(text)
    given_date = row.get("date")
    return Document(
        id=doc_id, text=text,
        date=date or _iso_date(given_date) or dateline_date(text),
        title=_str(row.get("title")), url=_str(row.get("url")), source=_str(row.get("source")),
        origin=where, metadata={k: v for k, v in row.items() if k not in _FIELDS},
    )


def _str(v: Any) -> str | None:
    return None if v is None else str(v)


# -- plain text and HTML ------------------------------------------------------------------

def _text_document(text: str, where: str, date: str | None) -> Document:
    return Document(id=content_id(text), text=text, date=date or dateline_date(text), origin=where)


def _html_document(html: str, where: str, date: str | None) -> Document | IngestError:
    import trafilatura  # imported here: ~0.5 s, only paid when HTML is read

    try:
        page = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True)
    except Exception as e:  # noqa: BLE001 - a page that breaks the extractor is one bad document
        return IngestError(where, f"HTML extraction failed: {type(e).__name__}: {e}")
    body = (getattr(page, "text", None) if page is not None else None) or ""
    # on a page without an article the extractor falls back to scraps ("Accueil"); a real
    # article, even a one-sentence brief, has more letters than this
    if sum(c.isalpha() for c in body) < MIN_HTML_BODY_LETTERS:
        return IngestError(where, "no article text found in the HTML")
    # one paragraph per line from trafilatura; blank lines make paragraphs explicit
    text = "\n\n".join(line.strip() for line in body.splitlines() if line.strip())
    return Document(
        id=content_id(text), text=text,
        date=date or _iso_date(page.date) or dateline_date(text),
        title=page.title or None, url=page.url or None, source=page.sitename or None,
        origin=where,
    )


# -- decoding -----------------------------------------------------------------------------

def _decode(data: bytes, where: str) -> tuple[str, str | None] | IngestError:
    """Text and a notice, or an error for binary data."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "UTF-16 text, decoded"
        except UnicodeDecodeError:
            return IngestError(where, "starts like UTF-16 text but does not decode")
    binary = _binary_kind(data)
    if binary:
        return IngestError(where, f"binary file ({binary}), refused: veilleur reads text (UTF-8 or "
                                  "Windows-1252), HTML and JSON Lines")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    # Windows-1252 is what "Latin-1" French text almost always is (it adds ’ œ € … to
    # ISO-8859-1); its five undefined bytes fall back to Latin-1.
    try:
        return data.decode("cp1252"), "not UTF-8: decoded as Windows-1252 (Latin-1)"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "not UTF-8: decoded as Latin-1"


def _binary_kind(data: bytes) -> str | None:
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if data[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    head = data[:8192]
    if b"\x00" in head:
        return "contains NUL bytes"
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if head and controls / len(head) > 0.05:
        return "control characters"
    return None


# -- dates --------------------------------------------------------------------------------

MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}
#: a dateline opens the article: optional place, the date, then a dash
#: ("2 novembre 2012. -", "PARIS, 3 mars 2024 (AFP) -", "Kiev (Ukraine), le 4 mai 2023 —")
_DATELINE = re.compile(
    r"\s*(?:[A-ZÀ-Ý][\w' .()-]{1,40},\s*)?(?:le\s+)?(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?"
    r"(\d{1,2})(?:er)?\s+(" + "|".join(MONTHS) + r")\s+(\d{4})"
    r"\s*[.,]?\s*(?:\([^)\n]{1,30}\)\s*)?[-–—]",
    re.IGNORECASE,
)
_ISO = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")


#: a dateline without a full date: a place in capitals, then anything short up to a dash
#: ("VARSOVIE, 10 septembre (dépêche traduite) —", "PARIS (AFP) -", "KIEV, 12 mars (Reuters) —")
_CAPS_DATELINE = re.compile(r"\s*[A-ZÀ-Ý][A-ZÀ-Ý'’ .-]{3,40}(?:\s*\([^)\n]{1,30}\))?\s*(?:,[^\n—–]{0,60}?)?\s[-–—]\s")


def dateline_end(text: str) -> int:
    """Offset just past a dateline that opens ``text`` ("KIEV, 12 mars (AFP) — "), else 0: a place
    and an agency there say where the dispatch was filed and by whom, not who acts."""
    ends = [m.end() for m in (_DATELINE.match(text[:200]), _CAPS_DATELINE.match(text[:200])) if m]
    return max(ends, default=0)


def dateline_date(text: str) -> str | None:
    """ISO date of a dateline at the very start of ``text``, else None."""
    m = _DATELINE.match(text[:200])
    if not m:
        return None
    try:
        return dt.date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1))).isoformat()
    except ValueError:  # "31 février"
        return None


def _valid_date(value: str) -> str | None:
    """``value`` if it is a real ISO date (day, month or year precision), else None."""
    value = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value).isoformat()
        if re.fullmatch(r"\d{4}-\d{2}", value) and 1 <= int(value[5:]) <= 12:
            return value
        if re.fullmatch(r"\d{4}", value):
            return value
    except ValueError:
        return None
    return None


def _iso_date(value: Any) -> str | None:
    """An ISO date (YYYY-MM-DD or YYYY-MM) from a given date, else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    m = _ISO.match(value.strip())
    if m:
        return m.group(0)[:10]
    return dateline_date(value.strip() + " -")
