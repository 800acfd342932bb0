"""Prose of a paragraph as sentences: code, citations, markup and link targets masked out.

Masking keeps every offset, so a date found in the masked text maps straight back to
the file through the paragraph's InlineMap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from markdown_it.token import Token

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


@dataclass(frozen=True)
class Sentence:
    text: str  # masked prose
    start: int  # offset of the sentence in the inline token's content
    cited: bool  # a citation of the video stands in the sentence
    links: tuple[str, ...]  # wikilink targets (with anchors) in the sentence


def masked_prose(token: Token) -> tuple[str, list[tuple[int, int]], list[tuple[int, int, str]]]:
    """The token's content with non-prose blanked; citation ranges; (start, end, target) of links."""
    chars = list(token.content)

    def blank(start: int, end: int) -> None:
        for index in range(start, min(end, len(chars))):
            if chars[index] != "\n":
                chars[index] = " "

    for pattern in (_CODE, _HTML, _LINK_DESTINATION):
        for match in pattern.finditer(token.content):
            blank(match.start() + (1 if pattern is _LINK_DESTINATION else 0), match.end())
    citations: list[tuple[int, int]] = []
    links: list[tuple[int, int, str]] = []
    for child in token.children or ():
        if "start" not in child.meta:
            continue
        start, end = child.meta["start"], child.meta["end"]
        blank(start, end)
        if child.type == "timestamp":
            citations.append((start, end))
        elif child.type == "wikilink":
            link = child.meta["link"]
            shown = re.sub(r"\d", " ", (link.alias or link.target or "").strip())[: end - start]
            chars[start : start + len(shown)] = shown
            target = link.target + ("#" + link.anchor if link.anchor else "")
            links.append((start, end, target))
    return "".join(chars), citations, links


def split_sentences(token: Token) -> list[Sentence]:
    text, citations, links = masked_prose(token)
    bounds = [0]
    for match in _BOUNDARY.finditer(text):
        if _ABBREVIATION.search(text[max(0, match.start() - 6) : match.start() + 1]):
            continue
        bounds.append(match.end())
    bounds.append(len(text))
    sentences = []
    for start, end in pairwise(bounds):
        if not text[start:end].strip():
            continue
        cited = any(start <= c_start < end for c_start, _ in citations)
        targets = tuple(target for l_start, _, target in links if start <= l_start < end)
        sentences.append(Sentence(text[start:end], start, cited, targets))
    return sentences
