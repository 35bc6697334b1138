"""A casualty figure read in a sentence: its kind, its value and how it stands to the figures
already known for the place (an increment, a part of a figure)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    kind: str  # "killed" or "injured"
    value: int
    increment: bool  # "another", "two more": add to what is known
    token: int  # where the number stands
    # maybe a part of a figure already known (a named victim, "the bodies of two men", the
    # implied "killed 0" of "nobody was injured"): never lowers a larger figure
    partial: bool = False
    rule: str | None = None  # the id of the particular rule that read it, if any
