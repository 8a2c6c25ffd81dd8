"""Addresses the core's web pieces share, without loading Litestar."""

API_PREFIX = "/api/"  # the JSON API's routes: a program's, not a browser's
