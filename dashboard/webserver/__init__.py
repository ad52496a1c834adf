"""Serving and security: headers, request limits, the gunicorn worker and logger, the response cache."""
