"""Applying fixes without losing a byte: only the edits' text changes, line endings,
BOM, encoding and file mode stay, and files are replaced atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from notecheck.model import Finding, Fix
from notecheck.note.source import Source, encode


class FileChanged(Exception):
    """The file changed on disk after we read it; we refuse to overwrite it."""


def applicable(findings: list[Finding], unsafe: bool) -> list[Fix]:
    return [f.fix for f in findings if f.fix and (f.fix.applicability == "safe" or unsafe)]


def apply_fixes(source: Source, fixes: list[Fix]) -> tuple[str, int]:
    """New text with every fix whose edits overlap no earlier fix; and how many were applied.

    Overlapping fixes wait for the next pass (the caller re-checks and fixes again).
    """
    text = source.text
    planned: list[tuple[int, int, str]] = []
    applied = 0
    for fix in sorted(fixes, key=lambda f: min((e.span.line, e.span.column) for e in f.edits)):
        ranges = []
        for edit in fix.edits:
            start = source.offset(edit.span.line, edit.span.column)
            end = source.offset(edit.span.end_line, edit.span.end_column)
            ranges.append((start, end, edit.content))
        if any((s < pe and ps < e) or s == ps for s, e, _ in ranges for ps, pe, _ in planned):
            continue
        planned.extend(ranges)
        applied += 1
    for start, end, content in sorted(planned, reverse=True):
        text = text[:start] + content + text[end:]
    return text, applied


def write_atomically(path: Path, original: bytes, text: str, bom: bool) -> None:
    """Replace ``path`` with ``text`` unless the file changed since ``original`` was read."""
    data = encode(text, bom)
    if data == original:
        return
    if path.read_bytes() != original:
        raise FileChanged(f"{path} changed on disk while notecheck was fixing it; not written")
    mode = path.stat().st_mode & 0o7777
    real = Path(os.path.realpath(path))
    handle, temp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".notecheck-tmp", dir=real.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, mode)
        if real.read_bytes() != original:
            raise FileChanged(f"{path} changed on disk while notecheck was fixing it; not written")
        os.replace(temp, real)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
