"""What phase 1 keeps of a note: small, picklable, enough for the vault phase and the cache.

Token lists are dropped after phase 1 (they cost about 60 KB a note); these stay.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import Any, NamedTuple

from notecheck.model import Finding, Span, record
from notecheck.note.wikilink import WikiLink


@record
class Heading:
    level: int
    text: str
    line: int
    parents: tuple[str, ...]  # texts of enclosing headings, outermost first


class LinkRef(NamedTuple):
    """One wikilink of a note, as the vault phase reads it. A tuple, built for every link
    of every note in each run (``LinkTable._build``: 27 us for a note's 58 links, their
    spans included; a slots class took 84 us)."""

    link: WikiLink
    span: Span
    source: str  # the link as written in the file


_new_span = partial(tuple.__new__, Span)
_new_ref = partial(tuple.__new__, LinkRef)


class LinkTable:
    """A note's wikilinks as columns: the (shared) WikiLink, the (interned) text as written,
    and the four numbers of its span. A vault holds tens of links a note, and as objects
    (a LinkRef and its Span each) they cost 160 bytes a link more than these columns.

    The vault phase reads them as LinkRef objects, built once per note while it is
    checked (``opened``); anything else that iterates builds them as it goes."""

    __slots__ = ("_open", "links", "places", "sources")

    def __init__(self, links: list[WikiLink] | None = None, sources: list[str] | None = None, places=None) -> None:
        self.links: list[WikiLink] = links if links is not None else []
        self.sources: list[str] = sources if sources is not None else []
        self.places: array = places if places is not None else array("i")  # line, column, end_line, end_column
        self._open: list[LinkRef] | None = None

    def append(self, link: WikiLink, span: Span, source: str) -> None:
        self.links.append(link)
        self.sources.append(source)
        self.places.extend(span)

    def __len__(self) -> int:
        return len(self.links)

    def __iter__(self) -> Iterator[LinkRef]:
        if self._open is not None:
            return iter(self._open)
        return self._build()

    def _build(self) -> Iterator[LinkRef]:
        # tuple.__new__ straight from the zipped columns: no Python-level constructor call
        # (27 us for a note's 58 links, 37 us through _make and the named tuples' __new__).
        spans = map(_new_span, zip(*[iter(self.places)] * 4, strict=True))  # four numbers a span
        return map(_new_ref, zip(self.links, spans, self.sources, strict=True))

    @contextmanager
    def opened(self) -> Iterator[None]:
        """While the vault phase checks this note: the links as objects, built once."""
        self._open = list(self._build())
        try:
            yield
        finally:
            self._open = None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LinkTable):
            return NotImplemented
        return (self.links, self.sources, self.places) == (other.links, other.sources, other.places)

    def __reduce__(self):
        return (_load_links, (self.links, self.sources, self.places))


def _load_links(links: list[WikiLink], sources: list[str], places: array) -> LinkTable:
    """A pickled table, its texts shared again with every other note's (as when parsed)."""
    return LinkTable(links, [sys.intern(source) for source in sources], places)


@record
class Suppression:
    kind: str  # "next-line", "line", "disable", "enable", "file"; "unknown": a directive we do not know
    codes: tuple[str, ...]  # for "unknown": the directive as written
    span: Span
    target_line: int  # for next-line and line: the line it covers


@dataclass
class NoteSummary:
    rel: str  # path relative to the vault root, posix
    readable: bool = True
    front_matter: dict[str, Any] = field(default_factory=dict)
    front_matter_lines: dict[str, int] = field(default_factory=dict)  # key -> line
    front_matter_ok: bool = True  # False when the block could not be read: never fix such a note
    headings: list[Heading] = field(default_factory=list)
    block_ids: set[str] = field(default_factory=set)
    links: LinkTable = field(default_factory=LinkTable)
    citations: int = 0  # how many citations the note has
    # Every valid cited time, flat: seconds, line, column, length of the time as written.
    # An array of ints, not objects: a vault holds hundreds of thousands, and the vault
    # phase reads them only to compare with the video's length (about 20 KB a note as objects).
    cited_times: array = field(default_factory=lambda: array("l"))
    # Anchor citations: (line, column) of the first time shown -> (line, column, length) of its data-t value.
    anchors: dict[tuple[int, int], tuple[int, int, int]] = field(default_factory=dict)
    suppressions: list[Suppression] = field(default_factory=list)
    facts: list[Any] = field(default_factory=list)  # dated facts, from the dates family
    sentences: list[Any] = field(default_factory=list)
    transcript_stamps: tuple[tuple[str, int, int], ...] = ()  # NC207 read these: a change renews the note
    transcript_ends: tuple[tuple[str, float | None], ...] = ()  # end of the last cue of those it read
    findings: list[Finding] = field(default_factory=list)  # phase-1 findings

    @property
    def video_id(self) -> str | None:
        value = self.front_matter.get("videoId")
        return value if isinstance(value, str) else None
