"""Score the sentence probe: events as (type, actor, recipient) tuples against probe.yaml.

Example: .venv/bin/python tests/probe/score.py -v [tests/probe/probe2.yaml]

probe.yaml (166 French news snippets, 26 negatives) was written by a helper that saw only SPEC.md,
not the code, in session 4; its misses were read in that session, so it is a development set now,
not a blind one. Its coding conventions are in the file's header comment.
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

import veilleur


def tuples(events) -> set[tuple[str, str, str]]:
    return {(e.event_type, a.code, r.code if r else "-") for e in events for a in e.actor
            for r in (e.recipient or [None])}


def expected(item: dict) -> set[tuple[str, str, str]]:
    return {(e["type"], a, r) for e in item.get("expect") or [] for a in e["actor"]
            for r in (e.get("recipient") or ["-"])}


def main(verbose: bool, path: Path) -> None:
    items = yaml.safe_load(path.read_text("utf-8"))
    pipe = veilleur.load()
    tp = fp = fn = 0
    lines: list[str] = []
    for item in items:
        got, want = tuples(pipe.extract(item["text"], date="2024-01-15")), expected(item)
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
        lines += [f"MISS {item['id']}: {t}" for t in sorted(want - got)]
        lines += [f"SPUR {item['id']}: {t}" for t in sorted(got - want)]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"probe P={p:.3f} R={r:.3f} F1={f1:.3f} tp={tp} fp={fp} fn={fn}")
    if verbose:
        print("\n".join(lines))


if __name__ == "__main__":
    files = [a for a in sys.argv[1:] if a != "-v"]
    main("-v" in sys.argv, Path(files[0]) if files else Path(__file__).parent / "probe.yaml")
