"""A progress bar on stderr for long runs on a terminal; nothing anywhere else."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

SHOW_FROM = 300  # notes


def wanted(requested: bool, total: int) -> bool:
    """Only on a terminal, never in CI or under pre-commit, and only for a long run."""
    if not requested or total < SHOW_FROM or not sys.stderr.isatty():
        return False
    return not any(os.environ.get(name) for name in ("CI", "PRE_COMMIT", "NO_PROGRESS"))


@contextmanager
def progress_bar(total: int, requested: bool) -> Iterator[Callable[[int], None] | None]:
    if not wanted(requested, total):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("notecheck"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, transient=True, console=Console(stderr=True)) as bar:
        task = bar.add_task("checking", total=total)
        yield lambda steps: bar.advance(task, steps)
