"""Datasette plugin: the "Race Profile" box of a stage as a page (to be written)."""
