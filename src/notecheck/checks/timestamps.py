"""Citations of the video (NC2xx): form, validity, order, length, and linked times."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING, ClassVar

from notecheck.citation import CitedTime, canonical_citation, format_time, parse_citation, parse_video_url
from notecheck.metadata import MetadataIndex
from notecheck.model import Edit, Fix, Span
from notecheck.registry import Option, Rule, register
from notecheck.video import is_video_note

if TYPE_CHECKING:
    from markdown_it.token import Token

    from notecheck.context import NoteContext, VaultReporter
    from notecheck.summary import NoteSummary
    from notecheck.vault import Vault

_CANONICAL = re.compile(r"\[\d\d:[0-5]\d:[0-5]\d(?:, \d\d:[0-5]\d:[0-5]\d)*\]")
TRANSCRIPT_GRACE_SECONDS = 60  # a transcript's last cue is only a lower bound of the length


def _time_span(token: Token, time: CitedTime) -> Span:
    start = token.meta["inner_start"] + time.start
    return token.meta["map"].span(start, start + len(time.text))


class _TimestampRule(Rule):
    family = "timestamps"

    def applies(self, note: NoteContext) -> bool:
        """A time means something only against a video: elsewhere [1:2] is a ratio or a slice."""
        return note.is_video_note

    options: ClassVar[dict[str, Option]] = {
        "order": Option(
            "note",
            lambda value: value in ("note", "section", "off"),
            '"note", "section" or "off"',
            'NC204: "note" (the whole note moves forward), "section" (restart at each heading) or "off".',
        )
    }


@register
class TimestampFormat(_TimestampRule):
    code = "NC201"
    name = "timestamp-format"
    summary = "Valid citation not in canonical form [HH:MM:SS] or [HH:MM:SS, HH:MM:SS]."
    severity = "warning"
    fixable = "safe"
    tokens = frozenset({"timestamp"})

    def check_token(self, token: Token, note: NoteContext) -> None:
        start, end = token.meta["start"], token.meta["bracket_end"]
        if _CANONICAL.fullmatch(token.content, 0, end - start):
            return
        times: list[CitedTime] = token.meta["times"]
        if any(time.seconds is None for time in times):
            return
        canonical = canonical_citation(times)
        written = token.meta["map"]
        if token.content[: end - start] == canonical:
            return
        span = written.span(start, end)
        if note.source.slice(span) != token.content[: end - start]:
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
        limit = meta.duration + (TRANSCRIPT_GRACE_SECONDS if meta.duration_is_lower_bound else 1)
        length = format_time(int(meta.duration))
        times = note.cited_times
        for index in range(0, len(times), 4):
            seconds, line, column, written = times[index : index + 4]
            if seconds > limit:
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
    summary = "Citations that go back in time, or times within one citation that do not ascend."
    severity = "warning"
    tokens = frozenset({"timestamp", "heading_open"})

    def check_token(self, token: Token, note: NoteContext) -> None:
        mode = self.settings["order"]
        state = note.state.setdefault(self.code, {"last": None})
        if token.type == "heading_open":
            if mode == "section":
                state["last"] = None
            return
        if mode == "off":
            return
        valid = [time for time in token.meta["times"] if time.seconds is not None]
        for before, after in pairwise(valid):
            if after.seconds < before.seconds:
                note.report(
                    self, _time_span(token, after), f"{after.canonical} comes before {before.canonical} in one citation"
                )
        if not valid:
            return
        first = valid[0]
        last = state["last"]
        if last is not None and first.seconds < last.seconds:
            scope = "section" if mode == "section" else "note"
            note.report(
                self,
                _time_span(token, first),
                f"{first.canonical} goes back in time: an earlier citation in this {scope} is at {last.canonical}",
            )
        else:
            state["last"] = first


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
    summary = "A linked citation whose t= differs from the time shown, or that links another video."
    fixable = "safe"
    tokens = frozenset({"timestamp"})

    def check_token(self, token: Token, note: NoteContext) -> None:
        url = token.meta["url"]
        times = token.meta["times"]
        if not url or not times or times[0].seconds is None:
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
