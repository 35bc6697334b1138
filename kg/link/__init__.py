"""Gazetteer and linking of places and actors (offline, from the bundled data)."""
