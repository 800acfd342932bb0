"""What phase 1 keeps of a note: small, picklable, enough for the vault phase and the cache.

Token lists are dropped after phase 1 (they cost about 60 KB a note); these stay.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import Any

from notecheck.model import Finding, Span, record
from notecheck.wikilink import WikiLink


@record
class Heading:
    level: int
    text: str
    line: int
    parents: tuple[str, ...]  # texts of enclosing headings, outermost first


@record
class LinkRef:
    link: WikiLink
    span: Span
    source: str  # the link as written in the file
    in_table: bool = False
    in_front_matter: bool = False
    sentence: int | None = None  # index into NoteSummary.sentences


@record
class Suppression:
    kind: str  # "next-line", "disable", "enable", "file"
    codes: tuple[str, ...]
    span: Span
    target_line: int  # for next-line: the line it covers


@dataclass
class NoteSummary:
    rel: str  # path relative to the vault root, posix
    readable: bool = True
    front_matter: dict[str, Any] = field(default_factory=dict)
    front_matter_present: bool = False
    front_matter_lines: dict[str, int] = field(default_factory=dict)  # key -> line
    front_matter_end: int = 0
    front_matter_ok: bool = True  # False when the block could not be read: never fix such a note
    headings: list[Heading] = field(default_factory=list)
    block_ids: set[str] = field(default_factory=set)
    links: list[LinkRef] = field(default_factory=list)
    citations: int = 0  # how many citations the note has
    # Every valid cited time, flat: seconds, line, column, length of the time as written.
    # An array of ints, not objects: a vault holds hundreds of thousands, and the vault
    # phase reads them only to compare with the video's length (about 20 KB a note as objects).
    cited_times: array = field(default_factory=lambda: array("l"))
    suppressions: list[Suppression] = field(default_factory=list)
    facts: list[Any] = field(default_factory=list)  # dated facts, from the dates family
    sentences: list[Any] = field(default_factory=list)
    transcript_stamps: tuple[tuple[str, int, int], ...] = ()  # NC207 read these: a change renews the note
    transcript_ends: tuple[tuple[str, float | None], ...] = ()  # end of the last cue of those it read
    findings: list[Finding] = field(default_factory=list)  # phase-1 findings
    line_count: int = 0

    @property
    def video_id(self) -> str | None:
        value = self.front_matter.get("videoId")
        return value if isinstance(value, str) else None
