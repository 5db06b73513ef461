"""Actor resolution (SPEC §3) — placeholder with a handful of entries.

Interface kept by the full implementation:
``ActorResolver().resolve(doc, date) -> list[ActorMention]`` (offsets into ``doc.text``).
"""

from __future__ import annotations

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..records import ActorMention

_STUB = {
    "russie": ("RUS", "Russia", None), "moscou": ("RUS", "Russia", None), "kremlin": ("RUS", "Russia", None),
    "russe": ("RUS", "Russia", None), "russes": ("RUS", "Russia", None),
    "corée du nord": ("PRK", "North Korea", None), "pyongyang": ("PRK", "North Korea", None),
    "nord-coréen": ("PRK", "North Korea", None), "nord-coréens": ("PRK", "North Korea", None),
    "iran": ("IRN", "Iran", None), "iraniens": ("IRN", "Iran", None), "iranienne": ("IRN", "Iran", None),
    "ukraine": ("UKR", "Ukraine", None), "états-unis": ("USA", "United States", None),
    "américain": ("USA", "United States", None), "américains": ("USA", "United States", None),
    "washington": ("USA", "United States", None), "occident": ("WST", "the West", None),
    "donetsk": ("DPR", "Donetsk People's Republic", "PRE"), "louhansk": ("LPR", "Luhansk People's Republic", "PRE"),
    "syrie": ("SYR", "Syria", None), "chine": ("CHN", "China", None), "onu": ("UNO", "United Nations", "IGO"),
    "new york times": ("USA", "New York Times", "MED"), "associated press": ("USA", "Associated Press", "MED"),
    "reuters": ("GBR", "Reuters", "MED"), "joe biden": ("USA", "Joe Biden", "GOV"),
}


class ActorResolver:
    def __init__(self, vocab=None) -> None:
        self._matcher: PhraseMatcher | None = None

    def resolve(self, doc: Doc, date: str | None = None) -> list[ActorMention]:
        if self._matcher is None:
            self._matcher = PhraseMatcher(doc.vocab, attr="LOWER")
            for k in _STUB:
                self._matcher.add(k, [Doc(doc.vocab, words=k.split())])
        out = []
        for _, s, e in sorted(self._matcher(doc), key=lambda m: (m[1], -(m[2] - m[1]))):
            span = doc[s:e]
            if out and span.start_char < out[-1].end:
                continue
            code, name, sector = _STUB[span.text.lower()]
            kind = "media" if sector == "MED" else "person" if sector == "GOV" else "state"
            out.append(ActorMention(span.start_char, span.end_char, span.text, code, name, sector, kind))
        return out
