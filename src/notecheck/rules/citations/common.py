"""What the citations rules share: citations checked against the transcript (NC207): is the
claim said near the cited time?"""

from __future__ import annotations

import bisect
from functools import cached_property
from operator import itemgetter
from typing import TYPE_CHECKING

from notecheck.rules.citations.numbers import spoken_values
from notecheck.vault.transcripts import Cue, Transcript

if TYPE_CHECKING:
    pass


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
