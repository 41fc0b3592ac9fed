"""The raw archive: every fetched file kept byte-for-byte, with a provenance sidecar.

Layout: ``<root>/<host>/<url path>/<sha256[:16]>.<ext>`` plus ``<sha256[:16]>.json`` beside it, so every
version of a URL (index pages change monthly; articles never should) sits in one folder. A body whose sha256
is already stored is not written again: storing the same bytes twice is a no-op, which is what makes a daily
poll and a re-run safe.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from warehouse.errors import FetchError, NotFoundError
from warehouse.sources.gacc.client import Response


@dataclass(frozen=True)
class RawFile:
    """One stored version of one URL."""

    url: str
    fetched_url: str
    status: int
    retrieved_at: datetime
    sha256: str
    content_type: str
    size: int
    path: Path

    def sidecar(self) -> dict[str, object]:
        record = asdict(self)
        record["retrieved_at"] = self.retrieved_at.isoformat()
        record["path"] = self.path.name
        return record


class CorruptRawFileError(FetchError):
    """A stored file no longer matches the sha256 recorded when it was fetched."""


class RawArchive:
    def __init__(self, root: Path) -> None:
        self.root = root

    def folder(self, url: str) -> Path:
        parts = urlsplit(url)
        path = parts.path.lstrip("/") or "index"
        if parts.query:
            path += "%3F" + parts.query.replace("/", "%2F")
        folder = (self.root / parts.hostname / path) if parts.hostname else self.root / path
        if not folder.resolve().is_relative_to(self.root.resolve()):
            raise ValueError(f"URL escapes the raw archive: {url}")
        return folder

    def store(self, response: Response) -> tuple[RawFile, bool]:
        """Keep the response as-is. Returns the stored file and whether it was new."""
        sha = hashlib.sha256(response.content).hexdigest()
        folder = self.folder(response.url)
        ext = Path(urlsplit(response.url).path).suffix or ".bin"
        body = folder / f"{sha[:16]}{ext}"
        sidecar = body.with_suffix(".json")
        if sidecar.exists():
            return self._read_sidecar(sidecar), False
        folder.mkdir(parents=True, exist_ok=True)
        _write_atomically(body, response.content)
        raw = RawFile(
            url=response.url,
            fetched_url=response.fetched_url,
            status=response.status,
            retrieved_at=response.retrieved_at,
            sha256=sha,
            content_type=response.content_type,
            size=len(response.content),
            path=body,
        )
        _write_atomically(sidecar, json.dumps(raw.sidecar(), indent=2).encode() + b"\n")
        return raw, True

    def versions(self, url: str) -> list[RawFile]:
        """Every stored version of a URL, oldest first."""
        folder = self.folder(url)
        if not folder.is_dir():
            return []
        found = [self._read_sidecar(p) for p in folder.glob("*.json")]
        return sorted(found, key=lambda raw: raw.retrieved_at)

    def latest(self, url: str) -> RawFile | None:
        versions = self.versions(url)
        return versions[-1] if versions else None

    def read(self, raw: RawFile) -> bytes:
        content = raw.path.read_bytes()
        if hashlib.sha256(content).hexdigest() != raw.sha256:
            raise CorruptRawFileError(raw.url, f"stored file {raw.path} does not match its sha256")
        return content

    def all_files(self) -> Iterator[RawFile]:
        for sidecar in sorted(self.root.rglob("*.json")):
            yield self._read_sidecar(sidecar)

    def _read_sidecar(self, sidecar: Path) -> RawFile:
        record = json.loads(sidecar.read_text())
        return RawFile(
            url=record["url"],
            fetched_url=record["fetched_url"],
            status=int(record["status"]),
            retrieved_at=datetime.fromisoformat(record["retrieved_at"]),
            sha256=record["sha256"],
            content_type=record["content_type"],
            size=int(record["size"]),
            path=sidecar.parent / record["path"],
        )


class ArchiveClient:
    """Answers ``get(url)`` from the raw archive instead of the network: the offline rebuild's client."""

    def __init__(self, archive: RawArchive) -> None:
        self._archive = archive
        self.attempts = 0

    def get(self, url: str) -> Response:
        raw = self._archive.latest(url)
        if raw is None:
            raise NotFoundError(url, "not in the raw archive")
        return Response(
            url=raw.url,
            fetched_url=raw.fetched_url,
            status=raw.status,
            content=self._archive.read(raw),
            content_type=raw.content_type,
            retrieved_at=raw.retrieved_at,
        )

    def close(self) -> None:
        """Nothing to release; present so both clients can be used alike."""


def _write_atomically(path: Path, content: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
