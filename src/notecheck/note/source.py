"""Reading a note's bytes into text without losing what ``--fix`` must give back.

A note is read once. We keep the decoded text with its original line endings (for
fixes) and a list of lines split the way markdown-it splits them (for positions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from notecheck.model import Span

BOM = "\ufeff"
_NEWLINE = re.compile(r"\r\n|\r|\n")


class UnreadableNote(Exception):
    """The file is not text notecheck can check; the message says why."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


@dataclass
class Source:
    """One note's text, with maps between (line, column) and offsets."""

    text: str
    bom: bool = False
    lines: list[str] = field(init=False)
    line_starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.lines = []
        self.line_starts = [0]
        start = 0
        for match in _NEWLINE.finditer(self.text):
            self.lines.append(self.text[start : match.start()])
            start = match.end()
            self.line_starts.append(start)
        self.lines.append(self.text[start:])

    def offset(self, line: int, column: int) -> int:
        """Offset in ``text`` of a 1-based line and column."""
        return self.line_starts[line - 1] + column - 1

    def slice(self, span: Span) -> str:
        return self.text[self.offset(span.line, span.column) : self.offset(span.end_line, span.end_column)]


def decode(raw: bytes) -> Source:
    """Decode a note's bytes as UTF-8, or raise UnreadableNote with a clear reason."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableNote("file is UTF-16; notes must be UTF-8")
    if b"\x00" in raw:
        raise UnreadableNote("file contains NUL bytes; it is binary, not a Markdown note")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise UnreadableNote(
            f"file is not valid UTF-8 (byte 0x{raw[err.start]:02x} at offset {err.start})", line
        ) from None
    bom = text.startswith(BOM)
    return Source(text[1:] if bom else text, bom=bom)


def read_bytes(path: Path) -> bytes:
    """Read a note's bytes; OS errors become UnreadableNote."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableNote("file disappeared before it could be read") from None
    except IsADirectoryError:
        raise UnreadableNote("is a directory, not a note") from None
    except PermissionError:
        raise UnreadableNote("permission denied") from None
    except OSError as err:
        raise UnreadableNote(f"cannot read file: {err.strerror or err}") from None
    return raw


def encode(source_text: str, bom: bool) -> bytes:
    return ((BOM if bom else "") + source_text).encode("utf-8")


def read_regular_file(path: Path, limit: int, root: Path | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes: a FIFO or a device is never
    opened for reading (it would block or never end), a larger file is refused, and with
    ``root`` a symbolic link that leaves that folder is not followed. OSError (with a
    message that names the reason) otherwise. Every file of the vault is read through it."""
    import stat as stat_module

    if root is not None and path.is_symlink() and not path.resolve().is_relative_to(root.resolve()):
        raise OSError(f"{path.name} is a symbolic link to a file outside the vault; not read")
    info = path.stat()
    if not stat_module.S_ISREG(info.st_mode):
        raise OSError(f"{path.name} is not a regular file")
    if info.st_size > limit:
        raise OSError(f"{path.name} is larger than {limit:,} bytes")
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise OSError(f"{path.name} is larger than {limit:,} bytes")
    return data
