"""Stories (reports of one real-world event across documents) and their corroboration.

Linking (done incrementally, as each event is stored): an event joins an existing
story when all of these hold, else it opens a new story:

* same PLOVER type and same dyad — the sorted set of actor codes and the sorted set
  of recipient codes (direction matters: PRK→RUS is not RUS→PRK);
* compatible dates — the event's date interval (its own date, else its document's
  date) lies within ``window_days`` of the story's interval, or either is unknown;
* compatible arms — if both name arms categories, they share one;
* similar evidence — Jaccard similarity of content-word stems of the event's
  sentences and of some report already in the story is at least ``min_similarity``.

Modality of a story: the strongest supported by a non-negated report
(asserted > alleged > planned = possible > conditional). Negated reports (denials)
stay in the story but are counted apart (``n_negated``); a story made only of
denials has modality "negated".

Corroboration follows provenance, not volume (see :func:`origin_of`): the number
of independent origins among the story's non-negated reports.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..records import Source
from .db import Database
from .text import content_terms, date_interval, interval_gap_days, jaccard, norm_name, shift

MODALITY_RANK = {"asserted": 4, "alleged": 3, "planned": 2, "possible": 2, "conditional": 1}

# Institutional sources speak for their state or organisation: "US intelligence",
# "des services de renseignement américains" and "un responsable du renseignement
# américain" are one origin (USA, intelligence), whatever the phrasing.
INSTITUTIONAL_KINDS = frozenset({"government", "intelligence", "military", "official"})


@dataclass(frozen=True)
class StoryConfig:
    window_days: int = 31
    min_similarity: float = 0.1


@dataclass(frozen=True)
class Origin:
    key: str
    name: str
    code: str | None
    kind: str


def _named_origin(src: Source) -> Origin:
    kind = src.kind or "anonymous"
    if kind in INSTITUTIONAL_KINDS and src.code:
        return Origin(f"{kind}:{src.code}", src.name, src.code, kind)
    if kind == "media":
        # media keyed by name only: the outlet as a document's `source` has no code
        return Origin(f"media:{norm_name(src.name)}", src.name, src.code, kind)
    return Origin(f"{kind}:{src.code or ''}:{norm_name(src.name)}", src.name, src.code, kind)


def outlet_origin(source: str | None, url: str | None, doc_id: str) -> Origin:
    """The publishing outlet, for first-hand reports."""
    name = source
    if not name and url:
        from urllib.parse import urlsplit

        name = urlsplit(url).hostname or None
    if not name:
        # Unknown outlets are counted together, once: we cannot show they are independent,
        # and corroboration must never grow with the mere number of anonymous files.
        return Origin("media:?", "unknown outlet", None, "media")
    return Origin(f"media:{norm_name(name)}", name, None, "media")


def origin_of(attribution: Sequence[Source], source: str | None, url: str | None, doc_id: str) -> Origin:
    """Where a report's information comes from: the innermost named source of its chain.

    * empty chain → the publishing outlet (the article reports first-hand);
    * "Le Monde, citing the NYT, citing US intelligence" → US intelligence;
    * an anonymous innermost source is only identifiable through whoever relays it:
      "sources (anonymous) cited by the NYT" → origin "anonymous via NYT", so ten
      outlets repeating the NYT's anonymous sources count once, while the NYT's and
      the AP's anonymous sources count twice.
    """
    chain = [s for s in attribution if s is not None]
    if not chain:
        return outlet_origin(source, url, doc_id)
    inner = chain[-1]
    if (inner.kind or "anonymous") != "anonymous" and inner.name:
        return _named_origin(inner)
    relay = next((_named_origin(s) for s in reversed(chain[:-1]) if s.kind != "anonymous" and s.name),
                 None) or outlet_origin(source, url, doc_id)
    code = inner.code or relay.code
    return Origin(f"anonymous:{code or ''}<{relay.key}", f"anonymous source via {relay.name}", code,
                  "anonymous")


@dataclass
class Candidate:
    """What story matching needs to know about a new event."""

    event_type: str
    actor_key: str
    recipient_key: str
    interval: tuple[str, str] | None
    terms: set[str]
    arms: set[str]


def assign_story(db: Database, cand: Candidate, now: str, cfg: StoryConfig) -> int:
    """The id of the story this event belongs to, creating one if none fits."""
    where = ["event_type = ?", "actor_key = ?", "recipient_key = ?"]
    params: list[object] = [cand.event_type, cand.actor_key, cand.recipient_key]
    if cand.interval:
        lo, hi = shift(cand.interval[0], -cfg.window_days), shift(cand.interval[1], cfg.window_days)
        where.append("(date_lo IS NULL OR (date_hi >= ? AND date_lo <= ?))")
        params += [lo, hi]
    stories = db.all(f"SELECT id, date_lo, date_hi, arms_categories FROM stories WHERE {' AND '.join(where)} "
                     "ORDER BY id DESC LIMIT 50", params)
    best: tuple[float, int] | None = None
    for sid, s_lo, s_hi, s_arms in stories:
        if cand.interval and s_lo and interval_gap_days(cand.interval, (s_lo, s_hi)) > cfg.window_days:
            continue
        arms = set(json.loads(s_arms)) if s_arms else set()
        if cand.arms and arms and not cand.arms & arms:
            continue
        sim = max((jaccard(cand.terms, set(json.loads(t or "[]")))
                   for (t,) in db.all("SELECT terms FROM events WHERE story_id = ? ORDER BY id LIMIT 20", (sid,))),
                  default=0.0)
        if sim >= cfg.min_similarity and (best is None or sim > best[0]):
            best = (sim, sid)
    if best:
        return best[1]
    return db.insert_id(
        "INSERT INTO stories (event_type, actor_key, recipient_key, date_lo, date_hi, arms_categories, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (cand.event_type, cand.actor_key, cand.recipient_key,
         cand.interval[0] if cand.interval else None, cand.interval[1] if cand.interval else None,
         json.dumps(sorted(cand.arms)) if cand.arms else None, now, now))


def refresh_stories(db: Database, story_ids: Iterable[int], now: str) -> None:
    """Recompute each story's aggregates from its reports; drop stories left empty."""
    for sid in sorted(set(story_ids)):
        rows = db.all(
            "SELECT e.id, e.modality, e.date_lo, e.date_hi, e.origin_key, e.origin_name, e.origin_code, "
            "e.origin_kind, e.doc_id, d.date, d.ingested_at, e.sentence "
            "FROM events e JOIN documents d ON d.id = e.doc_id WHERE e.story_id = ? ORDER BY e.id", (sid,))
        if not rows:
            db.execute("DELETE FROM story_origins WHERE story_id = ?", (sid,))
            db.execute("DELETE FROM stories WHERE id = ?", (sid,))
            continue
        positive = [r for r in rows if r[1] != "negated"]
        counted = positive or rows
        modality = (max((r[1] for r in positive), key=lambda m: MODALITY_RANK.get(m, 0))
                    if positive else "negated")
        los = [r[2] for r in rows if r[2]]
        his = [r[3] for r in rows if r[3]]
        seen = sorted((r[9] or r[10][:10]) for r in rows)
        origins: dict[str, list[object]] = {}
        for r in counted:
            key = r[4] or f"document:{r[8]}"
            o = origins.setdefault(key, [r[5], r[6], r[7], 0])
            o[3] = int(o[3]) + 1  # type: ignore[call-overload]
        cats = sorted({c for (c,) in db.all(
            "SELECT DISTINCT i.category FROM arms_items i JOIN events e ON e.id = i.event_pk "
            "WHERE e.story_id = ? AND i.category IS NOT NULL", (sid,))})
        db.execute(
            "UPDATE stories SET date_lo = ?, date_hi = ?, first_seen = ?, last_seen = ?, modality = ?, "
            "n_reports = ?, n_documents = ?, n_origins = ?, n_negated = ?, arms_categories = ?, headline = ?, "
            "updated_at = ? WHERE id = ?",
            (min(los) if los else None, max(his) if his else None, seen[0], seen[-1], modality,
             len(rows), len({r[8] for r in rows}), len(origins), len(rows) - len(positive),
             json.dumps(cats) if cats else None, rows[0][11], now, sid))
        db.execute("DELETE FROM story_origins WHERE story_id = ?", (sid,))
        db.executemany(
            "INSERT INTO story_origins (story_id, origin_key, name, code, kind, n_reports) VALUES (?, ?, ?, ?, ?, ?)",
            [(sid, k, v[0], v[1], v[2], v[3]) for k, v in origins.items()])


def candidate(event_type: str, actor_key: str, recipient_key: str, date: str | None, doc_date: str | None,
              texts: Sequence[str | None], arms: set[str]) -> Candidate:
    return Candidate(event_type, actor_key, recipient_key, date_interval(date) or date_interval(doc_date),
                     content_terms(*texts), arms)
