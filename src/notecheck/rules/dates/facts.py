"""Dated facts of a note: every date mention, resolved against the nearest earlier date
of its section, with what the date rules need to judge it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from markdown_it.token import Token

from notecheck.model import Span, record
from notecheck.note.positions import InlineMap
from notecheck.note.prose import FUTURE, Sentence
from notecheck.rules.dates.dating import (
    ANCHORING,
    MONTHS,
    Mention,
    When,
    conflicts,
    day_when,
    describe,
    find_mentions,
    resolve_relative,
)


@record
class DatedFact:
    span: Span
    mention: Mention
    when: When | None  # resolved interval (None: unresolved or impossible)
    sentence: int  # index into NoteSummary.sentences
    conflict: str | None = None  # NC403: the explicit date this relative one contradicts
    anchor: When | None = None


@record
class SentenceInfo:
    cited: bool
    future: bool
    links: tuple[str, ...]
    text: str  # masked prose, lower case, for timeline match phrases ('' without links: never read)
    line: int


@dataclass
class FactCollector:
    """Walks a note's prose in order, keeping the anchor date of the current section."""

    facts: list[DatedFact] = field(default_factory=list)
    sentences: list[SentenceInfo] = field(default_factory=list)
    anchor: When | None = None

    def new_section(self) -> None:
        self.anchor = None

    def add_paragraph(self, token: Token, sentences: list[Sentence], mapper: InlineMap) -> None:
        """Dated facts of one paragraph, from its sentences (split once for every reader)."""
        for sentence in sentences:
            mentions = find_mentions(sentence.text)
            if not mentions:
                continue  # only sentences with dates are kept: the date rules read no others
            index = len(self.sentences)
            line = mapper.position(sentence.start)[0]
            future = bool(FUTURE.search(sentence.text))
            text = sentence.text.lower() if sentence.links else ""  # NC406 reads sentences with links only
            self.sentences.append(SentenceInfo(sentence.cited, future, sentence.links, text, line))
            self._add_mentions(mentions, sentence.start, index, mapper)

    def _add_mentions(self, mentions: list[Mention], offset: int, sentence: int, mapper: InlineMap) -> None:
        pending: list[tuple[Mention, When]] = []  # relative mentions waiting for an explicit date
        for mention in mentions:
            span = mapper.span(offset + mention.start, offset + mention.end)
            anchor = self.anchor
            when = mention.when
            conflict = None
            if mention.relative:
                if anchor is not None:
                    when = resolve_relative(mention, anchor)
                    pending.append((mention, anchor))
            elif mention.kind in ("md", "dm") and mention.problem is None and anchor is not None:
                when, mention = _with_year(mention, anchor.start.year)
            if when is not None and not mention.relative:
                for relative, relative_anchor in pending:
                    if conflicts(relative, relative_anchor, when):
                        conflict = _conflict_message(relative, relative_anchor, when)
                pending.clear()
            self.facts.append(DatedFact(span, mention, when, sentence, conflict, anchor))
            if when is not None and when.granularity in ANCHORING:
                self.anchor = when


def _conflict_message(relative: Mention, anchor: When, explicit: When) -> str:
    expected = resolve_relative(relative, anchor)
    if expected is None:
        side = "after" if relative.direction > 0 else "before"
        return f"'{relative.text}' after {describe(anchor)} must be {side} it, not {describe(explicit)}"
    return f"'{relative.text}' after {describe(anchor)} means {describe(expected)}, not {describe(explicit)}"


def _with_year(mention: Mention, year: int) -> tuple[When | None, Mention]:
    """Resolve ``May 31`` with the anchor's year; 29 February of a common year is impossible."""

    parts = mention.text.replace(",", " ").split()
    month = next(MONTHS[part.rstrip(".")] for part in parts if part.rstrip(".") in MONTHS)
    day = next(int("".join(ch for ch in part if ch.isdigit())) for part in parts if part[:1].isdigit())
    when, problem = day_when(year, month, day)
    if problem:
        return None, replace(mention, problem=problem)
    return when, mention
