"""Applying fixes without losing a byte: only the edits' text changes, line endings,
BOM, encoding and file mode stay, and files are replaced atomically."""

from __future__ import annotations

import contextlib
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
    """New text with every fix whose edits overlap no earlier fix; and how many were applied."""
    text, applied = apply_fixes_listed(source, fixes)
    return text, len(applied)


def apply_fixes_listed(source: Source, fixes: list[Fix]) -> tuple[str, list[Fix]]:
    """New text with every fix whose edits overlap no earlier fix; and the fixes applied.

    Overlapping fixes wait for the next pass (the caller re-checks and fixes again).
    """
    text = source.text
    planned: list[tuple[int, int, str]] = []
    applied: list[Fix] = []
    for fix in sorted(fixes, key=lambda f: min((e.span.line, e.span.column) for e in f.edits)):
        ranges = []
        for edit in fix.edits:
            start = source.offset(edit.span.line, edit.span.column)
            end = source.offset(edit.span.end_line, edit.span.end_column)
            ranges.append((start, end, edit.content))
        if any((s < pe and ps < e) or s == ps for s, e, _ in ranges for ps, pe, _ in planned):
            continue
        planned.extend(ranges)
        applied.append(fix)
    for start, end, content in sorted(planned, reverse=True):
        text = text[:start] + content + text[end:]
    return text, applied


def _write_in_place(path: Path, original: bytes, data: bytes) -> None:
    """Rewrite a file with several hard links in place, so that every name sees the fix
    (not atomic: a crash mid-write could cut it short, which is why other files are replaced)."""
    with path.open("r+b") as stream:
        if stream.read() != original:
            raise FileChanged(f"{path} changed on disk while notecheck was fixing it; not written")
        stream.seek(0)
        stream.write(data)
        stream.truncate()
        stream.flush()
        os.fsync(stream.fileno())


def body_fixes(source: Source, fixes: list[Fix]) -> list[Fix]:
    """The fixes that edit nothing of the front matter block (for when the others broke it)."""
    from notecheck.note.frontmatter import parse_front_matter

    end = parse_front_matter(source.lines).end_line
    return [fix for fix in fixes if all(edit.span.line > end for edit in fix.edits)]


def write_atomically(path: Path, original: bytes, text: str, bom: bool) -> None:
    """Replace ``path`` with ``text`` unless the file changed since ``original`` was read."""
    data = encode(text, bom)
    if data == original:
        return
    if path.read_bytes() != original:
        raise FileChanged(f"{path} changed on disk while notecheck was fixing it; not written")
    info = path.stat()
    mode = info.st_mode & 0o7777
    real = Path(os.path.realpath(path))
    if info.st_nlink > 1:  # a file with other names: replacing it would leave them the old text (DL-4)
        _write_in_place(real, original, data)
        return
    handle, temp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".notecheck-tmp", dir=real.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, mode)
        if hasattr(os, "chown") and (info.st_uid, info.st_gid) != (os.getuid(), os.getgid()):
            # Keep the owner (as root, say, in a CI container over a mounted repository); an
            # ordinary user cannot give a file away: it becomes theirs, as with an editor.
            with contextlib.suppress(PermissionError):
                os.chown(temp, info.st_uid, info.st_gid)
        if real.read_bytes() != original:
            raise FileChanged(f"{path} changed on disk while notecheck was fixing it; not written")
        os.replace(temp, real)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
