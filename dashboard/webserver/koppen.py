"""Security headers that do not depend on the app, shared by Flask (dashboard/webserver/beveiliging.py)
and by gunicorn's own error pages (dashboard/webserver/werker.py), which answer before Flask is reached.

Kept free of Dash, Flask and DuckDB imports: gunicorn's master loads the worker class.
"""

VEILIGHEIDSKOPPEN = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}

FOUTPAGINA_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
"""An error page loads nothing and may be framed by nobody."""
