"""The parts of a wikilink, as Obsidian reads them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from notecheck.model import fast_pickle

_PIPE = re.compile(r"\\?\|")


@fast_pickle
@dataclass(frozen=True, slots=True)
class WikiLink:
    raw_target: str  # the text before '#' and '|', unstripped
    target: str  # stripped; '' for a link into the same note
    anchor: str | None  # text after the first '#', stripped (None when absent)
    alias: str | None  # text after the first pipe (unstripped), None when absent
    embed: bool

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


def parse_wikilink(inner: str, embed: bool = False) -> WikiLink:
    """Split the text between ``[[`` and ``]]`` (an escaped ``\\|`` counts as the pipe)."""
    parts = _PIPE.split(inner, maxsplit=1)
    head = parts[0]
    alias = parts[1] if len(parts) > 1 else None
    target, hash_, anchor = head.partition("#")
    return WikiLink(
        raw_target=target,
        target=target.strip(),
        anchor=anchor.strip() if hash_ else None,
        alias=alias,
        embed=embed,
    )
