"""``notecheck --watch``: check, then check again on every change in the vault, printing
only what changed since the last run (the cache keeps the unchanged notes warm).

Changes come from watchfiles (the ``watch`` extra) where it is installed, else from
polling the vault's files once a second with the standard library. Ctrl-C ends it."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from notecheck.model import Finding

POLL_SECONDS = 1.0
SKIPPED = (".git", ".notecheck_cache", ".obsidian", ".trash", "node_modules")


def _key(f: Finding) -> tuple[object, ...]:
    return (f.path, f.span, f.code, f.message)


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """(size, mtime) of every file below ``root`` but the folders that never hold notes."""
    state = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [name for name in dirs if name not in SKIPPED]
        for name in files:
            path = os.path.join(folder, name)
            try:
                info = os.stat(path)
            except OSError:
                continue
            state[path] = (info.st_size, info.st_mtime_ns)
    return state


def poll_changes(root: Path, seconds: float = POLL_SECONDS) -> Iterator[set[str]]:
    """The files that changed, were created or were deleted, once per change."""
    before = snapshot(root)
    while True:
        time.sleep(seconds)
        after = snapshot(root)
        changed = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
        before = after
        if changed:
            yield changed


def watch_changes(root: Path) -> Iterator[set[str]]:
    try:
        import watchfiles
    except ImportError:
        yield from poll_changes(root)
        return

    def wanted(_change: object, path: str) -> bool:
        return not any(part in SKIPPED for part in Path(path).parts)

    for changes in watchfiles.watch(root, watch_filter=wanted, debounce=200, raise_interrupt=False):
        yield {path for _, path in changes}


def watch(
    check_once: Callable[[], tuple[list[Finding], str]],
    root: Path,
    line_of: Callable[[Finding], str],
    out: TextIO = sys.stdout,
    changes: Callable[[Path], Iterator[set[str]]] = watch_changes,
) -> int:
    """Run ``check_once`` now and after each change; print the whole report first, then
    the findings that appeared (``+``) and went (``-``), and a count."""
    findings, summary = check_once()
    for finding in findings:
        out.write(line_of(finding) + "\n")
    out.write(f"{summary}\nWatching {root} for changes (Ctrl-C ends it).\n")
    out.flush()
    known = {_key(f): f for f in findings}
    try:
        for _ in changes(root):
            findings, summary = check_once()
            now = {_key(f): f for f in findings}
            gone = [f for key, f in known.items() if key not in now]
            new = [f for key, f in now.items() if key not in known]
            stamp = time.strftime("%H:%M:%S")
            for finding in gone:
                out.write(f"- {line_of(finding)}\n")
            for finding in new:
                out.write(f"+ {line_of(finding)}\n")
            out.write(f"[{stamp}] {len(new)} new, {len(gone)} gone. {summary}\n")
            out.flush()
            known = now
    except KeyboardInterrupt:
        pass
    return 0
