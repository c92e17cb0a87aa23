"""HTTP front: the Solr paths CKAN and pysolr call, under /solr/<core>/.

A stdlib ThreadingHTTPServer: a thread per connection, HTTP/1.1 keep-alive
(pysolr keeps a requests.Session per CKAN worker). The time of a search is
spent in tantivy, which releases the GIL, and in small Python steps, so an
async server would buy nothing here; writers are serialized by the engine.
"""
from __future__ import annotations

import base64
import binascii
import hmac
import json
import logging
import socket
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from .engine import Engine
from .errors import SolrError, error_body
from .params import Params
from .search import select
from .update import handle_update

log = logging.getLogger(__name__)

MAX_BODY = 1 << 30
_FORM = "application/x-www-form-urlencoded"


class SearchServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], engine: Engine, core: str = "ckan",
                 user: str | None = None, password: str | None = None) -> None:
        self.engine = engine
        self.core = core
        self.credentials = f"{user}:{password}".encode() if user is not None else None
        super().__init__(address, SolrHandler)

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        host = host.decode() if isinstance(host, bytes) else host  # typeshed allows bytes
        return f"http://{host}:{port}/solr/{self.core}"


class SolrHandler(BaseHTTPRequestHandler):
    server: SearchServer
    protocol_version = "HTTP/1.1"
    server_version = "searchd"
    # Idle keep-alive connections are closed after this; urllib3 notices and reconnects.
    timeout = 120

    def setup(self) -> None:
        super().setup()
        # Without this, Nagle + the client's delayed ACK add ~40 ms to every response.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s " + format, self.address_string(), *args)

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def do_HEAD(self) -> None:
        self._send(200, b"", "text/plain")

    # -- plumbing --------------------------------------------------------------------
    def _handle(self) -> None:
        started = time.perf_counter()
        try:
            body = self._read_body()
            if not self._authorized():
                self._send_json(401, error_body("Authentication failed", 401),
                                {"WWW-Authenticate": 'Basic realm="solr"'})
                return
            self._route(body)
        except SolrError as exc:
            self._send_json(exc.code, exc.body(int((time.perf_counter() - started) * 1000)))
        except (ValueError, OverflowError) as exc:
            # tantivy reports bad user input (a regex too large, a number beyond
            # 64 bits, ...) as these.
            self._send_json(400, error_body(str(exc), 400))
        except RecursionError:
            self._send_json(400, error_body("query too deeply nested", 400))
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except Exception as exc:
            log.exception("internal error on %s", self.path)
            self._send_json(500, error_body(f"internal error: {exc}", 500))
        except BaseException as exc:  # pyo3 panics derive from BaseException
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            log.exception("tantivy panic on %s", self.path)
            self._send_json(500, error_body(f"internal error: {exc}", 500))

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            return self._read_chunked()
        length = self.headers.get("Content-Length")
        if not length:
            return b""
        try:
            size = int(length)
        except ValueError:
            raise SolrError("Invalid Content-Length") from None
        if size < 0 or size > MAX_BODY:
            self.close_connection = True
            raise SolrError("Request body too large", 413)
        return self.rfile.read(size)

    def _read_chunked(self) -> bytes:
        chunks: list[bytes] = []
        total = 0
        while True:
            line = self.rfile.readline(65537)
            try:
                size = int(line.split(b";", 1)[0].strip() or b"0", 16)
            except ValueError:
                self.close_connection = True
                raise SolrError("Invalid chunked encoding") from None
            if size == 0:
                while self.rfile.readline(65537).strip():
                    pass
                return b"".join(chunks)
            total += size
            if total > MAX_BODY:
                self.close_connection = True
                raise SolrError("Request body too large", 413)
            chunks.append(self.rfile.read(size))
            self.rfile.readline(3)

    def _authorized(self) -> bool:
        expected = self.server.credentials
        if expected is None:
            return True
        header = self.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "basic":
            return False
        try:
            given = base64.b64decode(token.strip(), validate=True)
        except (binascii.Error, ValueError):
            return False
        return hmac.compare_digest(given, expected)

    def _send(self, status: int, payload: bytes, content_type: str,
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        # Headers and body in one write (one syscall, one packet): what end_headers()
        # does, with the payload joined to the buffered headers.
        buffer = getattr(self, "_headers_buffer", None)
        if buffer is None:  # HTTP/0.9: no headers at all
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(payload)
            return
        buffer.append(b"\r\n")
        if self.command != "HEAD":
            buffer.append(payload)
        self.flush_headers()

    def _send_json(self, status: int, body: dict[str, Any],
                   headers: dict[str, str] | None = None, indent: bool = False) -> None:
        payload = json.dumps(body, ensure_ascii=False, indent=2 if indent else None,
                             separators=None if indent else (",", ":")).encode("utf-8")
        self._send(status, payload, "application/json; charset=utf-8", headers)

    # -- routes ----------------------------------------------------------------------
    def _route(self, body: bytes) -> None:
        url = urlsplit(self.path)
        pairs = parse_qsl(url.query, keep_blank_values=True)
        content_type = self.headers.get("Content-Type", "").lower()
        path = url.path.rstrip("/")
        prefix = f"/solr/{self.server.core}"
        if path in ("/solr/admin/cores", "/solr/admin/info/system"):
            self._send_json(200, {"responseHeader": {"status": 0, "QTime": 0},
                                  "status": {self.server.core: {"name": self.server.core}}})
            return
        if path != prefix and not path.startswith(prefix + "/"):
            raise SolrError(f"Not Found: {url.path}", 404)
        action = path[len(prefix):].strip("/")
        if action == "select":
            if self.command == "POST" and content_type.startswith(_FORM):
                pairs += parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
            params = Params(pairs)
            result = select(self.server.engine, params)
            if params.bool("omitHeader", False):
                result.pop("responseHeader", None)
            self._send_json(200, result, indent=params.bool("indent", False))
        elif action in ("update", "update/json", "update/json/docs", "update/xml"):
            started = time.perf_counter()
            handle_update(self.server.engine, Params(pairs), body, content_type)
            qtime = int((time.perf_counter() - started) * 1000)
            self._send_json(200, {"responseHeader": {"status": 0, "QTime": qtime}})
        elif action == "schema":
            self._schema(Params(pairs))
        elif action == "admin/file":
            if Params(pairs).get("file") not in ("schema.xml", "managed-schema"):
                raise SolrError("Can not find: " + (Params(pairs).get("file") or ""), 404)
            self._send(200, self.server.engine.schema.raw, "application/xml; charset=utf-8")
        elif action == "admin/ping":
            self._send_json(200, {"responseHeader": {"status": 0, "QTime": 0}, "status": "OK"})
        else:
            raise SolrError(f"Not Found: {url.path}", 404)

    def _schema(self, params: Params) -> None:
        schema = self.server.engine.schema
        if (params.get("wt") or "").lower() == "schema.xml":
            self._send(200, schema.raw, "application/xml; charset=utf-8")
            return
        fields = [{"name": f.name, "type": f.type.name, "indexed": f.indexed,
                   "stored": f.stored, "multiValued": f.multi_valued, "required": f.required}
                  for f in schema.fields.values()]
        dynamic = [{"name": p, "type": f.type.name, "indexed": f.indexed, "stored": f.stored,
                    "multiValued": f.multi_valued} for p, f in schema.dynamic]
        self._send_json(200, {
            "responseHeader": {"status": 0, "QTime": 0},
            "schema": {"name": schema.name, "version": schema.version,
                       "uniqueKey": schema.unique_key, "fields": fields,
                       "dynamicFields": dynamic,
                       "copyFields": [{"source": s, "dest": d} for s, d in schema.copy_fields]},
        })


def make_server(engine: Engine, host: str = "127.0.0.1", port: int = 8983, core: str = "ckan",
                user: str | None = None, password: str | None = None) -> SearchServer:
    return SearchServer((host, port), engine, core, user, password)
