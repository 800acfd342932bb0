"""Citations checked against the transcript (NC207): is the claim said near the cited time?"""

from __future__ import annotations

import bisect
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

from notecheck.citation import format_time
from notecheck.metadata import TRANSCRIPT_SUFFIXES, MetadataIndex
from notecheck.model import Span
from notecheck.numbers import spoken_values
from notecheck.registry import Option, Rule, register
from notecheck.transcripts import Cue

if TYPE_CHECKING:
    from notecheck.context import VaultReporter
    from notecheck.summary import NoteSummary
    from notecheck.vault import Vault


def _window(value: object) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
        and value[0] <= 0 <= value[1]
    )


class Transcript:
    """One transcript, read once per run: each cue's spoken values and words, by time."""

    def __init__(self, cues: list[Cue], rel: str = "", problem: tuple[int, str] | None = None) -> None:
        self.cues = sorted(cues, key=lambda cue: cue.start)
        self.rel = rel
        self.problem = problem
        self.starts = [cue.start for cue in self.cues]
        self.longest = max((cue.end - cue.start for cue in self.cues), default=0.0)
        self._values: list[set[float] | None] = [None] * len(self.cues)  # read when a claim asks
        self._names: dict[str, bool] = {}
        self._windows: dict[tuple[float, float], set[float]] = {}

    def _values_of(self, index: int) -> set[float]:
        values = self._values[index]
        if values is None:
            values = self._values[index] = spoken_values(self.cues[index].text)
        return values

    @cached_property
    def words(self) -> set[str]:
        return {_stem(word) for word in {word for cue in self.cues for word in cue.text.lower().split()}}

    @cached_property
    def prefixes(self) -> set[str]:
        return {word[:5] for word in self.words if len(word) >= 5}

    def values_between(self, start: float, end: float) -> set[float]:
        if (start, end) in self._windows:  # the claims of one sentence share their windows
            return self._windows[start, end]
        found: set[float] = set()
        self._windows[start, end] = found
        first = bisect.bisect_left(self.starts, start - self.longest)
        last = bisect.bisect_right(self.starts, end)
        for index in range(first, last):
            if self.cues[index].end >= start:
                found |= self._values_of(index)
        return found

    def first_saying(self, value: float) -> Cue | None:
        for index, cue in enumerate(self.cues):
            if value in self._values_of(index):
                return cue
        return None

    def says_name(self, name: str) -> bool:
        """Said as written, or close to it: automatic captions misspell names ("bibalov")."""
        said = self._names.get(name)  # by the name as written first: a note repeats its names
        if said is None:
            said = self._names[name] = self._says(_stem(name.lower()))
        return said

    def _says(self, stem: str) -> bool:
        from rapidfuzz import fuzz, process

        if stem in self.words or (len(stem) >= 5 and stem[:5] in self.prefixes):
            return True
        candidates = [word for word in self.words if word[:1] == stem[:1]]
        return process.extractOne(stem, candidates, scorer=fuzz.ratio, score_cutoff=80) is not None


def _stem(word: str) -> str:
    word = word.strip(".,;:!?\"'()[]—–-")
    for suffix in ("'s", "’s", "s'"):
        if word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@register
class UnsupportedCitation(Rule):
    code = "NC207"
    name = "unsupported-citation"
    summary = "A cited sentence whose number, year or name is not said near the cited time of the transcript."
    severity = "warning"
    family = "citations"
    needs = frozenset({"claims"})
    options: ClassVar[dict[str, Option]] = {
        "window": Option(
            [-15, 45],
            _window,
            "[seconds before, seconds after], e.g. [-15, 45]",
            "NC207: where around a cited time the transcript must say the sentence's facts.",
        ),
        "semantic": Option(
            False,
            lambda value: value is False,
            "false (the embedding mode is not built; see 'notecheck explain NC207')",
            "NC207: compare sentences by embeddings; not available, so only false is accepted.",
        ),
    }

    @classmethod
    def needs_in(cls, files: list[str]) -> frozenset[str]:
        """Sentences are only worth reading for their facts when the vault holds a transcript."""
        return cls.needs if any(rel.lower().endswith(TRANSCRIPT_SUFFIXES) for rel in files) else frozenset()

    def check_in_vault(self, note: NoteSummary, vault: Vault, report: VaultReporter) -> None:
        if not note.video_id or not (note.claims or note.citations):
            return
        transcript = _transcript(vault, note.video_id)
        if transcript is None:
            return
        if transcript.problem:
            line, message = transcript.problem
            where = Span(note.front_matter_lines.get("videoId", 1), 1, note.front_matter_lines.get("videoId", 1), 8)
            report(
                note.rel, self, where, f"transcript {transcript.rel} line {line}: {message}; cues after it are unread"
            )
        before, after = self.settings["window"]
        for claim in note.claims:
            if claim.kind == "name":
                if not transcript.says_name(claim.text):
                    report(note.rel, self, claim.span, f"'{claim.text}' is never said in the transcript")
                continue
            if claim.value is None:
                continue
            near: set[float] = set()
            for time in claim.times:
                near |= transcript.values_between(time + before, time + after)
            if claim.value in near:
                continue
            cited = ", ".join(format_time(t) for t in claim.times)
            cue = transcript.first_saying(claim.value)
            if cue is None:
                report(note.rel, self, claim.span, f"'{claim.text}' is not said in the transcript (cited [{cited}])")
            else:
                report(
                    note.rel,
                    self,
                    claim.span,
                    f"'{claim.text}' is said at {format_time(int(cue.start))}, not near [{cited}]",
                )


def _transcript(vault: Vault, video_id: str) -> Transcript | None:
    """The transcript of a video, kept while the notes of that video are checked."""
    kept: dict[str, Transcript | None] = vault.shared.setdefault("transcripts", {})
    if video_id not in kept:
        kept.clear()  # the engine checks one note at a time: earlier videos are done
        kept[video_id] = None
        index = MetadataIndex.of(vault)
        for rel in index.transcripts.get(video_id, ()):
            read = index.transcript(rel)
            if read.cues or read.problem:
                kept[video_id] = Transcript(read.cues, rel, read.problem)
                break
    return kept[video_id]
