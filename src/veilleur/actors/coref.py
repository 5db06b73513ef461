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
- Organisation anaphors ("l'ONG", "le groupe", "l'organisation islamiste", "les rebelles") take the
  most salient earlier *non-state* actor of the kinds and sectors their phrase allows (coref.yaml
  `organisations`), by the same weights and decay, never a state; a body such as "rebelles" with
  no such antecedent keeps its body reading, an anaphor is dropped.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from .kb import KnowledgeBase
from .text import Words

if TYPE_CHECKING:
    from .resolver import Match

_LOCATIVE = {"en", "au", "aux", "a", "dans", "vers", "depuis", "sur"}
_DECAY = 0.6
# a ruling body named without its country ("la junte", "le régime") is, in news prose, that of the
# country the article is about more often than that of a foreigner just named in passing
_TOPIC_PRIOR = 0.5
# a body with its adjective ("les services de renseignement américains") is mostly a source or a
# modifier in news prose, hence less salient than a named state
_WEIGHT = {"name": 1.0, "metonym": 1.0, "person": 0.8, "coref": 0.8, "body": 0.5, "acronym": 1.0}
_NOUN_DETERMINERS = {"les", "des", "aux", "un", "une", "le", "la", "l'", "deux", "trois"}


def resolve_open(kb: KnowledgeBase, w: Words, matches: list[Match]) -> list[Match]:
    dominant = _dominant(kb, matches)
    quoted = _quotes(w)
    out: list[Match] = []
    history: list[tuple[Match, float]] = []  # state mentions seen so far, with their weight
    orgs: list[tuple[Match, float]] = []  # group and IGO mentions seen so far
    first_in_sentence: set[int] = set()
    # the same body named again: "l'administration du président américain … l'administration" → USA
    bodies: dict[str, tuple[str, int]] = {}
    for k, m in enumerate(matches):
        if m.open and m.entry.refers is not None and _organisation(kb, w, m, orgs, quoted):
            pass
        elif m.open and m.entry.pair:
            out.extend(_pair(kb, w, m, history))
            continue
        elif m.open:
            if not m.entry.coref:
                continue
            nxt = matches[k + 1] if k + 1 < len(matches) else None
            if nxt is not None and nxt.i == m.j and nxt.kind == "person" and nxt.code:
                continue  # "le président Joe Biden": the name that follows says who; no coreference
            same = bodies.get(m.entry.name) if not m.entry.anaphor else None
            if same is not None and w.sent[m.i] - same[1] <= kb.coref_window:
                code: str | None = same[0]
            elif m.entry.possessive:
                code = _possessor(kb, w, m, history) or _antecedent(kb, w, m, history, dominant, quoted)
            else:
                code = _antecedent(kb, w, m, history, dominant, quoted)
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
        elif m.kind != "media" and _is_org(kb, m.code):
            orgs.append((m, _weight(w, m)))
    return out


def _pair(kb: KnowledgeBase, w: Words, m: Match, history: list[tuple[Match, float]]) -> list[Match]:
    """"les deux pays": one mention for each of the two most salient states of the window, or none."""
    sent = w.sent[m.i]
    scores: Counter[str] = Counter()
    for h, weight in history:
        dist = sent - w.sent[h.i]
        if h.code is None or dist > kb.coref_window or dist == 0:
            continue  # ("La Chine a appelé les deux parties à la retenue": not China)
        if m.entry.pair != "people" or h.via in ("person", "body"):
            scores[h.code] += weight * _DECAY ** dist
    top = [code for code, _ in scores.most_common(2)]
    if len(top) < 2 or m.j - m.i < 2:
        return []
    out = []
    for k, code in enumerate(top):
        info = kb.lookup(code)
        out.append(replace(m, i=m.i + k, code=code, name=info.name if info else code,
                           parent=info.parent if info else None, via="coref"))
    return out


def _possessor(kb: KnowledgeBase, w: Words, m: Match, history: list[tuple[Match, float]]) -> str | None:
    """"son pays": the country of the person (or body: "le président ukrainien") last named in the
    window; a state named by its own name is a less likely possessor ("l'Allemagne … son pays")."""
    sent = w.sent[m.i]
    for h, _ in reversed(history):
        if sent - w.sent[h.i] > kb.coref_window:
            break
        if h.via in ("person", "body") and h.code:
            return h.code
    return None


def _organisation(kb: KnowledgeBase, w: Words, m: Match, orgs: list[tuple[Match, float]],
                  quoted: list[int]) -> bool:
    """Resolve an organisation anaphor in place; False when no earlier actor fits."""
    refers = m.entry.refers
    assert refers is not None
    sent = w.sent[m.i]
    scores: Counter[str] = Counter()
    for h, weight in orgs:
        dist = sent - w.sent[h.i]
        info = kb.lookup(h.code or "")
        if dist > kb.coref_window or info is None or not refers.accepts(info, m.sectors):
            continue
        if dist == 0 and quoted[h.i] and quoted[h.i] != quoted[m.i]:
            continue
        scores[info.code] += weight * _DECAY ** dist
    if not scores:
        return False
    (best, top), *rest = scores.most_common(2) + [("", 0.0)]
    code = best if top > rest[0][1] else _most_recent(orgs, {best, rest[0][0]})
    info = kb.lookup(code or "")
    if info is None:
        return False
    m.code, m.name, m.sector, m.kind, m.parent = info.code, info.name, info.sector, info.kind, info.parent
    m.via = "coref"
    return True


def _antecedent(kb: KnowledgeBase, w: Words, m: Match, history: list[tuple[Match, float]],
                dominant: str | None, quoted: list[int]) -> str | None:
    sent = w.sent[m.i]
    same_sentence = {h.code for h, _ in history if w.sent[h.i] == sent}
    scores: Counter[str] = Counter()
    for h, weight in history:
        dist = sent - w.sent[h.i]
        if dist > kb.coref_window or h.code is None:
            continue
        if dist == 0 and quoted[h.i] and quoted[h.i] != quoted[m.i]:
            continue  # "« Nous exhortons les États-Unis … », a déclaré un porte-parole du ministère"
        if m.entry.anaphor and h.code in same_sentence:
            continue
        if m.entry.capital and not h.entry.capital:
            continue  # "la capitale" refers back to a capital city
        scores[h.code] += weight * _DECAY ** dist
    if scores and dominant is not None and m.entry.topical:
        scores[dominant] += _TOPIC_PRIOR
    if scores:
        (best, top), *rest = scores.most_common(2) + [("", 0.0)]
        if top > rest[0][1]:
            return best
        return _most_recent(history, {best, rest[0][0]})
    return None if m.entry.anaphor else dominant


_OPEN_QUOTES = {"«", "\u201c"}
_CLOSE_QUOTES = {"»", "\u201d"}
_QUOTE_SPAN = 4


def _quotes(w: Words) -> list[int]:
    """For each word, the number of the quotation it stands in (0 outside quotes): the speaker of a
    quotation is not the state the quotation talks about. Quotes are followed across sentence
    boundaries (the segmenter may leave "«" at the end of the previous sentence); an unclosed quote
    ends after ``_QUOTE_SPAN`` sentences."""
    out = [0] * len(w.keys)
    current, n, straight, opened = 0, 0, False, 0
    for k, t in enumerate(w.text):
        if current and w.sent[k] - opened > _QUOTE_SPAN:
            current, straight = 0, False
        if t in _OPEN_QUOTES or (t == '"' and not straight):
            n += 1
            current, straight, opened = n, t == '"', w.sent[k]
        elif t in _CLOSE_QUOTES or (t == '"' and straight):
            out[k] = current
            current, straight = 0, False
            continue
        out[k] = current
    return out


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


def _is_org(kb: KnowledgeBase, code: str | None) -> bool:
    info = kb.lookup(code) if code else None
    return info is not None and info.kind in ("group", "igo")


def _dominant(kb: KnowledgeBase, matches: list[Match]) -> str | None:
    counts = Counter(m.code for m in matches if m.code and m.kind != "media" and _is_state(kb, m.code))
    top = counts.most_common(2)
    if not top or top[0][1] < 2 or (len(top) > 1 and top[1][1] == top[0][1]):
        return None
    return top[0][0]
