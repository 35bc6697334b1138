"""strikegraph: a knowledge graph of aerial attacks read from news reports."""

__version__ = "0.1.0"
