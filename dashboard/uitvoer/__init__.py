"""Export and rendering: CSV/Excel/zip files, the briefing pack and full download, PNG/SVG via Kaleido.

Uses figures and data access; pages reach it through the toolbar.
"""
