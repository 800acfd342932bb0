"""Checkable facts of cited sentences (numbers, years, proper names) for NC207."""

from __future__ import annotations

import re
from typing import NamedTuple

from markdown_it.token import Token

from notecheck.numbers import word_number, written_numbers
from notecheck.positions import InlineMap
from notecheck.prose import Sentence

# Both start with a literal or a class, which the regex engine scans for at C speed; the
# word boundary in front of a name is a look-behind after its first letter (a leading \b
# would make the engine try the pattern at every position).
_NAME = re.compile(r"[A-Z](?<!\w[A-Z])[a-z]+(?:[-'][A-Z]?[a-z]+)*(?=['’]s\b|\b)")
# "ty" first, then looked behind: the regex engine scans for a literal start at C speed,
# where an alternation of the tens made it try every letter of the note (0.16 ms a note).
_TENS_WORD = re.compile(
    r"ty(?:(?<=twenty)|(?<=thirty)|(?<=forty)|(?<=fifty)|(?<=sixty)|(?<=seventy)|(?<=eighty)|(?<=ninety))"
)


def maybe_number_words(lower: str) -> bool:
    """A cheap test before the number-word pattern, run on a whole note."""
    return "hundred" in lower or "thousand" in lower or "million" in lower or _TENS_WORD.search(lower) is not None


_NUMBER_WORDS = re.compile(
    r"\b(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
    r"(?:\s+(?:hundred|thousand|million))?|(?:one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:hundred|thousand|million))\b",
    re.IGNORECASE,
)
_FIRST_WORD = re.compile(r"\W*(\w+)")
_MONTH_BEFORE = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s*$")
_COMMON_WORDS = """
The A An In On At By For From To Of And But Or Nor So Yet As If When While After Before Since Until During
This That These Those It Its He She They We You I His Her Their Our Your There Here Then Thus However Moreover
Furthermore Despite Although Though Because Within Without Under Over Between Among Through Across Against
Instead Meanwhile Initially Even Also Still Only Most Many Some Several Both Each Every All No Not Another Other
Such What Which Who Whom Whose Where Why How Following Later Earlier Today Yesterday Tomorrow Finally Overall
Therefore Nevertheless Additionally Soon Once Again First Second Third Last Next Previously Subsequently
January February March April May June July August September October November December Monday Tuesday
Wednesday Thursday Friday Saturday Sunday Spring Summer Autumn Fall Winter Mr Mrs Ms Dr St
"""
COMMON_CAPITALISED = frozenset(_COMMON_WORDS.split())


class CitedParagraph(NamedTuple):
    """The checkable facts of one paragraph's cited sentences.

    Names are checked against the whole transcript, not a window, so they are kept once
    per paragraph; a number is checked near the times its own sentence cites."""

    mapper: InlineMap  # of the paragraph: a fact's span is ``mapper.span(start, stop)``
    # (start, stop) in the paragraph's content, the number as written, its value, and the
    # seconds its sentence cites. Plain tuples: most numbers are said where they are
    # cited, so a position is mapped only when one is reported.
    numbers: list[tuple[int, int, str, float, tuple[int, ...]]]
    names: set[str]  # proper names of the cited sentences, each checked once
    sentences: list[tuple[int, str]]  # (offset, masked text) of the cited sentences, to place a name


def claims_of(
    token: Token, masked: str, sentences: list[Sentence], mapper: InlineMap, number_words: bool = True
) -> CitedParagraph | None:
    """The checkable facts of a paragraph's cited sentences; ``masked``: its masked prose,
    of which the sentences are slices; ``number_words``: whether the note may spell
    numbers out (``maybe_number_words`` of its text). Each pattern runs once over the
    paragraph, and its matches are given to their sentences in order."""
    cited_at = [  # (offset, seconds) of each citation the parser listed
        (child.meta["start"], [t.seconds for t in child.meta["times"] if t.seconds is not None])
        for child in token.meta.get("citations", ())
    ]
    if not cited_at:
        return None
    cited: list[tuple[int, int, int, tuple[int, ...]]] = []  # start, end, first word, times
    for sentence in sentences:
        first, end = sentence.start, sentence.start + len(sentence.text)
        times = tuple([t for start, seconds in cited_at if first <= start < end for t in seconds])
        if times:
            word = _FIRST_WORD.match(masked, first, end)
            cited.append((first, end, word.start(1) if word else -1, times))
    if not cited:
        return None
    names = {match.group() for match in _in_sentences(_NAME.finditer(masked), cited, skip_first=True)}
    names.difference_update(COMMON_CAPITALISED)
    numbers = _numbers(masked, cited)
    if number_words and maybe_number_words(token.content.lower()):
        for match, (_, _, _, times) in _with_sentences(_NUMBER_WORDS.finditer(masked), cited):
            value = word_number(match.group())
            if value is not None:
                numbers.append((match.start(), match.end(), match.group(), value, times))
    if not (numbers or names):
        return None
    return CitedParagraph(mapper, numbers, names, [(start, masked[start:end]) for start, end, _, _ in cited])


def _numbers(masked: str, cited: list) -> list[tuple[int, int, str, float, tuple[int, ...]]]:
    """Numbers written with digits in the cited sentences, but for those that are
    paraphrased freely or are no claim of their own."""
    numbers = []
    for (start, stop, value), (first, _, _, times) in _with_sentences(written_numbers(masked), cited, key=0):
        raw = masked[start:stop]
        if value < 10 and "." not in raw and masked[stop : stop + 1] != "%":
            continue  # small counts are paraphrased too freely ("two weeks" / "fourteen days")
        if _MONTH_BEFORE.search(masked[max(first, start - 12) : start]):
            continue  # the day of a date
        if masked.rfind("(", first, start) > masked.rfind(")", first, start):
            continue  # in parentheses: a conversion or an aside, "(1,500 square miles)"
        numbers.append((start, stop, raw, value, times))
    return numbers


def _with_sentences(found, cited: list, key: int | None = None):
    """(item, sentence) for each item (a match, or a tuple whose ``key`` is its start) that
    starts in a cited sentence; both come in order of their offsets."""
    index = 0
    for item in found:
        start = item.start() if key is None else item[key]
        while index < len(cited) and cited[index][1] <= start:
            index += 1
        if index == len(cited):
            return
        if cited[index][0] <= start:
            yield item, cited[index]


def _in_sentences(matches, cited: list, skip_first: bool = False):
    """The matches that stand in a cited sentence, without those on its first word (a
    sentence's first word is capitalised anyway)."""
    for match, sentence in _with_sentences(matches, cited):
        if not (skip_first and match.start() == sentence[2]):
            yield match


def name_places(paragraph: CitedParagraph, name: str) -> list[tuple[int, int]]:
    """(start, stop) in the paragraph's content of each place ``name`` stands as a name."""
    places = []
    for start, text in paragraph.sentences:
        first_word = _FIRST_WORD.match(text)
        skip = first_word.start(1) if first_word else -1
        places.extend(
            (start + match.start(), start + match.end())
            for match in _NAME.finditer(text)
            if match.group() == name and match.start() != skip
        )
    return places
