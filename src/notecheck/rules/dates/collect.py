"""What phase 1 gathers for the dates rules: every dated fact of the note's prose, and the
sentences that hold them (``NoteSummary.facts``, ``.sentences``), section by section."""

from __future__ import annotations

from typing import TYPE_CHECKING

from notecheck.engine.reads import Extraction

if TYPE_CHECKING:
    from markdown_it.token import Token

    from notecheck.engine.context import NoteContext
    from notecheck.engine.reads import Paragraph


class DatedFacts:
    """Dated facts of the paragraphs that may hold a date (``maybe_dated``)."""

    splits = True

    def __init__(self, note: NoteContext) -> None:
        from notecheck.rules.dates.dating import maybe_dated  # the grammar: loaded when a note is parsed
        from notecheck.rules.dates.facts import FactCollector

        self._maybe_dated = maybe_dated
        self._summary = note.summary
        self._facts = FactCollector()

    def section(self) -> None:
        self._facts.new_section()

    def wants(self, token: Token) -> bool:
        return self._maybe_dated(token.content)

    def paragraph(self, paragraph: Paragraph) -> None:
        self._facts.add_paragraph(paragraph.token, paragraph.sentences, paragraph.mapper)

    def finish(self) -> None:
        self._summary.facts = self._facts.facts
        self._summary.sentences = self._facts.sentences


FACTS = Extraction("facts", "the dated facts of its sentences, read while the note is parsed", gatherer=DatedFacts)
