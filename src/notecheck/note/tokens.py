"""What our markdown-it plugins attach to the tokens they make, as one typed object per
token (``token.meta["ref"]``): a citation, a wikilink, a Markdown link to a note. Offsets
are in the inline content (or, for a citation inside an HTML block, the block's content);
``span`` and ``map`` are set once the paragraph's place in the file is known."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from notecheck.model import Span

if TYPE_CHECKING:  # rules import this module: a warm run never loads markdown-it
    from markdown_it.token import Token

    from notecheck.note.citation import CitedTime
    from notecheck.note.positions import InlineMap
    from notecheck.note.wikilink import WikiLink


@dataclass(slots=True, kw_only=True, eq=False)
class Placed:
    """A plugin token's place: ``start``/``end`` in the content, then in the file."""

    start: int
    end: int
    span: Span = field(default_factory=lambda: Span.point(1))  # set by the parser
    map: InlineMap | None = None  # the paragraph's offsets to the file's lines

    def file_span(self, start: int, end: int) -> Span:
        """The file's span of content offsets ``start``..``end`` inside this token."""
        assert self.map is not None, "positions are attached by the parser"
        return self.map.span(start, end)


@dataclass(slots=True, kw_only=True, eq=False)
class Citation(Placed):
    """``[00:03:11]``, ``[00:08:40, 00:10:49]``, ``[03:11](url)`` or a yt-timestamp anchor:
    ``start``/``end`` cover all of it (the anchor included), ``bracket_start``/``bracket_end``
    the bracket, ``inner_start`` the text inside it."""

    bracket_start: int
    bracket_end: int
    times: list[CitedTime]
    url: str | None = None  # a linked citation's or an anchor's href
    data_t: tuple[str, int] | None = None  # an anchor's data-t: (value, offset of the value)
    in_html_block: bool = False

    @property
    def inner_start(self) -> int:
        return self.bracket_start + 1


@dataclass(slots=True, kw_only=True, eq=False)
class WikiLinkRef(Placed):
    """``[[target#anchor|alias]]`` (or ``![[...]]``), parsed."""

    link: WikiLink


def placed(token: Token) -> Placed | None:
    """The plugin object of a token, if a plugin made it."""
    ref = token.meta.get("ref")
    return ref if isinstance(ref, Placed) else None


def citation(token: Token) -> Citation:
    """The citation of a ``timestamp`` token."""
    ref = token.meta["ref"]
    assert isinstance(ref, Citation)
    return ref


def wikilink_ref(token: Token) -> WikiLinkRef:
    """The link of a ``wikilink`` token."""
    ref = token.meta["ref"]
    assert isinstance(ref, WikiLinkRef)
    return ref
