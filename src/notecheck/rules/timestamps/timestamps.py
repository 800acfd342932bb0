"""Citations of the video (NC2xx): form, validity, order, length, and linked times."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING, Any, ClassVar

from notecheck.engine.registry import Option, Rule, register
from notecheck.model import Edit, Fix, Span
from notecheck.note.citation import (
    CitedTime,
    canonical_citation,
    format_time,
    parse_citation,
    parse_time,
    parse_video_url,
)
from notecheck.rules.timestamps.scale import Time, longest_ordered, misscaled
from notecheck.vault.metadata import MetadataIndex, parse_duration
from notecheck.vault.video import is_video_note

if TYPE_CHECKING:
    from markdown_it.token import Token

    from notecheck.engine.context import NoteContext, VaultReporter
    from notecheck.note.summary import NoteSummary
    from notecheck.vault.resolve import Vault

_CANONICAL = re.compile(r"\[\d\d:[0-5]\d:[0-5]\d(?:, \d\d:[0-5]\d:[0-5]\d)*\]")
TRANSCRIPT_GRACE_SECONDS = 60  # a transcript's last cue is only a lower bound of the length


def _time_span(token: Token, time: CitedTime) -> Span:
    start = token.meta["inner_start"] + time.start
    return token.meta["map"].span(start, start + len(time.text))


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

    def applies(self, note: NoteContext) -> bool:
        """A time means something only against a video: elsewhere [1:2] is a ratio or a slice."""
        return note.is_video_note

    options: ClassVar[dict[str, Option]] = TIMESTAMP_OPTIONS


@register
class TimestampFormat(_TimestampRule):
    code = "NC201"
    name = "timestamp-format"
    summary = "Valid citation not in canonical form [HH:MM:SS] or [HH:MM:SS, HH:MM:SS]."
    severity = "warning"
    fixable = "safe"
    tokens = frozenset({"timestamp"})

    def check_token(self, token: Token, note: NoteContext) -> None:
        meta = token.meta
        start, end = meta["bracket_start"], meta["bracket_end"]
        first = start - meta["start"]  # where the bracket starts in the token's text
        bracket = token.content[first : first + end - start]
        if _CANONICAL.fullmatch(bracket):
            return
        times: list[CitedTime] = meta["times"]
        if any(time.seconds is None for time in times):
            return
        canonical = canonical_citation(times)
        if bracket == canonical:
            return
        span = meta["map"].span(start, end)
        if note.source.slice(span) != bracket:
            return  # the bracket spans lines or escapes: leave it to a person
        note.report(self, span, f"write the citation as {canonical}", Fix((Edit(span, canonical),), "safe"))


@register
class InvalidTimestamp(_TimestampRule):
    code = "NC202"
    name = "invalid-timestamp"
    summary = "A citation time that cannot be: 60 or more minutes or seconds, or a malformed time."
    tokens = frozenset({"timestamp"})

    def check_token(self, token: Token, note: NoteContext) -> None:
        for time in token.meta["times"]:
            if time.seconds is None:
                note.report(self, _time_span(token, time), f"invalid citation time: {time.problem}")

    def check_note(self, note: NoteContext) -> None:
        """``[00:07]: word`` at the start of a line is a Markdown link reference definition:
        the citation vanishes from the rendered note."""
        for label, reference in note.references.items():
            if parse_citation(label) is None or not reference.get("map"):
                continue
            line = reference["map"][0] + note.front_matter.body_start + 1
            text = note.source.lines[line - 1]
            column = text.find("[") + 1
            end = text.find("]:", column) + 3 if "]:" in text else column + 1
            note.report(
                self,
                Span(line, column, line, end),
                f"citation [{label}] followed by ':' is read as a link reference definition and vanishes",
            )


@register
class TimestampPastEnd(_TimestampRule):
    code = "NC203"
    name = "timestamp-past-end"
    summary = "A citation time after the end of the video (length from front matter, info.json or transcript)."
    early = True  # reads the note and its video's metadata files

    def check_in_vault(self, note: NoteSummary, vault: Vault, report: VaultReporter) -> None:
        if not note.citations or not is_video_note(note, vault.config.table("frontmatter")):
            return
        meta = MetadataIndex.of(vault).for_note(note)
        if meta.duration is None:
            return
        grace = TRANSCRIPT_GRACE_SECONDS if meta.duration_is_lower_bound else 1
        limit = meta.duration + grace
        length = format_time(int(meta.duration))
        times = note.cited_times
        scale = None
        for index in range(0, len(times), 4):
            seconds, line, column, written = times[index : index + 4]
            if seconds > limit:
                if scale is None:  # a note on the wrong scale gets one NC208 finding instead
                    scale = misscaled(note_times(note)[0], max_length(self.settings), meta.duration, grace)
                if index // 4 in scale:
                    continue
                what = f"transcript ends at {length}" if meta.duration_is_lower_bound else f"video is {length} long"
                report(
                    note.rel,
                    self,
                    Span(line, column, line, column + written),
                    f"{format_time(seconds)} is past the end of the video ({what}, from {meta.duration_source})",
                )


@register
class TimestampOrder(_TimestampRule):
    code = "NC204"
    name = "timestamp-order"
    summary = "Citations out of order: the fewest that, left out, leave the others in the video's order."
    severity = "warning"
    tokens = frozenset({"timestamp", "heading_open", "blockquote_open", "blockquote_close", "inline", "html_block"})

    def check_token(self, token: Token, note: NoteContext) -> None:
        state = note.state.setdefault(self.code, _OrderState())
        kind = token.type
        if kind == "heading_open":
            state.section += 1
        elif kind == "blockquote_open":
            state.quotes.append(None)  # a callout or not: its first line tells
        elif kind == "blockquote_close":
            if state.quotes:
                state.quotes.pop()
        elif kind in ("inline", "html_block"):
            state.inline, state.last_end = token, None
            if kind == "inline" and state.quotes and state.quotes[-1] is None:
                state.quotes[-1] = _CALLOUT.match(token.content) is not None
        elif self.settings["order"] != "off":
            self._citation(token, note, state)

    def _citation(self, token: Token, note: NoteContext, state: _OrderState) -> None:
        """One citation, or the next of a run of them (``<a ...>[00:08:40]</a>, <a ...>[00:10:49]</a>``,
        one citation written as several anchors): a run moves forward as one citation's times do."""
        tolerance = self.settings["order-tolerance"]
        valid = [time for time in token.meta["times"] if time.seconds is not None]
        content = state.inline.content if state.inline is not None else ""
        in_run = state.last_end is not None and _RUN_GAP.fullmatch(content, state.last_end, token.meta["start"])
        state.last_end = token.meta["end"]
        previous = state.citations[-1][3][-1:] if in_run and state.citations else []
        for before, after in pairwise(previous + valid):
            if after.seconds < before.seconds - tolerance:
                where = "one run of citations" if before in previous else "one citation"
                note.report(
                    self, _time_span(token, after), f"{after.canonical} comes before {before.canonical} in {where}"
                )
        if in_run and state.citations:
            state.citations[-1][3].extend(valid)
            return
        aside = any(state.quotes) or token.meta.get("html_block", False)
        state.citations.append((state.section, aside, token, valid))

    def check_note(self, note: NoteContext) -> None:
        state = note.state.get(self.code)
        if state is None or self.settings["order"] == "off":
            return
        times = [Time.of(time.seconds, len(time.text)) for *_, valid in state.citations for time in valid]
        duration = parse_duration(note.summary.front_matter.get("duration"))
        scale = misscaled(times, max_length(self.settings), duration)
        scopes: dict[int, list[tuple[Token, CitedTime]]] = {}
        index = 0
        for section, aside, token, valid in state.citations:
            first_index = index
            index += len(valid)
            if aside or not valid or first_index in scale:
                continue  # callouts refer ahead and back by design; NC208 speaks for mis-scaled times
            scope = section if self.settings["order"] == "section" else 0
            scopes.setdefault(scope, []).append((token, valid[0]))
        for cited in scopes.values():
            self._check_scope(cited, note)

    def _check_scope(self, cited: list[tuple[Token, CitedTime]], note: NoteContext) -> None:
        values = [time.seconds for _, time in cited]
        kept = longest_ordered(values)
        if len(kept) * 3 < len(values) * 2:
            return  # most of it out of order: a topical section, not a wrong time
        tolerance = self.settings["order-tolerance"]
        kept_set = set(kept)
        position = 0  # kept[position] is the first kept index after the current one
        for index, (token, time) in enumerate(cited):
            while position < len(kept) and kept[position] <= index:
                position += 1
            if index in kept_set:
                continue
            before = values[kept[position - 1]] if position > 0 else None
            after = values[kept[position]] if position < len(kept) else None
            if before is not None and before - tolerance <= time.seconds < before:
                continue
            if after is not None and after < time.seconds <= after + tolerance:
                continue
            if before is not None and after is not None:
                around = f"the citations around it are at {format_time(before)} and {format_time(after)}"
            elif before is not None:
                around = f"the citation before it is at {format_time(before)}"
            else:
                around = f"the citation after it is at {format_time(after or 0)}"
            note.report(self, _time_span(token, time), f"{time.canonical} is out of order: {around}")


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


@register
class UncitedParagraph(_TimestampRule):
    code = "NC205"
    name = "uncited-paragraph"
    summary = "A body paragraph of a video note with no citation (off by default)."
    severity = "warning"
    default_enabled = False
    tokens = frozenset({"inline"})
    _WORDS = re.compile(r"[A-Za-z]{2,}")

    def check_token(self, token: Token, note: NoteContext) -> None:
        block = note.block
        if block is None or block.type != "paragraph_open" or block.level != 0 or note.in_table:
            return
        if token.map is None:
            return
        if any(child.type == "timestamp" for child in token.children or ()):
            return
        text = token.content
        if re.match(r"^\s*\w+:\s", text) or len(self._WORDS.findall(text)) < 6:
            return  # a label line such as "From: [[channel]]", or too short to be a claim
        line = token.map[0] + note.front_matter.body_start + 1
        first = note.source.lines[line - 1]
        column = len(first) - len(first.lstrip()) + 1
        note.report(self, Span(line, column, line, len(first) + 1), "paragraph cites no time of the video")


@register
class TimestampLinkMismatch(_TimestampRule):
    code = "NC206"
    name = "timestamp-link-mismatch"
    summary = "A linked citation whose t= or data-t differs from the time shown, or that links another video."
    fixable = "safe"
    tokens = frozenset({"timestamp"})

    def check_token(self, token: Token, note: NoteContext) -> None:
        times = token.meta["times"]
        if not times or times[0].seconds is None:
            return
        if token.meta.get("data_t") is not None:
            self._anchor(token, times[0].seconds, note)
        url = token.meta["url"]
        if not url:
            return
        link = parse_video_url(url)
        if link is None:
            return
        span = token.meta["span"]
        video_id = note.summary.front_matter.get("videoId")
        if isinstance(video_id, str) and link.video_id and link.video_id != video_id:
            note.report(self, span, f"citation links video '{link.video_id}', but this note is about '{video_id}'")
            return
        shown = times[0].seconds
        if link.t is None or link.t == shown or link.t_text is None:
            return
        written = note.source.slice(span)
        where = written.rfind("t=" + link.t_text)
        fix = None
        if where >= 0 and span.line == span.end_line:
            column = span.column + where + 2
            replacement = f"{shown}s" if link.t_text.endswith("s") or "m" in link.t_text else str(shown)
            edit = Edit(Span(span.line, column, span.line, column + len(link.t_text)), replacement)
            fix = Fix((edit,), "safe")
        note.report(self, span, f"link jumps to {format_time(link.t)} but the citation shows {format_time(shown)}", fix)

    def _anchor(self, token: Token, shown: int, note: NoteContext) -> None:
        """``<a class="yt-timestamp" data-t="...">[...]</a>``: the player jumps to data-t.
        Its fix is unsafe: either the attribute or the time shown may be the wrong one."""
        value, offset = token.meta["data_t"]
        seconds = data_t_seconds(value)
        if seconds == shown:
            return
        value_span = token.meta["map"].span(offset, offset + len(value))
        fix = None
        if value_span.line == value_span.end_line:
            fix = Fix((Edit(value_span, format_time(shown)),), "unsafe")
        if seconds is None:
            message = f"data-t '{value}' is not a valid time; the citation shows {format_time(shown)}"
        else:
            message = f"data-t jumps to {format_time(seconds)} but the citation shows {format_time(shown)}"
        note.report(self, token.meta["span"], message, fix)


def data_t_seconds(value: str) -> int | None:
    """Seconds of a ``data-t`` value: ``HH:MM:SS``, ``MM:SS`` or whole seconds."""
    text = value.strip()
    if text.isdigit():
        return int(text)
    return parse_time(text)[0]
