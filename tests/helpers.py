"""Small helpers the tests share: make a vault on disk, run notecheck on it."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from notecheck.model import Finding
from notecheck.runner.run import RunOptions, RunResult, run


def write_vault(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``files`` below ``root``. A name ending in ' (escaped)' holds Python escapes for raw bytes."""
    (root / ".obsidian").mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        if name.endswith(" (escaped)"):
            name = name.removesuffix(" (escaped)")
            content = codecs.decode(str(content), "unicode_escape").encode("latin-1")
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return root


def check(root: Path, *paths: str, **options: object) -> RunResult:
    """Run notecheck with ``root`` as the current directory and the vault root."""
    previous = Path.cwd()
    os.chdir(root)
    try:
        targets = [Path(p) for p in paths] or [Path(".")]
        options.setdefault("vault", root)
        return run(RunOptions(paths=targets, **options))  # type: ignore[arg-type]
    finally:
        os.chdir(previous)


def places(findings: list[Finding], code: str | None = None) -> list[tuple[str, int, int, str]]:
    return [(f.path, f.span.line, f.span.column, f.code) for f in findings if code is None or f.code == code]
