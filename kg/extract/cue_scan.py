"""Which of many cue phrases a text holds, without a substring search for every phrase.

``is_background`` asks, for each sentence, which of some sixty background cues ("last year",
"earlier this month", "in recent days,") and thirty war-wide phrases ("since the invasion") it
holds, as substrings of the lower-cased text; few sentences hold any. Many phrases hold one
word ("last", "earlier", "month", "since"): the text is searched for each such key word, and
only the phrases of the words it holds are searched for themselves.
The answer is the same list, in the same order, as a search for every phrase.
"""

from __future__ import annotations


class CueScan:
    """The phrases of ``cues`` found in a text, in the order of ``cues``."""

    def __init__(self, cues) -> None:
        self.cues = tuple(cues)
        self._by_word: dict[str, list[str]] = {}
        for cue in self.cues:
            self._by_word.setdefault(_key_word(cue, self.cues), []).append(cue)
        self._order = {cue: n for n, cue in enumerate(self.cues)}

    def found_in(self, text: str) -> list[str]:
        """``[cue for cue in cues if cue in text]``."""
        found = [cue for word, cues in self._by_word.items() if word in text
                 for cue in cues if cue in text]
        if len(found) > 1:
            found.sort(key=self._order.__getitem__)
        return found


def _key_word(cue: str, cues: tuple[str, ...]) -> str:
    """The word of ``cue`` to search for first: of its words of four letters or more (else of
    all), the one most other cues also hold ("month" in "months ago" and "earlier this
    month"), then the longest. A substring of the cue, so a text without it holds no such
    cue."""
    words = [word for word in cue.split(" ") if len(word) >= 4] or cue.split(" ")
    return max(words, key=lambda word: (sum(word in other for other in cues), len(word)))
