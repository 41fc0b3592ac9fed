"""A local stand-in for GACC's English site: serves an archive directory over HTTP on loopback.

Paths are GACC's own (``/statics/report/preliminary.html``, ``/Statics/<uuid>.html``, ``/Excel/...``); like
GACC's IIS server, lookups ignore case. Every request is logged (method, path, status) so tests can assert
what the client asked for — for example that a re-run fetched no article page.

Faults can be queued per path, each consumed by one request: an HTTP status (500, 503, 412...),
``"slow:<seconds>"`` (answer late), ``"reset"`` (close the connection without answering), ``"truncate"``
(send half the body under the full Content-Length), ``"challenge"`` (a JavaScript-challenge page, HTTP 200)
or ``"layout"`` (the page as if GACC had changed its layout: the table's last column dropped, HTTP 200).
"""

from __future__ import annotations

import json
import mimetypes
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO
from urllib.parse import unquote, urlsplit

_TYPES = {".html": "text/html; charset=utf-8", ".xls": "application/vnd.ms-excel"}
_CHALLENGE = b"<html><head><script>var _$_ts=window['$_ts'];eval(function(){})</script></head></html>"


@dataclass(frozen=True)
class LoggedRequest:
    method: str
    path: str
    status: int
    user_agent: str = ""


class _Files:
    """Case-insensitive view of the archive directory, confined to it."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def find(self, url_path: str) -> Path | None:
        parts = [p for p in unquote(url_path).split("/") if p]
        if any(p in (".", "..") for p in parts):
            return None
        return self._walk(self.root, parts)

    def _walk(self, node: Path, parts: list[str]) -> Path | None:
        if not parts:
            return node if node.is_file() else None
        if not node.is_dir():
            return None
        head, rest = parts[0], parts[1:]
        exact = node / head
        if exact.exists() and (found := self._walk(exact, rest)) is not None:
            return found
        # "statics/" and "Statics/" are one folder on GACC's server: then try every case-folded match. Only
        # then: listing a folder of a thousand pages for every request made a backfill quadratic.
        for candidate in node.iterdir():
            same = candidate.name.casefold() == head.casefold() and candidate != exact
            if same and (found := self._walk(candidate, rest)) is not None:
                return found
        return None


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that gave up (timeout test, reset) is expected; anything else is still printed."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class Mirror:
    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 0, log: IO[str] | None = None):
        self._files = _Files(root)
        self._log = log
        self._lock = threading.Lock()
        self.requests: list[LoggedRequest] = []
        self._faults: defaultdict[str, deque[int | str]] = defaultdict(deque)
        self._server = _Server((host, port), self._handler_class())
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> Mirror:
        self._thread = threading.Thread(target=self._server.serve_forever, name="gacc-mirror", daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self._server.serve_forever()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread:
            self._thread.join(timeout=5)

    def __enter__(self) -> Mirror:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def inject(self, path: str, *faults: int | str) -> None:
        """Queue faults for the next requests of ``path`` (case-insensitive), one per request."""
        with self._lock:
            self._faults[path.casefold()].extend(faults)

    def _next_fault(self, path: str) -> int | str | None:
        with self._lock:
            queue = self._faults.get(path.casefold())
            return queue.popleft() if queue else None

    def paths(self, status: int | None = None) -> list[str]:
        with self._lock:
            return [r.path for r in self.requests if status is None or r.status == status]

    def _record(self, entry: LoggedRequest) -> None:
        with self._lock:
            self.requests.append(entry)
            if self._log is not None:
                self._log.write(json.dumps(entry.__dict__) + "\n")
                self._log.flush()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        mirror = self

        class Handler(BaseHTTPRequestHandler):
            server_version = "gacc-mirror"

            def do_GET(self) -> None:
                path = urlsplit(self.path).path
                fault = mirror._next_fault(path)
                agent = self.headers.get("User-Agent", "")
                if fault == "reset":
                    mirror._record(LoggedRequest("GET", path, 0, agent))
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                found = mirror._files.find(path)
                if isinstance(fault, int):
                    body, status, ctype = f"injected HTTP {fault}\n".encode(), fault, "text/plain"
                elif fault == "challenge":
                    body, status, ctype = _CHALLENGE, 200, "text/html"
                elif found is None:
                    body, status, ctype = b"not found\n", 404, "text/plain"
                else:
                    body, status = found.read_bytes(), 200
                    if fault == "layout":
                        body = _changed_layout(body)
                    ctype = _TYPES.get(found.suffix.lower()) or (
                        mimetypes.guess_type(found.name)[0] or "application/octet-stream"
                    )
                # Logged before answering, so a client that has its answer always finds it in the log.
                mirror._record(LoggedRequest("GET", path, status, agent))
                if isinstance(fault, str) and fault.startswith("slow:"):
                    time.sleep(float(fault.split(":", 1)[1]))
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[: len(body) // 2] if fault == "truncate" else body)
                if fault == "truncate":
                    self.close_connection = True

            def log_message(self, format: str, *args: object) -> None:
                """Silenced: the request log above is the record."""

        return Handler


def _changed_layout(body: bytes) -> bytes:
    """The last column of the page's table dropped (imported here: only this fault needs the simulator)."""
    from warehouse.simulate.refill import drop_column, read_template

    columns = max(len(row.cells) for row in read_template(body, "http://mirror/").rows)
    return drop_column(body, columns - 1)
