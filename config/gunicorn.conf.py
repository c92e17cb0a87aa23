"""gunicorn settings for `make run` (tools/stack.py passes --config).

gunicorn writes `Server: gunicorn` into every response itself, below the WSGI app, and has
no setting for it; announcing the server software only helps someone matching it against
known flaws, so the header is left out here.
"""
from __future__ import annotations

from gunicorn.http import wsgi

_default_headers = wsgi.Response.default_headers


def _without_server(self: wsgi.Response) -> list[str]:
    return [h for h in _default_headers(self) if not h.lower().startswith("server:")]


wsgi.Response.default_headers = _without_server  # type: ignore[method-assign]
