"""One writer at a time: an OS file lock on ``data/warehouse.lock`` held for the whole run.

``flock`` belongs to the open file description, so the kernel releases it when the holder exits, however it
exits (SIGKILL included): a lock can never outlive its writer. What can outlive it is the lock *file* and its
note of who held it — so a waiting writer reports the holder's pid, host and run, and a writer that finds the
note of a process that no longer exists says it is taking over a stale lock. Readers never take it: they open
the published file read-only, which the writer never opens for writing.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from warehouse.errors import GaccError


class WriterLockedError(GaccError):
    """Another writer holds the warehouse lock and did not release it in time."""


def _holder(path: Path) -> dict[str, object]:
    try:
        return json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}


def _alive(pid: object) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def is_stale(note: dict[str, object]) -> bool:
    """The note names a process on this host that no longer exists."""
    return bool(note) and note.get("host") == socket.gethostname() and not _alive(note.get("pid"))


@contextmanager
def writer_lock(lock_path: Path, *, run_id: str, timeout_s: float = 600.0) -> Iterator[dict[str, object]]:
    """Hold the exclusive writer lock; wait up to ``timeout_s`` for a live holder, then raise."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(lock_path, "a+", encoding="utf-8")  # noqa: SIM115 — held for the whole block
    deadline = time.monotonic() + timeout_s
    try:
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WriterLockedError(
                        f"{lock_path} is held by {_holder(lock_path) or 'an unknown writer'} "
                        f"(waited {timeout_s:.0f} s)"
                    ) from None
                time.sleep(0.05)
        previous = _holder(lock_path)
        note = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "run_id": run_id,
            "since": datetime.now(UTC).isoformat(),
            "took_over_stale": previous if is_stale(previous) else None,
        }
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps(note))
        handle.flush()
        try:
            yield note
        finally:
            handle.seek(0)
            handle.truncate()
            handle.flush()
    finally:
        handle.close()  # releases the flock
