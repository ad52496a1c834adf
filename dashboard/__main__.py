"""`python -m dashboard`: the development server (make run). Production uses gunicorn."""

from __future__ import annotations

import os

from dashboard.app import app

if __name__ == "__main__":
    app.run(
        host=os.environ.get("HOST", "127.0.0.1"),
        port=int(os.environ.get("PORT", "8050")),
        debug=os.environ.get("KETENMONITOR_DEBUG") == "1",
    )
