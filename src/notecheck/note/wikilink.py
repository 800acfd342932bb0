"""The parts of a wikilink, as Obsidian reads them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

_PIPE = re.compile(r"\\?\|")


@dataclass(frozen=True, slots=True)
class WikiLink:
    target: str  # stripped; '' for a link into the same note
    anchor: str | None  # text after the first '#', stripped (None when absent)
    alias: str | None  # text after the first pipe (unstripped), None when absent
    embed: bool

    def __reduce__(self) -> tuple[object, tuple[str, str | None, str | None, bool]]:
        """Unpickled through ``link``, so that a worker's links are shared again."""
        return link, (self.target, self.anchor, self.alias, self.embed)

    @property
    def block_id(self) -> str | None:
        if self.anchor is not None and self.anchor.startswith("^"):
            return self.anchor[1:]
        return None

    @property
    def headings(self) -> list[str]:
        """The heading path of ``[[note#A#B]]``; empty for block references."""
        if self.anchor is None or self.anchor.startswith("^"):
            return []
        return [part.strip() for part in self.anchor.split("#") if part.strip()]


@cache
def link(target: str, anchor: str | None, alias: str | None, embed: bool) -> WikiLink:
    """One WikiLink per distinct link per process (also when a pickled one is rebuilt): a
    vault's notes link to the same few hundred notes tens of thousands of times."""
    return WikiLink(target, anchor, alias, embed)


def parse_wikilink(inner: str, embed: bool = False) -> WikiLink:
    """Split the text between ``[[`` and ``]]`` (an escaped ``\\|`` counts as the pipe)."""
    parts = _PIPE.split(inner, maxsplit=1)
    head = parts[0]
    alias = parts[1] if len(parts) > 1 else None
    target, hash_, anchor = head.partition("#")
    return link(target.strip(), anchor.strip() if hash_ else None, alias, embed)
