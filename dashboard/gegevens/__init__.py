"""Data access and series: the read-only connection, all SQL, and rows turned into plotted series.

Imports nothing from the rest of the dashboard: every other subpackage may use it.
"""
