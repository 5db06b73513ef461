"""What one running app holds: where the store is, the write key, the (lazy) pipeline.

Stores are opened once per worker thread and reused: FastAPI runs sync endpoints in
a thread pool, and a SQLite connection must not serve two threads at once, while
opening one per request would re-check the schema every time.
"""

from __future__ import annotations

import hmac
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..store import Store

ExtractorFactory = Callable[[], Any]  # returns an object with .process(Document) / .pipe(docs)


def _load_pipeline() -> Any:
    import veilleur

    return veilleur.load()


@dataclass
class AppState:
    store_url: str
    api_key: str | None
    max_body: int
    extractor_factory: ExtractorFactory = _load_pipeline
    _local: threading.local = field(default_factory=threading.local)
    _opened: list[Store] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _extractor: Any = None
    # spaCy pipelines are not meant to be shared by threads mid-call: one extraction at a time
    extract_lock: threading.Lock = field(default_factory=threading.Lock)

    def store(self) -> Store:
        st = getattr(self._local, "store", None)
        if st is None:
            st = Store.open(self.store_url, create=True)
            self._local.store = st
            with self._lock:
                self._opened.append(st)
        return st

    def extractor(self) -> Any:
        """The pipeline, loaded on the first write (reads never pay the spaCy load)."""
        with self._lock:
            if self._extractor is None:
                self._extractor = self.extractor_factory()
            return self._extractor

    def key_matches(self, given: str | None) -> bool:
        if not self.api_key or not given:
            return False
        # constant-time: the comparison must not tell how much of a guess was right
        return hmac.compare_digest(given.encode("utf-8"), self.api_key.encode("utf-8"))

    def close(self) -> None:
        with self._lock:
            for st in self._opened:
                st.close()
            self._opened.clear()
        self._local = threading.local()
