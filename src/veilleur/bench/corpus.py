"""A synthetic benchmark corpus: N French articles recombined from real paragraphs.

    >>> from veilleur.bench.corpus import generate
    >>> docs = generate(500, seed=1)

Throughput depends on article length and on how many sentences hold an event
candidate, so the articles are built from the project's own French articles rather
than lorem ipsum. Paragraph sources, first found wins:

1. ``tests/corpus/articles/*.txt`` (the project's test articles),
2. ``examples/`` (``.txt`` files),
3. ``paragraphs.txt`` next to this module (built in, so a clean install works).

The evaluation set (``../shared/eval``) is never a source: it must stay unseen.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from ..records import Document

BUILTIN = Path(__file__).with_name("paragraphs.txt")
#: the repository root when running from a checkout (src layout); absent once installed
REPO_ROOT = Path(__file__).resolve().parents[3]
MIN_PARAGRAPH_CHARS = 40  # shorter blocks are titles, datelines or bylines: not body text
MIN_PARAGRAPHS, MAX_PARAGRAPHS = 3, 12
FIRST_DAY, LAST_DAY = date(2019, 1, 1), date(2025, 12, 31)


@dataclass(frozen=True)
class ParagraphPool:
    source: str  # where the paragraphs came from, for the report
    paragraphs: tuple[str, ...]


def split_paragraphs(text: str) -> list[str]:
    """Blank-line separated blocks, '#' comment lines dropped, short blocks skipped."""
    blocks: list[str] = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        lines = [ln for ln in block.splitlines() if not ln.lstrip().startswith("#")]
        para = " ".join(ln.strip() for ln in lines).strip()
        if len(para) >= MIN_PARAGRAPH_CHARS:
            blocks.append(para)
    return blocks


def _from_files(files: list[Path]) -> list[str]:
    paragraphs: list[str] = []
    for f in sorted(files):
        try:
            paragraphs.extend(split_paragraphs(f.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):  # one unreadable file never stops the benchmark
            continue
    return paragraphs


def paragraph_pool(root: Path | None = None) -> ParagraphPool:
    """The paragraphs to recombine, from the first source that has any."""
    root = root or REPO_ROOT
    for where, pattern in (("tests/corpus/articles", "*.txt"), ("examples", "**/*.txt")):
        directory = root / where
        if directory.is_dir():
            paragraphs = _from_files(list(directory.glob(pattern)))
            if paragraphs:
                return ParagraphPool(where, tuple(dict.fromkeys(paragraphs)))
    return ParagraphPool("built-in paragraphs", tuple(split_paragraphs(BUILTIN.read_text(encoding="utf-8"))))


def _random_date(rng: random.Random) -> str:
    return (FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))).isoformat()


def generate(n: int, seed: int = 0, pool: ParagraphPool | None = None) -> list[Document]:
    """N articles of 3–12 paragraphs each with an ISO date; the same seed gives the same corpus."""
    pool = pool or paragraph_pool()
    if not pool.paragraphs:
        raise ValueError(f"no paragraphs in {pool.source}")
    rng = random.Random(seed)
    docs: list[Document] = []
    for i in range(n):
        k = rng.randint(MIN_PARAGRAPHS, MAX_PARAGRAPHS)
        # without replacement while the pool allows: an article does not repeat itself
        if k <= len(pool.paragraphs):
            paragraphs = rng.sample(pool.paragraphs, k)
        else:
            paragraphs = rng.choices(pool.paragraphs, k=k)
        docs.append(Document(id=f"bench-{seed}-{i:06d}", text="\n\n".join(paragraphs) + "\n",
                             date=_random_date(rng), source=f"veilleur bench ({pool.source})"))
    return docs


def word_count(docs: list[Document]) -> int:
    """Whitespace-separated words: the unit of the words/s figures."""
    return sum(len(d.text.split()) for d in docs)
