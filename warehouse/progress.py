"""Progress of a long run (a backfill), reported to whoever is watching — or to no one.

Deep code (the fetch loop, the parse loop) calls ``progress().stage(...)`` and ``.advance()``; the ``gacc``
command installs a progress bar for the duration of a run with ``reporting_to``. Under a scheduler nobody
watches, and the default reporter does nothing. A context variable rather than a parameter, because the
reporter is a terminal concern that must not travel through Prefect's task parameters.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol


class Reporter(Protocol):
    def stage(self, name: str, total: int) -> None:
        """A new stage of ``total`` steps begins."""

    def advance(self, steps: int = 1) -> None:
        """Steps of the current stage are done."""


class _Silent:
    def stage(self, name: str, total: int) -> None:
        """Nobody is watching."""

    def advance(self, steps: int = 1) -> None:
        """Nobody is watching."""


_SILENT = _Silent()
_current: ContextVar[Reporter | None] = ContextVar("gacc_progress", default=None)


def progress() -> Reporter:
    return _current.get() or _SILENT


@contextmanager
def reporting_to(reporter: Reporter) -> Iterator[Reporter]:
    token = _current.set(reporter)
    try:
        yield reporter
    finally:
        _current.reset(token)


@contextmanager
def silenced() -> Iterator[None]:
    """Work nobody needs to watch (re-reading the raw archive), kept off the caller's progress bar."""
    token = _current.set(_SILENT)
    try:
        yield
    finally:
        _current.reset(token)
