"""Figures: the theme, Dutch formats, Plotly figure dicts, the memo layout and the chart view-model.

Uses data access (series) only.
"""
