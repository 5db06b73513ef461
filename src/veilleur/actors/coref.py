"""Within-document coreference for open mentions: bare bodies ("l'armée") and anaphors ("le pays").

Deliberately simple and conservative. The antecedent is the most salient *state* mentioned in the
current sentence (before the mention) or the ``window`` previous sentences, where salience adds, for
each earlier mention, a weight for how it was named (a name counts more than an adjective), a bonus
for being the first state of its sentence (a stand-in for the subject, as there is no parse), a
penalty for locative use ("en Ukraine"), all decayed by sentence distance.
- Anaphors ("le pays", "cet État isolé") never take a state already mentioned earlier in their own
  sentence ("le Kremlin se tourne vers cet État isolé" is not Russia), and are dropped when nothing
  is in the window.
- Bare bodies ("le gouvernement", "l'armée") may take a state of their own sentence, and fall back
  to the document's dominant state (at least two mentions, ahead of any other); else dropped.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from .kb import KnowledgeBase
from .text import Words

if TYPE_CHECKING:
    from .resolver import Match

_LOCATIVE = {"en", "au", "aux", "a", "dans", "vers", "depuis", "sur"}
_DECAY = 0.6
# a body with its adjective ("les services de renseignement américains") is mostly a source or a
# modifier in news prose, hence less salient than a named state
_WEIGHT = {"name": 1.0, "metonym": 1.0, "person": 0.8, "coref": 0.8, "body": 0.5, "acronym": 1.0}
_NOUN_DETERMINERS = {"les", "des", "aux", "un", "une", "le", "la", "l'", "deux", "trois"}


def resolve_open(kb: KnowledgeBase, w: Words, matches: list[Match]) -> list[Match]:
    dominant = _dominant(kb, matches)
    out: list[Match] = []
    history: list[tuple[Match, float]] = []  # state mentions seen so far, with their weight
    first_in_sentence: set[int] = set()
    # the same body named again: "l'administration du président américain … l'administration" → USA
    bodies: dict[str, tuple[str, int]] = {}
    for k, m in enumerate(matches):
        if m.open:
            if not m.entry.coref:
                continue
            nxt = matches[k + 1] if k + 1 < len(matches) else None
            if nxt is not None and nxt.i == m.j and nxt.kind == "person" and nxt.code:
                continue  # "le président Joe Biden": the name that follows says who; no coreference
            same = bodies.get(m.entry.name) if not m.entry.anaphor else None
            if same is not None and w.sent[m.i] - same[1] <= kb.coref_window:
                code: str | None = same[0]
            else:
                code = _antecedent(kb, w, m, history, dominant)
            if code is None:
                continue
            info = kb.lookup(code)
            m.code = code
            m.name = info.name if info else code
            m.parent = info.parent if info else None
            m.via = "coref"
        out.append(m)
        if m.kind == "body" and m.code:
            bodies[m.entry.name] = (m.code, w.sent[m.i])
        if m.kind != "media" and _is_state(kb, m.code):
            bonus = 1.5 if w.sent[m.i] not in first_in_sentence else 1.0
            first_in_sentence.add(w.sent[m.i])
            history.append((m, _weight(w, m) * bonus))
    return out


def _antecedent(kb: KnowledgeBase, w: Words, m: Match, history: list[tuple[Match, float]],
                dominant: str | None) -> str | None:
    sent = w.sent[m.i]
    same_sentence = {h.code for h, _ in history if w.sent[h.i] == sent}
    scores: Counter[str] = Counter()
    for h, weight in history:
        dist = sent - w.sent[h.i]
        if dist > kb.coref_window or h.code is None:
            continue
        if m.entry.anaphor and h.code in same_sentence:
            continue
        if m.entry.capital and not h.entry.capital:
            continue  # "la capitale" refers back to a capital city
        scores[h.code] += weight * _DECAY ** dist
    if scores:
        (best, top), *rest = scores.most_common(2) + [("", 0.0)]
        if top > rest[0][1]:
            return best
        return _most_recent(history, {best, rest[0][0]})
    return None if m.entry.anaphor else dominant


def _most_recent(history: list[tuple[Match, float]], codes: set[str]) -> str | None:
    for h, _ in reversed(history):
        if h.code in codes:
            return h.code
    return None


def _weight(w: Words, m: Match) -> float:
    if m.via == "demonym":
        # a demonym after a determiner is a noun ("les Russes"), otherwise a modifier
        weight = 1.0 if m.i > 0 and w.keys[m.i - 1] in _NOUN_DETERMINERS else 0.5
    elif m.owner_np:
        weight = 1.0  # "le régime de Kim Jong-un" names its state as a noun phrase
    else:
        weight = _WEIGHT.get(m.via, 0.7)
    if m.i > 0 and w.keys[m.i - 1] in _LOCATIVE:
        weight *= 0.5
    return weight


def _is_state(kb: KnowledgeBase, code: str | None) -> bool:
    info = kb.lookup(code) if code else None
    return info is not None and info.kind in ("state", "region")


def _dominant(kb: KnowledgeBase, matches: list[Match]) -> str | None:
    counts = Counter(m.code for m in matches if m.code and m.kind != "media" and _is_state(kb, m.code))
    top = counts.most_common(2)
    if not top or top[0][1] < 2 or (len(top) > 1 and top[1][1] == top[0][1]):
        return None
    return top[0][0]
