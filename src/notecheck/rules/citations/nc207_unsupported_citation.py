"""NC207 unsupported-citation: A cited sentence whose number, year or name is not said near
the cited time of the transcript."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from notecheck.engine.reads import NOTE, TRANSCRIPTS
from notecheck.engine.registry import Option, Rule, register
from notecheck.model import Span, clip
from notecheck.note.citation import format_time
from notecheck.rules.citations.collect import CLAIMS
from notecheck.rules.citations.common import Spoken, _whole_names, _window
from notecheck.vault import transcripts
from notecheck.vault.metadata import note_language, transcript_language

if TYPE_CHECKING:
    from notecheck.engine.context import NoteContext


@register
class UnsupportedCitation(Rule):
    code = "NC207"
    name = "unsupported-citation"
    summary = "A cited sentence whose number, year or name is not said near the cited time of the transcript."
    severity = "warning"
    family = "citations"
    reads = frozenset({NOTE, TRANSCRIPTS, CLAIMS})
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

    def __init__(self, settings: dict[str, Any]) -> None:
        super().__init__(settings)
        self._last: tuple[tuple[str, int, int], Spoken] | None = None  # the transcript read last, by its stamp

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
        for paragraph in note.extracted.get(CLAIMS, ()):
            for start, stop, text, value, times in paragraph.numbers:
                problem = self._unsaid_number(transcript, text, value, times)
                if problem:
                    note.report(self, paragraph.mapper.span(start, stop), problem)
            names |= paragraph.names
        # Each name once per note (a note repeats its names)
        unsaid = {name for name in names if not transcript.says_name(name)}
        if unsaid:
            from notecheck.rules.citations.claims import name_places  # phase 1 only: a warm run never imports it

            for paragraph in note.extracted.get(CLAIMS, ()):
                places = sorted(place for name in unsaid & paragraph.names for place in name_places(paragraph, name))
                content = paragraph.prose[0]
                for start, stop in _whole_names(places, content):
                    message = f"'{clip(content[start:stop])}' is never said in the transcript {transcript.name}"
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
            return f"'{clip(text)}' is not said in the transcript {transcript.name} (cited [{cited}])"
        return f"'{clip(text)}' is said at {format_time(int(cue.start))} of {transcript.name}, not near [{cited}]"

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

    @staticmethod
    def _best_match(note: NoteContext, keys: tuple[tuple[str, int, int], ...]) -> tuple[tuple[str, int, int], ...]:
        """Transcripts ordered by how many of the note's words they say, most first."""
        words = set(re.findall(r"\w{4,}", note.source.text.lower()))

        def shared(key: tuple[str, int, int]) -> int:
            read = transcripts.remembered(note.root / key[0], stamped=key[1:], root=note.root)
            said = set(re.findall(r"\w{4,}", " ".join(cue.text for cue in read.cues).lower()))
            return len(words & said)

        return tuple(sorted(keys, key=shared, reverse=True))
