"""Actor resolution (SPEC §3): knowledge base as data, resolver, within-document coreference.

    >>> import spacy
    >>> from veilleur.actors import ActorResolver
    >>> nlp = spacy.blank("fr")
    >>> doc = nlp("L'armée russe a reçu des obus nord-coréens.")
    >>> [(m.text, m.code, m.sector) for m in ActorResolver().resolve(doc, date="2022-09-06")]
    [('armée russe', 'RUS', 'MIL'), ('nord-coréens', 'PRK', None)]

``ActorResolver().resolve(doc, date)`` returns ``ActorMention`` records sorted by start,
non-overlapping, with character offsets into ``doc.text``. The Doc needs only tokens (and, for
coreference, sentence boundaries); a fully parsed Doc works the same.
"""

from __future__ import annotations

from .kb import CodeInfo, KnowledgeBase, load_kb
from .resolver import ActorResolver

__all__ = ["ActorResolver", "CodeInfo", "KnowledgeBase", "load_kb"]
