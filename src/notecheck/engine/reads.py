"""What a rule reads, declared once per rule (``Rule.reads``).

The runner derives everything that depends on a rule's inputs from this declaration and
from nothing else: whether the rule may run in the early vault phase (all its inputs are
known once the note and the notes it links to are parsed), what phase 1 gathers for it
(an ``Extraction``), what a note's cached parse depends on (the extractions' names, and
transcripts when an extraction reads them), and which files the run memo stats besides
the vault's walk (``Input.watched``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from markdown_it.token import Token

    from notecheck.engine.context import NoteContext
    from notecheck.note.positions import InlineMap
    from notecheck.note.prose import Prose, Sentence


@dataclass(frozen=True)
class Input:
    """One kind of thing a rule reads."""

    name: str
    doc: str
    early: bool = True  # known as soon as the note and the notes it links to are parsed

    def present(self, files: list[str]) -> bool:
        """Whether a vault of these files holds any of it (none: the input is not read)."""
        return True

    def watched(self, root: Path) -> Iterator[str]:
        """Files outside the vault's walk (hidden folders) that a replayed run depends on."""
        return iter(())


NOTE = Input("note", "the note itself: its text and front matter")
LINKED_NOTES = Input("linked-notes", "the notes its links lead to: their headings, blocks and front matter")
FILE_NAMES = Input("file-names", "the names of the vault's files (hidden folders left out)")
VIDEO_METADATA = Input("video-metadata", "its video's yt-dlp info.json files")
TRANSCRIPTS = Input("transcripts", "its video's transcript files")
EVERY_NOTE = Input("every-note", "every note of the vault (which notes share a videoId, how links are written)", False)


@dataclass(frozen=True)
class Folder(Input):
    """The files of a folder that the vault's walk leaves out (a hidden one, ``.trash``):
    a rule that reads them declares it, and the run memo stats them."""

    path: str = ""
    limit: int = 100_000  # files listed at most: a huge folder never stalls a run

    def files(self, root: Path) -> list[str]:
        """The regular files under the folder, as vault-relative posix paths, sorted."""
        found: list[str] = []
        top = root / self.path
        if top.is_symlink() or not top.is_dir():
            return found
        for folder, dirs, names in os.walk(top):  # symbolic links to folders are not followed
            dirs.sort()
            for name in sorted(names):
                path = os.path.join(folder, name)
                if os.path.isfile(path) and not os.path.islink(path):
                    found.append(Path(path).relative_to(root).as_posix())
                    if len(found) >= self.limit:
                        return found
        return found

    def watched(self, root: Path) -> Iterator[str]:
        yield self.path + "/"  # the folder itself: removing it, or its last file, is a change
        yield from self.files(root)


class Gatherer(Protocol):
    """What a family gathers from a note's paragraphs while phase 1 walks it."""

    splits: bool  # whether it reads the paragraph's sentences whenever it wants a paragraph

    def section(self) -> None:
        """A heading starts a new section."""

    def wants(self, token: Token) -> bool:
        """A cheap test of an inline token of a paragraph, before anything is split."""

    def paragraph(self, paragraph: Paragraph) -> None:
        """A paragraph it wants."""

    def finish(self) -> Any:
        """The walk is over: what it gathered (``NoteContext.extracted``)."""


@dataclass(frozen=True)
class Extraction(Input):
    """Something phase 1 gathers for a family's rules (dated facts, cited claims): it is
    gathered only when an enabled rule reads it, and a note's cached parse is keyed by
    which extractions it holds."""

    gatherer: Callable[[NoteContext], Gatherer] | None = None
    only_with: tuple[str, ...] = ()  # file suffixes: gathered only in a vault holding such a file
    with_transcripts: bool = False  # phase 1 hands the note its video's transcripts

    def present(self, files: list[str]) -> bool:
        return not self.only_with or any(rel.lower().endswith(self.only_with) for rel in files)


class Paragraph:
    """One paragraph's inline token, with its prose and sentences worked out once for
    every gatherer that wants them."""

    def __init__(self, token: Token, mapper: InlineMap) -> None:
        self.token = token
        self.mapper = mapper

    @cached_property
    def prose(self) -> Prose:
        from notecheck.note.prose import masked_prose

        return masked_prose(self.token)

    @cached_property
    def sentences(self) -> list[Sentence]:
        from notecheck.note.prose import sentences_of

        return sentences_of(*self.prose)

    @property
    def split(self) -> list[Sentence] | None:
        """The sentences if some gatherer split the paragraph already, else None."""
        return self.__dict__.get("sentences")


def runs_early(reads: frozenset[Input]) -> bool:
    """Whether a rule with these inputs may run as soon as the note and the notes it
    links to are parsed."""
    return all(read.early for read in reads)
