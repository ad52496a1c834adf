"""Ketenmonitor dashboard: a Dash app that reads the built DuckDB file read-only.

Layout and import direction (pages → logica/onderdelen → figuren/uitvoer → gegevens): docs/ontwikkeling.md.
"""
