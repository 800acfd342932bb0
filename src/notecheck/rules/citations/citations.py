"""Citations checked against the transcript (NC207): is the claim said near the cited time?"""

from __future__ import annotations

import bisect
import re
from functools import cached_property
from operator import itemgetter
from typing import TYPE_CHECKING, ClassVar

from notecheck.engine.registry import Option, Rule, register
from notecheck.model import Span
from notecheck.note.citation import format_time
from notecheck.rules.citations.numbers import spoken_values
from notecheck.vault import transcripts
from notecheck.vault.metadata import TRANSCRIPT_SUFFIXES, note_language, transcript_language
from notecheck.vault.transcripts import Cue, Transcript

if TYPE_CHECKING:
    from notecheck.engine.context import NoteContext


def _window(value: object) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
        and value[0] <= 0 <= value[1]
    )


class Spoken:
    """What a transcript says: each cue's spoken values and words, by time."""

    def __init__(self, transcript: Transcript, rel: str, end: float | None) -> None:
        self.cues = sorted(transcript.cues, key=itemgetter(0))  # by start
        self.rel = rel
        self.problem = transcript.problem
        self.end = end  # transcript.end, which the caller has computed
        self.starts = [cue[0] for cue in self.cues]
        self.longest = max([cue[1] - cue[0] for cue in self.cues], default=0.0)
        self._values: list[set[float] | None] = [None] * len(self.cues)  # read when a claim asks
        self._names: dict[str, bool] = {}
        self._windows: dict[tuple[float, float], set[float]] = {}
        self._window_texts: dict[tuple[float, float], str] = {}

    def _values_of(self, index: int) -> set[float]:
        values = self._values[index]
        if values is None:
            values = self._values[index] = spoken_values(self.cues[index].text)
        return values

    @property
    def name(self) -> str:
        """The transcript's file name, for messages."""
        return self.rel.rsplit("/", 1)[-1]

    @cached_property
    def text(self) -> str:
        """All cues, lower case: most names are found in it by one search."""
        return "\n".join(cue.text for cue in self.cues).lower()

    def _cues_between(self, start: float, end: float) -> range:
        return range(bisect.bisect_left(self.starts, start - self.longest), bisect.bisect_right(self.starts, end))

    def says_between(self, start: float, end: float, written: str) -> bool:
        """Whether a number is said in the window as the note writes it ("3,900", "1921"):
        a search, before reading every spoken form of every cue."""
        text = self._window_texts.get((start, end))
        if text is None:
            cues = self.cues
            text = " ".join([cues[i].text for i in self._cues_between(start, end) if cues[i].end >= start])
            self._window_texts[start, end] = text
        return _has_number(text, written.rstrip("%"))

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
        for index in self._cues_between(start, end):
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
        # (A stem among ``words`` always starts a word of ``text``: the first test covers it.)
        if _has_word_start(self.text, stem) or (len(stem) >= 5 and stem[:5] in self.prefixes):
            return True
        from rapidfuzz import fuzz, process  # here, not above: an import statement costs 2 us a call

        candidates = [word for word in self.words if word[:1] == stem[:1]]
        return process.extractOne(stem, candidates, scorer=fuzz.ratio, score_cutoff=80) is not None


def _whole_names(places: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Unsaid words that stand together (``Mikhail Saakashvili``, ``Jean-Claude Juncker``)
    as one name: one finding, not one per word."""
    merged: list[tuple[int, int]] = []
    for start, stop in places:
        if merged and text[merged[-1][1] : start] in (" ", "-"):
            merged[-1] = (merged[-1][0], stop)
        else:
            merged.append((start, stop))
    return merged


def _has_number(text: str, number: str) -> bool:
    """``number`` in ``text``, not as a part of a longer number ("3,900" is not in "13,900")."""
    at = text.find(number)
    while at >= 0:
        before = text[max(0, at - 2) : at]
        after = text[at + len(number) : at + len(number) + 2]
        inside_before = before[-1:].isdigit() or (before[-1:] in (",", ".") and before[:1].isdigit())
        inside_after = after[:1].isdigit() or (after[:1] in (",", ".") and after[1:2].isdigit())
        if not (inside_before or inside_after):
            return True
        at = text.find(number, at + 1)
    return False


def _has_word_start(text: str, stem: str) -> bool:
    """A word of ``text`` starts with ``stem``."""
    at = text.find(stem)
    while at >= 0:
        if at == 0 or not text[at - 1].isalnum():
            return True
        at = text.find(stem, at + 1)
    return False


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

    def check_note(self, note: NoteContext) -> None:
        """In phase 1, with the note's transcript: the claims are checked where they are
        found and never kept (a cached note is checked again when its transcript changes)."""
        if not note.transcripts:
            return
        transcript = self._spoken(note)
        if transcript is None:
            return
        if transcript.problem:
            line, message = transcript.problem
            video_line = note.summary.front_matter_lines.get("videoId", 1)
            where = Span(video_line, 1, video_line, 8)
            note.report(self, where, f"transcript {transcript.rel} line {line}: {message}; cues after it are unread")
        names: set[str] = set()
        for paragraph in note.claims:
            for start, stop, text, value, times in paragraph.numbers:
                problem = self._unsaid_number(transcript, text, value, times)
                if problem:
                    note.report(self, paragraph.mapper.span(start, stop), problem)
            names |= paragraph.names
        # Each name once per note (a note repeats its names)
        unsaid = {name for name in names if not transcript.says_name(name)}
        if unsaid:
            from notecheck.rules.citations.claims import name_places  # phase 1 only: a warm run never imports it

            for paragraph in note.claims:
                places = sorted(place for name in unsaid & paragraph.names for place in name_places(paragraph, name))
                content = paragraph.prose[0]
                for start, stop in _whole_names(places, content):
                    message = f"'{content[start:stop]}' is never said in the transcript {transcript.name}"
                    note.report(self, paragraph.mapper.span(start, stop), message)

    def _unsaid_number(self, transcript: Spoken, text: str, value: float, times: tuple[int, ...]) -> str | None:
        """Why a number is not supported by the transcript; None when it is said near a cited time."""
        before, after = self.settings["window"]
        if any(transcript.says_between(time + before, time + after, text) for time in times):
            return None
        near: set[float] = set()
        for time in times:
            near |= transcript.values_between(time + before, time + after)
        if value in near:
            return None
        cited = ", ".join(format_time(t) for t in times)
        cue = transcript.first_saying(value)
        if cue is None:
            return f"'{text}' is not said in the transcript {transcript.name} (cited [{cited}])"
        return f"'{text}' is said at {format_time(int(cue.start))} of {transcript.name}, not near [{cited}]"

    def _spoken(self, note: NoteContext) -> Spoken | None:
        """The first of the video's transcripts that holds cues (or a problem to report),
        in the note's language first (``in_language_order``); when every one is in another
        language, the one whose words best match the note. The last one stays for the next
        note of the same video."""
        keys = note.summary.transcript_stamps  # (file, size, mtime) of note.transcripts
        language = note_language(note.summary.front_matter)
        if len(keys) > 1 and all(transcript_language(key[0]) not in (language, "en", None) for key in keys):
            keys = self._best_match(note, keys)
        for key in keys:
            rel = key[0]
            if self._last is not None and self._last[0] == key:
                note.summary.transcript_ends += ((rel, self._last[1].end),)
                return self._last[1]
            read = transcripts.remembered(note.root / rel, stamped=key[1:], root=note.root)
            end = read.end
            note.summary.transcript_ends += ((rel, end),)  # the video's length, for NC203
            if read.cues or read.problem:
                spoken = Spoken(read, rel, end)
                self._last = (key, spoken)
                return spoken
        return None

    _last: tuple[tuple[str, int, int], Spoken] | None = None

    @staticmethod
    def _best_match(note: NoteContext, keys: tuple[tuple[str, int, int], ...]) -> tuple[tuple[str, int, int], ...]:
        """Transcripts ordered by how many of the note's words they say, most first."""
        words = set(re.findall(r"\w{4,}", note.source.text.lower()))

        def shared(key: tuple[str, int, int]) -> int:
            read = transcripts.remembered(note.root / key[0], stamped=key[1:], root=note.root)
            said = set(re.findall(r"\w{4,}", " ".join(cue.text for cue in read.cues).lower()))
            return len(words & said)

        return tuple(sorted(keys, key=shared, reverse=True))
