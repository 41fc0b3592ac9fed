"""Publish a finished build: swap it atomically onto ``data/warehouse.duckdb``.

Readers hold read-only connections for hours; they keep the snapshot they opened until they reconnect, and a
reader opening during the swap gets the old file or the new one, never a mix. The previous file is kept for
rollback.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from warehouse.errors import PublishError
from warehouse.settings import Settings


def publish(build_path: Path, settings: Settings) -> Path:
    target = settings.warehouse_path
    wal = build_path.with_name(build_path.name + ".wal")
    if wal.exists():
        raise PublishError(f"{build_path} still has a write-ahead log; it was not checkpointed and closed")
    _fsync(build_path)
    if target.exists():
        partial = settings.previous_warehouse_path.with_suffix(".partial")
        shutil.copyfile(target, partial)
        os.replace(partial, settings.previous_warehouse_path)  # a crash never leaves a truncated rollback
    # A .wal beside the published name would be replayed into the new file by the next opener.
    target.with_name(target.name + ".wal").unlink(missing_ok=True)
    os.replace(build_path, target)
    _fsync_dir(target.parent)
    return target


def rollback(settings: Settings) -> Path:
    """Serve the previous file again; the one it replaces becomes the previous (a second rollback redoes).

    Both moves are copies swapped in with ``os.replace``, so ``warehouse.duckdb`` exists at every instant.
    Call while holding the writer lock.
    """
    target, previous = settings.warehouse_path, settings.previous_warehouse_path
    if not previous.exists():
        raise PublishError(f"no previous warehouse to roll back to ({previous} does not exist)")
    incoming = target.with_suffix(".rollback.partial")
    outgoing = previous.with_suffix(".partial")
    shutil.copyfile(previous, incoming)
    _fsync(incoming)
    if target.exists():
        shutil.copyfile(target, outgoing)
    target.with_name(target.name + ".wal").unlink(missing_ok=True)
    os.replace(incoming, target)
    if outgoing.exists():
        os.replace(outgoing, previous)
    _fsync_dir(target.parent)
    return target


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
