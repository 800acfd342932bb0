"""The vault: which files exist, how a link target resolves (as Obsidian does), and
access to other notes' summaries for the vault phase, through the reader the runner
hands it when it builds the vault."""

from __future__ import annotations

import posixpath
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from notecheck.config import Config
from notecheck.note.summary import NoteSummary

if TYPE_CHECKING:
    from notecheck.vault.metadata import MetadataIndex

T = TypeVar("T")


class NoteReader(Protocol):
    """How the vault phase learns about notes no one parsed yet: the runner answers from
    its cache, or by parsing (a run over a few notes links to others)."""

    def summary(self, rel: str) -> NoteSummary | None:
        """The phase-1 summary of a note of the vault (None: not a note, or unreadable)."""

    def video_id(self, rel: str) -> str | None:
        """A note's videoId, without a whole parse where possible."""


class TranscriptEnds(Protocol):
    """Where the end of each transcript is kept between runs (the runner's cache)."""

    def transcript_end(self, rel: str, stat: Any) -> tuple[bool, float | None]: ...

    def store_transcript_end(self, rel: str, stat: Any, end: float | None) -> None: ...


@dataclass(frozen=True)
class Resolution:
    """Where a link target leads. ``path`` is None when it is broken."""

    path: str | None
    candidates: tuple[str, ...] = ()  # every file the name matches (more than one: ambiguous)
    exact_case: bool = True
    outside: bool = False  # the target tried to leave the vault


def _fold(text: str) -> str:
    """Case and Unicode composition folded, as Obsidian compares names."""
    return unicodedata.normalize("NFC", text).lower() if not text.isascii() else text.lower()


def _same(rel: str, path: str, composed: str) -> bool:
    """Whether ``rel`` is ``path`` (or ends with it), case kept, composition ignored."""
    if rel == path or rel.endswith("/" + path):
        return True
    if rel.isascii():
        return False
    rel = unicodedata.normalize("NFC", rel)
    return rel == composed or rel.endswith("/" + composed)


def note_name(rel: str) -> str:
    """A note's link name: its file name without ``.md``."""
    name = rel.rsplit("/", 1)[-1]
    return name[:-3] if name.lower().endswith(".md") else name


@dataclass
class Vault:
    root: Path
    config: Config
    files: list[str]  # every non-hidden file, relative posix paths
    reader: NoteReader | None = None  # None: a note not remembered has no summary
    transcript_ends: TranscriptEnds | None = None
    _summaries: dict[str, NoteSummary | None] = field(default_factory=dict)
    _built: dict[Callable[..., Any], Any] = field(default_factory=dict)  # ``once``
    _resolved: dict[tuple[str, str], Resolution] = field(default_factory=dict)  # relative targets
    # The vault phase asks this for every link of every note, once per link rule (190,000
    # times per 1,000 notes): one lookup by the target's text for the targets that do not
    # depend on the note's folder.
    _by_target: dict[str, Resolution] = field(default_factory=dict)

    def video_id(self, rel: str) -> str | None:
        """A note's videoId: from its summary when parsed, else the reader's (which may
        answer from its cache without parsing)."""
        if rel in self._summaries or self.reader is None:
            summary = self.summary(rel)
            return summary.video_id if summary else None
        return self.reader.video_id(rel)

    def once(self, build: Callable[[Vault], T]) -> T:
        """What ``build`` makes of this vault, made once a run: the indexes a family's
        rules share (names for did-you-mean, timelines), each kept by its own builder."""
        if build not in self._built:
            self._built[build] = build(self)
        return self._built[build]

    @cached_property
    def metadata(self) -> MetadataIndex:
        """The vault's info.json files and transcripts, by video id, read lazily."""
        from notecheck.vault.metadata import MetadataIndex

        return MetadataIndex(self)

    @cached_property
    def by_name(self) -> dict[str, list[str]]:
        """Lower-case file name (with extension), Unicode composed (NFC) → paths: a vault
        synced from macOS has decomposed (NFD) file names, and Obsidian resolves them."""
        index: dict[str, list[str]] = defaultdict(list)
        for rel in self.files:
            index[_fold(rel.rsplit("/", 1)[-1])].append(rel)
        return index

    @cached_property
    def videos(self) -> dict[str, list[str]]:
        """videoId -> the notes of that video, once a run (NC208 and NC308 read it)."""
        found: dict[str, list[str]] = {}
        for rel in self.notes:
            video_id = self.video_id(rel)
            if video_id:
                found.setdefault(video_id, []).append(rel)
        return found

    @cached_property
    def notes(self) -> list[str]:
        return [rel for rel in self.files if rel.lower().endswith(".md")]

    @cached_property
    def exact(self) -> set[str]:
        return set(self.files)

    def summary(self, rel: str) -> NoteSummary | None:
        """The phase-1 summary of a note, parsed on first use."""
        if rel not in self._summaries:
            self._summaries[rel] = self.reader.summary(rel) if self.reader is not None else None
        return self._summaries[rel]

    def linked_note(self, target: str, from_rel: str) -> str | None:
        """The note a link target leads to; None for a broken link or an attachment. What
        the rules that read linked notes follow, and what the early vault phase waits for."""
        path = self.resolve(target, from_rel).path
        return path if path is not None and path.lower().endswith(".md") else None

    def parsed(self, rel: str) -> bool:
        """Whether ``summary(rel)`` answers without parsing."""
        return rel in self._summaries

    def remember(self, summary: NoteSummary) -> None:
        self._summaries[summary.rel] = summary

    def resolve(self, target: str, from_rel: str) -> Resolution:
        """Resolve a wikilink target the way Obsidian does; never leaves the vault."""
        found = self._by_target.get(target)  # most targets lead to the same file from every note
        if found is not None:
            return found
        if not target:
            return Resolution(from_rel)
        if not target.replace("\\", "/").startswith(("./", "../")):
            found = self._by_target[target] = self._resolve(target, from_rel)
            return found
        key = (target, posixpath.dirname(from_rel))  # relative: from the note's folder
        cache = self._resolved
        if key not in cache:
            cache[key] = self._resolve(target, from_rel)
        return cache[key]

    def _resolve(self, target: str, from_rel: str) -> Resolution:
        path = target.replace("\\", "/")
        if path.startswith(("./", "../")):
            joined = posixpath.normpath(posixpath.join(posixpath.dirname(from_rel), path))
            if joined.startswith("../") or joined == "..":
                return Resolution(None, outside=True)
            path = joined
        path = path.lstrip("/")
        if posixpath.normpath(path).startswith("..") or not path:
            return Resolution(None, outside=True)
        for attempt in (path + ".md", path):
            found = self._lookup(attempt)
            if found.path:
                return found
        return Resolution(None)

    def _lookup(self, path: str) -> Resolution:
        name = _fold(path.rsplit("/", 1)[-1])
        lowered = _fold(path)
        matches = [
            rel for rel in self.by_name.get(name, ()) if _fold(rel) == lowered or _fold(rel).endswith("/" + lowered)
        ]
        if not matches:
            return Resolution(None)
        composed = unicodedata.normalize("NFC", path)
        exact = [rel for rel in matches if _same(rel, path, composed)]
        chosen = self._prefer(exact or matches, path)
        return Resolution(chosen, tuple(matches), exact_case=bool(exact))

    @staticmethod
    def _prefer(matches: list[str], path: str) -> str:
        """Obsidian takes the file at exactly that path first, else the shortest path."""
        for rel in matches:
            if rel.lower() in (path.lower(), path.lower()):
                return rel
        return min(matches, key=lambda rel: (rel.count("/"), rel))
