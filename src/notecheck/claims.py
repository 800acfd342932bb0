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


class CitedSentence(NamedTuple):
    """The checkable facts of one cited sentence, with the seconds it cites."""

    mapper: InlineMap  # of its paragraph: a fact's span is ``mapper.span(start, stop)``
    times: tuple[int, ...]
    # (start, stop) in the paragraph's content, the number as written, its value. Plain
    # tuples: most numbers are said where they are cited, so a position is mapped only
    # when one is reported.
    numbers: list[tuple[int, int, str, float]]
    names: set[str]  # proper names, each checked once; their places are found if one is unsaid
    text: str  # the sentence (masked prose)
    start: int  # its offset in the paragraph's content


def claims_of(
    token: Token, sentences: list[Sentence], mapper: InlineMap, number_words: bool = True
) -> list[CitedSentence]:
    """The checkable facts of every cited sentence of one paragraph; ``number_words``:
    whether the note may spell numbers out (``maybe_number_words`` of its text)."""
    cited_at = [  # (offset, seconds) of each citation the parser listed
        (child.meta["start"], [t.seconds for t in child.meta["times"] if t.seconds is not None])
        for child in token.meta.get("citations", ())
    ]
    if not cited_at:
        return []
    cited: list[CitedSentence] = []
    number_words = number_words and maybe_number_words(token.content.lower())
    for sentence in sentences:
        first, end = sentence.start, sentence.start + len(sentence.text)
        times = tuple([t for start, seconds in cited_at if first <= start < end for t in seconds])
        if not times:
            continue
        text = sentence.text
        numbers: list[tuple[int, int, str, float]] = []
        for start, stop, value in written_numbers(text):
            raw = text[start:stop]
            if value < 10 and "." not in raw and text[stop : stop + 1] != "%":
                continue  # small counts are paraphrased too freely ("two weeks" / "fourteen days")
            if _MONTH_BEFORE.search(text[max(0, start - 12) : start]):
                continue  # the day of a date
            if text.rfind("(", 0, start) > text.rfind(")", 0, start):
                continue  # in parentheses: a conversion or an aside, "(1,500 square miles)"
            numbers.append((first + start, first + stop, raw, value))
        if number_words:
            for match in _NUMBER_WORDS.finditer(text):
                value = word_number(match.group())
                if value is not None:
                    numbers.append((first + match.start(), first + match.end(), match.group(), value))
        names = _names(text)
        if numbers or names:
            cited.append(CitedSentence(mapper, times, numbers, names, text, first))
    return cited


def _names(text: str) -> set[str]:
    """The proper names of a sentence: capitalised words, but for common ones and the
    sentence's first word (capitalised anyway). A name that also stands elsewhere in the
    sentence still counts."""
    found = _NAME.findall(text)
    if not found:
        return set()
    first_word = _FIRST_WORD.match(text)
    at_start = _NAME.match(text, first_word.start(1)) if first_word else None
    if at_start is not None:
        found.remove(at_start.group())
    return set(found).difference(COMMON_CAPITALISED)


def name_places(sentence: CitedSentence, name: str) -> list[tuple[int, int]]:
    """(start, stop) in the paragraph's content of each place ``name`` stands as a name."""
    first_word = _FIRST_WORD.match(sentence.text)
    skip = first_word.start(1) if first_word else -1
    return [
        (sentence.start + match.start(), sentence.start + match.end())
        for match in _NAME.finditer(sentence.text)
        if match.group() == name and match.start() != skip
    ]
