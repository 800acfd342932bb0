"""Prose of a paragraph as sentences: code, citations, markup and link targets masked out.

Masking keeps every offset, so a date found in the masked text maps straight back to
the file through the paragraph's InlineMap.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import pairwise

from markdown_it.token import Token

from notecheck.note.tokens import Citation, WikiLinkRef, placed

# Month names and their abbreviations, as dates and the numbers near them are written.
MONTHS = {
    name: index
    for index, names in enumerate(
        [
            ("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"), ("May",),
            ("June", "Jun"), ("July", "Jul"), ("August", "Aug"), ("September", "Sep", "Sept"),
            ("October", "Oct"), ("November", "Nov"), ("December", "Dec"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip

_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1", re.DOTALL)
_HTML = re.compile(r"<!--.*?-->|<[A-Za-z/][^>\n]*>", re.DOTALL)
_LINK_DESTINATION = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_BOUNDARY = re.compile(r"[.!?]+[\"')\]]*\s+(?=[\"'(\[*_]*[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Prof|Gen|Col|Lt|Sgt|vs|etc|e\.g|i\.e|approx|ca|c|No|Vol|pp?"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z])\.$"
)
FUTURE = re.compile(
    r"\b(?:will|would|shall|won't|going to|plans?|planned|planning|expects?|expected|expecting|scheduled"
    r"|is to|are to|was to|were to|set to|due to|to be held|announce[sd]?|announcing|propose[sd]?|intend(?:s|ed)?"
    r"|aim(?:s|ed)?|could|might|may|hopes?|hoped|upcoming|forthcoming|future|target(?:s|ed)?|goal|deadline"
    r"|pledged?|promised?|vowed?|predicted|forecasts?|projected)\b"
)  # case-sensitive: "May 2024" is a month, "may" a modal


Prose = tuple[str, list[tuple[int, int]], list[tuple[int, int, str]]]  # masked text, citations, links


@dataclass(frozen=True)
class Sentence:
    text: str  # masked prose
    start: int  # offset of the sentence in the inline token's content
    cited: bool  # a citation of the video stands in the sentence
    links: tuple[str, ...]  # wikilink targets (with anchors) in the sentence


def masked_prose(token: Token) -> tuple[str, list[tuple[int, int]], list[tuple[int, int, str]]]:
    """The token's content with non-prose blanked; citation ranges; (start, end, target) of links."""
    content = token.content
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement of the same length)
    if "`" in content:
        edits.extend((m.start(), m.end(), _blank(m.group())) for m in _CODE.finditer(content))
    if "<" in content:
        edits.extend((m.start(), m.end(), _blank(m.group())) for m in _HTML.finditer(content))
    if "](" in content:
        edits.extend((m.start() + 1, m.end(), _blank(m.group()[1:])) for m in _LINK_DESTINATION.finditer(content))
    citations: list[tuple[int, int]] = []
    links: list[tuple[int, int, str]] = []
    for child in token.children or ():
        ref = placed(child)
        if ref is None:
            continue
        start, end = ref.start, ref.end
        if isinstance(ref, Citation):
            citations.append((start, end))
            edits.append((start, end, " " * (end - start)))
        elif isinstance(ref, WikiLinkRef):
            link = ref.link
            shown = _DIGIT.sub(" ", (link.alias or link.target or "").strip())[: end - start]
            edits.append((start, end, shown.ljust(end - start)))
            target = link.target + ("#" + link.anchor if link.anchor else "")
            links.append((start, end, target))
    if not edits:
        return content, citations, links
    pieces = []
    position = 0
    for start, end, replacement in sorted(edits):
        if start < position:  # overlapping (a link inside a code span's match, an anchor's tag): keep the first
            if end > position:  # and blank what it leaves of this one (an anchor citation's bracket)
                pieces.append(" " * (end - position))
                position = end
            continue
        pieces.append(content[position:start])
        pieces.append(replacement)
        position = end
    pieces.append(content[position:])
    return "".join(pieces), citations, links


_DIGIT = re.compile(r"\d")
_NOT_NEWLINE = re.compile(r"[^\n]")


def _blank(text: str) -> str:
    return _NOT_NEWLINE.sub(" ", text)


def sentences_of(text: str, citations: list[tuple[int, int]], links: list[tuple[int, int, str]]) -> list[Sentence]:
    """The sentences of a paragraph's masked prose (``masked_prose``), slices of it."""
    bounds = [0]
    for match in _BOUNDARY.finditer(text):
        if _ABBREVIATION.search(text[max(0, match.start() - 6) : match.start() + 1]):
            continue
        bounds.append(match.end())
    bounds.append(len(text))
    sentences = []
    # Citations and links found by bisection, not by a scan per sentence (H-10: a paragraph
    # of thousands of sentences, each with a link, was quadratic).
    cited_at = sorted(c_start for c_start, _ in citations)
    links = sorted(links, key=lambda link: link[0])
    link_at = [l_start for l_start, _, _ in links]
    for start, end in pairwise(bounds):
        if not text[start:end].strip():
            continue
        cited = bisect_left(cited_at, end) > bisect_left(cited_at, start)
        first, last = bisect_left(link_at, start), bisect_left(link_at, end)
        targets = tuple(target for _, _, target in links[first:last])
        sentences.append(Sentence(text[start:end], start, cited, targets))
    return sentences
