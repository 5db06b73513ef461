"""Map character offsets of a derived (cleaned) text back to the raw text.

Cleaning drops lines, inserts spaces and swaps characters; every extracted fact
must still point into the raw article so the UI can highlight it there.
``OffsetMap`` is built while the derived text is written: each appended piece
says where it came from.
"""

from __future__ import annotations

from bisect import bisect_right


class OffsetMap:
    """Piecewise map from derived offsets to raw offsets.

    Pieces copied from the raw text map one to one; inserted characters map to
    the raw position they were inserted at.
    """

    def __init__(self) -> None:
        self._derived: list[int] = []  # start of each piece in the derived text
        self._raw: list[int] = []  # where it comes from in the raw text
        self._copied: list[bool] = []  # True: a copy, offsets advance together
        self.length = 0

    def copy(self, raw_start: int, length: int) -> None:
        """Record that ``length`` characters were copied from ``raw_start``."""
        if length <= 0:
            return
        if (self._copied and self._copied[-1]
                and self._raw[-1] + (self.length - self._derived[-1]) == raw_start):
            self.length += length  # contiguous with the previous copy
            return
        self._add(raw_start, length, True)

    def insert(self, raw_at: int, length: int) -> None:
        """Record ``length`` characters that exist only in the derived text."""
        if length > 0:
            self._add(raw_at, length, False)

    def _add(self, raw: int, length: int, copied: bool) -> None:
        self._derived.append(self.length)
        self._raw.append(raw)
        self._copied.append(copied)
        self.length += length

    def to_raw(self, i: int) -> int:
        """Raw offset of derived offset ``i`` (``i == length`` maps past the end)."""
        if not self._derived:
            return i
        k = max(0, bisect_right(self._derived, i) - 1)
        if i >= self.length:  # end offsets: one past the last character
            last = len(self._derived) - 1
            span = self.length - self._derived[last]
            return self._raw[last] + (span if self._copied[last] else 0)
        return self._raw[k] + (i - self._derived[k] if self._copied[k] else 0)

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw (start, end) of a derived span; ``end`` is exclusive on both sides."""
        if end <= start:
            s = self.to_raw(start)
            return s, s
        return self.to_raw(start), self.to_raw(end - 1) + 1

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        m = cls()
        m.copy(0, length)
        return m
