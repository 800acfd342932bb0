"""What the timestamps rules share: citations of the video (NC2xx): form, validity, order, length, and linked times."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from notecheck.engine.registry import Option, Rule
from notecheck.model import Span
from notecheck.note.citation import (
    CitedTime,
    parse_time,
)
from notecheck.note.tokens import citation
from notecheck.rules.timestamps.scale import Time

if TYPE_CHECKING:
    from markdown_it.token import Token

    from notecheck.engine.context import NoteContext
    from notecheck.note.summary import NoteSummary

_CANONICAL = re.compile(r"\[\d\d:[0-5]\d:[0-5]\d(?:, \d\d:[0-5]\d:[0-5]\d)*\]")
TRANSCRIPT_GRACE_SECONDS = 60  # a transcript's last cue is only a lower bound of the length


def _time_span(token: Token, time: CitedTime) -> Span:
    cited = citation(token)
    start = cited.inner_start + time.start
    return cited.file_span(start, start + len(time.text))


def is_clock(value: object) -> bool:
    return isinstance(value, str) and parse_time(value.strip())[0] is not None


TIMESTAMP_OPTIONS: dict[str, Option] = {
    "order": Option(
        "section",
        lambda value: value in ("note", "section", "off"),
        '"note", "section" or "off"',
        'NC204: "section" (the default: each heading starts again), "note" (the whole note moves forward) or "off".',
    ),
    "order-tolerance": Option(
        30,
        lambda value: isinstance(value, int) and not isinstance(value, bool) and value >= 0,
        "a whole number of seconds, 0 or more",
        "NC204: a step back of at most this many seconds is not out of order.",
    ),
}


def note_times(note: NoteSummary) -> tuple[list[Time], list[tuple[int, int, int]]]:
    """A summary's cited times as ``Time`` values, and (line, column, length) of each."""
    flat = note.cited_times
    times = [Time.of(flat[index], flat[index + 3]) for index in range(0, len(flat), 4)]
    places = [(flat[index + 1], flat[index + 2], flat[index + 3]) for index in range(0, len(flat), 4)]
    return times, places


class _TimestampRule(Rule):
    family = "timestamps"
    options: ClassVar[dict[str, Option]] = TIMESTAMP_OPTIONS

    def applies(self, note: NoteContext) -> bool:
        """A time means something only against a video: elsewhere [1:2] is a ratio or a slice."""
        return note.is_video_note


_CALLOUT = re.compile(r"\s*\[![^\]\s]+\]")


_RUN_GAP = re.compile(r"[\s,;]*")  # what stands between the citations of one run


class _OrderState:
    """NC204's walk of one note: sections, open block quotes (callout or not), citations."""

    def __init__(self) -> None:
        self.section = 0
        self.quotes: list[bool | None] = []
        self.citations: list[tuple[int, bool, Token, list[CitedTime]]] = []
        self.inline: Token | None = None  # the inline token (or HTML block) whose citations come now
        self.last_end: int | None = None  # where its previous citation ended


def max_length(settings: dict[str, Any]) -> int:
    seconds, _ = parse_time(str(settings.get("max-length", "12:00:00")))
    return seconds if seconds is not None else 12 * 3600


def data_t_seconds(value: str) -> int | None:
    """Seconds of a ``data-t`` value: ``HH:MM:SS``, ``MM:SS`` or whole seconds."""
    text = value.strip()
    if text.isdigit():
        return int(text)
    return parse_time(text)[0]
