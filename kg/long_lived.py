"""The objects a process loads once and keeps (the spaCy pipeline, the gazetteer), taken out of
the cyclic garbage collector's scans.

Every full collection walks all the objects of the oldest generation, and parsing and extraction
allocate enough to set off several full collections per hundred articles; with the gazetteer's
places, its name index and the model's tables in that generation, each walk costs tens of
milliseconds, and none of them ever frees those objects. ``gc.freeze`` moves every object alive
at that moment to a generation the collector no longer scans (reference counting still frees an
object that is dropped)."""

from __future__ import annotations

import gc


def freeze_loaded() -> None:
    """Take every object alive now out of the collector's scans; called once a long-lived
    resource is loaded."""
    gc.freeze()
