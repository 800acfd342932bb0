"""NC204 timestamp-order: Citations out of order: the fewest that, left out, leave the others in the video's order."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from notecheck.engine.registry import register
from notecheck.note.citation import (
    CitedTime,
    format_time,
)
from notecheck.note.tokens import citation
from notecheck.rules.timestamps.common import _CALLOUT, _RUN_GAP, _OrderState, _time_span, _TimestampRule, max_length
from notecheck.rules.timestamps.scale import Time, longest_ordered, misscaled
from notecheck.vault.metadata import parse_duration

if TYPE_CHECKING:
    from markdown_it.token import Token

    from notecheck.engine.context import NoteContext


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
        cited = citation(token)
        valid = [time for time in cited.times if time.seconds is not None]
        content = state.inline.content if state.inline is not None else ""
        in_run = state.last_end is not None and _RUN_GAP.fullmatch(content, state.last_end, cited.start)
        state.last_end = cited.end
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
        aside = any(state.quotes) or cited.in_html_block
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
        values = [time.seconds for _, time in cited if time.seconds is not None]  # all: valid times only
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
            seconds = values[index]
            if before is not None and before - tolerance <= seconds < before:
                continue
            if after is not None and after < seconds <= after + tolerance:
                continue
            if before is not None and after is not None:
                around = f"the citations around it are at {format_time(before)} and {format_time(after)}"
            elif before is not None:
                around = f"the citation before it is at {format_time(before)}"
            else:
                around = f"the citation after it is at {format_time(after or 0)}"
            note.report(self, _time_span(token, time), f"{time.canonical} is out of order: {around}")
