"""Page logic without Dash: what a page's state shows (Trends, Regio, ketenkaart, lacunes, breakdowns).

Pages call it; it uses figures, the Grafiekexport view-model and data access, never pages or UI.
"""
