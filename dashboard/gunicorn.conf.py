"""gunicorn settings for `make serve`: HOST, PORT and WORKERS come from the environment.

No preload: each worker imports the app after fork and opens the database read-only itself,
so no DuckDB handle is ever shared across processes.

Hostile clients (docs/productie.md): the worker (dashboard/webserver/werker.py) reads each
request in its event loop before a thread takes it, with a total deadline for headers
(KETENMONITOR_KOP_FRIST_S) and body (proportional to its length), so trickling clients hold
no thread and get 408; expensive exports wait there too, one per worker at a time; the request line, header count and header size are capped (414/431, with
our security headers); the body limit (413) is the app's (KETENMONITOR_MAX_LICHAAM). Behind a
reverse proxy, let the proxy buffer request bodies and time out slow clients as well.
"""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8050')}"
workers = int(os.environ.get("WORKERS", "2"))
threads = int(os.environ.get("THREADS", "4"))
worker_class = "dashboard.webserver.werker.Werker"  # gthread + read timeout + safe error pages
logger_class = "dashboard.webserver.logboek.GunicornLogboek"  # control characters escaped
preload_app = False
timeout = 30
graceful_timeout = 10
keepalive = 5
limit_request_line = 4094  # a real Trends URL is < 600 bytes; longer gets 414
limit_request_fields = 100
limit_request_field_size = 8190  # per header; more gets 431
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOGLEVEL", "info")
# The app runs behind a TLS-terminating reverse proxy; trust its X-Forwarded-* on loopback only.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker) -> None:
    """One request through the app before the worker accepts connections.

    Dash sets up its callback map on the first request and marks that done before it is
    done; a fresh gthread worker whose first requests arrive together answered some of
    them with 500 "Callback function not found" (seen with 2 workers and 4 exports at once).
    """
    worker.wsgi.test_client().get("/gezondheid")
    from dashboard.app import app
    from dashboard.webserver.beveiliging import voorbereiden

    voorbereiden(app)  # the input-type map: otherwise the first callback builds it
