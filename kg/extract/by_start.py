"""Items of a doc (spans, mentions) found by where they start: the weapons of one sentence are
cut from the doc's list by a binary search over their starts instead of a scan of every weapon
the doc names, for every sentence."""

from __future__ import annotations

from bisect import bisect_left


class ByStart:
    """``items`` (each with a token index ``start``), in their own order."""

    __slots__ = ("items", "starts")

    def __init__(self, items) -> None:
        self.items = list(items)
        starts = [item.start for item in self.items]
        # the binary search needs them in order of their starts; a list in any other order
        # is scanned
        self.starts = starts if all(a <= b for a, b in zip(starts, starts[1:])) else None

    def within(self, start: int, end: int) -> list:
        """``[item for item in items if start <= item.start < end]``, in the same order."""
        if self.starts is None:
            return [item for item in self.items if start <= item.start < end]
        return self.items[bisect_left(self.starts, start):bisect_left(self.starts, end)]
