"""What phase 1 gathers for NC207: the numbers and names of each cited paragraph, to be
checked against the transcript while the note's text is at hand."""

from __future__ import annotations

from typing import TYPE_CHECKING

from notecheck.engine.reads import Extraction
from notecheck.vault.metadata import TRANSCRIPT_SUFFIXES

if TYPE_CHECKING:
    from markdown_it.token import Token

    from notecheck.engine.context import NoteContext
    from notecheck.engine.reads import Paragraph
    from notecheck.rules.citations.claims import CitedParagraph


class CitedClaims:
    """The claims of a note's cited paragraphs (``claims_of``), in order."""

    splits = False  # a paragraph without numbers needs its sentences only if a name is unsaid

    def __init__(self, note: NoteContext) -> None:
        from notecheck.rules.citations import claims  # the grammar: loaded when a note is parsed

        self._claims = claims
        self._note = note
        self._number_words: bool | None = None  # whether the note spells out any number
        self.paragraphs: list[CitedParagraph] = []

    def section(self) -> None:
        pass

    def wants(self, token: Token) -> bool:
        return bool(self._note.transcripts) and "citations" in token.meta

    def paragraph(self, paragraph: Paragraph) -> None:
        if self._number_words is None:  # once per note: most notes spell out no number
            self._number_words = self._claims.maybe_number_words(self._note.source.text.lower())
        found = self._claims.claims_of(
            paragraph.token, paragraph.prose, paragraph.split, paragraph.mapper, self._number_words
        )
        if found is not None:
            self.paragraphs.append(found)

    def finish(self) -> list[CitedParagraph]:
        return self.paragraphs


CLAIMS = Extraction(
    "claims",
    "the numbers and names of its cited sentences, read while the note is parsed",
    gatherer=CitedClaims,
    only_with=TRANSCRIPT_SUFFIXES,
    with_transcripts=True,
)
