"""Checkable facts of cited sentences (numbers, years, proper names) for NC207."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import NamedTuple

from markdown_it.token import Token

from notecheck.note.positions import InlineMap
from notecheck.note.prose import MONTHS, Prose, Sentence, sentences_of
from notecheck.note.tokens import citation
from notecheck.rules.citations.numbers import word_number, written_numbers

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
# A month's name (or its abbreviation) just before a number: the number is the day of a
# date. Whole names only: "Decree 12" and "Mayor 3" are not dates.
_MONTH_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s*$")
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

    Names are checked against the whole transcript, not a window: the paragraph keeps
    every capitalised word once, and a name the transcript does not say is then placed
    in the cited sentences (``name_places``), which skips their first words. A number is
    checked near the times its own sentence cites."""

    mapper: InlineMap  # of the paragraph: a fact's span is ``mapper.span(start, stop)``
    # (start, stop) in the paragraph's content, the number as written, its value, and the
    # seconds its sentence cites. Plain tuples: most numbers are said where they are
    # cited, so a position is mapped only when one is reported.
    numbers: list[tuple[int, int, str, float, tuple[int, ...]]]
    names: set[str]  # capitalised words of the paragraph but common ones: names, perhaps
    prose: Prose  # the paragraph's masked prose
    citations: list[tuple[int, list[int]]]  # (offset, seconds) of each of its citations
    sentences: list[Sentence] | None  # None: not split yet (``name_places`` splits it)


def claims_of(
    token: Token, prose: Prose, sentences: list[Sentence] | None, mapper: InlineMap, number_words: bool = True
) -> CitedParagraph | None:
    """The checkable facts of a paragraph's cited sentences. ``prose``: its masked prose
    (``masked_prose``); ``sentences``: its sentences, or None when not split yet (a
    paragraph without numbers never needs them unless a name is unsaid);
    ``number_words``: whether the note may spell numbers out. Each pattern runs once
    over the paragraph (a search per sentence cost more than the searching)."""
    cited_at = [  # (offset, seconds) of each citation the parser listed
        (cited.start, [t.seconds for t in cited.times if t.seconds is not None])
        for cited in map(citation, token.meta.get("citations", ()))
    ]
    if not any(seconds for _, seconds in cited_at):
        return None
    masked = prose[0]
    digits = [(start, stop, masked[start:stop], value) for start, stop, value in written_numbers(masked)]
    words = []
    if number_words and maybe_number_words(token.content.lower()):
        for match in _NUMBER_WORDS.finditer(masked):
            value = word_number(match.group())
            if value is not None:
                words.append((match.start(), match.end(), match.group(), value))
    numbers = []
    if digits or words:
        if sentences is None:
            sentences = sentences_of(*prose)
        cited = _cited(sentences, cited_at)
        numbers = [(*n, times) for n, (first, times) in _in_cited(digits, cited) if _claimed(masked, first, n)]
        numbers.extend((*number, times) for number, (_, times) in _in_cited(words, cited))
    names = set(_NAME.findall(masked))
    names.difference_update(COMMON_CAPITALISED)
    if not (numbers or names):
        return None
    return CitedParagraph(mapper, numbers, names, prose, cited_at, sentences)


def _cited(sentences: list[Sentence], cited_at: list[tuple[int, list[int]]]) -> list[tuple[int, int, tuple[int, ...]]]:
    """(start, end, seconds it cites) of each sentence with a citation of a valid time."""
    cited = []
    cited_at = sorted(cited_at, key=lambda item: item[0])
    starts = [start for start, _ in cited_at]  # bisected, not scanned per sentence (H-10)
    for sentence in sentences:
        first, end = sentence.start, sentence.start + len(sentence.text)
        inside = cited_at[bisect_left(starts, first) : bisect_left(starts, end)]
        times = tuple([t for _, seconds in inside for t in seconds])
        if times:
            cited.append((first, end, times))
    return cited


def _in_cited(found: list[tuple[int, int, str, float]], cited: list[tuple[int, int, tuple[int, ...]]]):
    """(number, (start of its sentence, seconds it cites)) for the numbers in cited sentences."""
    firsts = [first for first, _, _ in cited]  # in sentence order, so sorted
    for number in found:
        at = bisect_right(firsts, number[0]) - 1
        if at >= 0 and number[0] < cited[at][1]:
            yield number, (cited[at][0], cited[at][2])


def _claimed(masked: str, first: int, number: tuple[int, int, str, float]) -> bool:
    """Whether a number written with digits in the sentence starting at ``first`` is a
    claim to check, not a small count, the day of a date or an aside."""
    start, stop, raw, value = number
    if value < 10 and "." not in raw and masked[stop : stop + 1] != "%":
        return False  # small counts are paraphrased too freely ("two weeks" / "fourteen days")
    if _MONTH_BEFORE.search(masked[max(first, start - 12) : start]):
        return False  # the day of a date
    # in parentheses: a conversion or an aside, "(1,500 square miles)"
    return not masked.rfind("(", first, start) > masked.rfind(")", first, start)


def name_places(paragraph: CitedParagraph, name: str) -> list[tuple[int, int]]:
    """(start, stop) in the paragraph's content of each place ``name`` stands as a name
    in a cited sentence, but for a sentence's first word (capitalised anyway)."""
    masked = paragraph.prose[0]
    sentences = paragraph.sentences if paragraph.sentences is not None else sentences_of(*paragraph.prose)
    places: list[tuple[int, int]] = []
    for first, end, _ in _cited(sentences, paragraph.citations):
        first_word = _FIRST_WORD.match(masked, first, end)
        skip = first_word.start(1) if first_word else -1
        places.extend(
            (match.start(), match.end())
            for match in _NAME.finditer(masked, first, end)
            if match.group() == name and match.start() != skip
        )
    return places
