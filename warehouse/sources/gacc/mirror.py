"""A local stand-in for GACC's English site: serves an archive directory over HTTP on loopback.

Paths are GACC's own (``/statics/report/preliminary.html``, ``/Statics/<uuid>.html``, ``/Excel/...``); like
GACC's IIS server, lookups ignore case. Every request is logged (method, path, status) so tests can assert
what the client asked for — for example that a re-run fetched no article page.
"""

from __future__ import annotations

import json
import mimetypes
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO
from urllib.parse import unquote, urlsplit

_TYPES = {".html": "text/html; charset=utf-8", ".xls": "application/vnd.ms-excel"}


@dataclass(frozen=True)
class LoggedRequest:
    method: str
    path: str
    status: int


class _Files:
    """Case-insensitive view of the archive directory, confined to it."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def find(self, url_path: str) -> Path | None:
        parts = [p for p in unquote(url_path).split("/") if p]
        if any(p in (".", "..") for p in parts):
            return None
        node = self.root
        for part in parts:
            exact = node / part
            if exact.exists():
                node = exact
                continue
            if not node.is_dir():
                return None
            folded = part.casefold()
            matches = [child for child in node.iterdir() if child.name.casefold() == folded]
            if len(matches) != 1:
                return None
            node = matches[0]
        return node if node.is_file() else None


class Mirror:
    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 0, log: IO[str] | None = None):
        self._files = _Files(root)
        self._log = log
        self._lock = threading.Lock()
        self.requests: list[LoggedRequest] = []
        self._server = ThreadingHTTPServer((host, port), self._handler_class())
        self._server.daemon_threads = True
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

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                path = urlsplit(self.path).path
                found = mirror._files.find(path)
                if found is None:
                    body, status, ctype = b"not found\n", 404, "text/plain"
                else:
                    body, status = found.read_bytes(), 200
                    ctype = _TYPES.get(found.suffix.lower()) or (
                        mimetypes.guess_type(found.name)[0] or "application/octet-stream"
                    )
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                mirror._record(LoggedRequest("GET", path, status))

            def log_message(self, format: str, *args: object) -> None:
                """Silenced: the request log above is the record."""

        return Handler
