"""Dates of facts in prose: a small grammar of our own, precise before all.

We measured dateparser's ``search_dates`` and datefinder on the user's example note:
dateparser found 21 "dates", among them "seventy years" (1851), "20% of" (a 20th of
August) and "1980s" (today's date); both fill missing days and months from today, so
``In 1917`` becomes a day of 1917. Neither keeps a granularity, which every rule here
needs. So we recognise a fixed set of English forms and nothing else:

- full dates: ``August 7, 2008``, ``7 August 2008``, ``Aug. 7, 2008``, ``2008-08-07``,
  with an optional weekday in front;
- ``May 31`` / ``31 May`` (the year comes from the nearest earlier date in the section);
- ``April 2008``, ``Spring 2022``, ``the summer of 2008``;
- years in date position: ``In 1917``, ``by 1991``, ``the 2008 war``, ``a 2015 treaty``;
- decades (``the late 1980s``) and centuries (``the 19th century``);
- relative: ``Five days later``, ``a year earlier``, ``the following year``, ``months later``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_right
from dataclasses import replace

from notecheck.model import record
from notecheck.note.prose import MONTHS

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a hundred": 100, "one hundred": 100,
}  # fmt: skip
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
VAGUE_AMOUNTS = ("several", "some", "a few", "few", "many", "a couple of", "a number of")
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "twenty-first": 21,
}  # fmt: skip

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?P<weekday>" + "|".join(WEEKDAYS) + r"),?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1\d{3}|20\d{2})"
_AMOUNT = (
    r"(?P<amount>\d{1,3}|(?:"
    + "|".join(_TENS)
    + r")-(?:one|two|three|four|five|six|seven|eight|nine)|"
    + "|".join(sorted(list(NUMBER_WORDS) + [re.escape(v) for v in VAGUE_AMOUNTS], key=len, reverse=True))
    + r")"
)
_UNIT = r"(?P<unit>day|week|month|year|decade)s?"
_QUANTITY_NOUNS = (
    "people|persons|troops|soldiers|men|women|children|votes|voters|km|kilometers|kilometres|miles|meters|"
    "metres|square|acres|hectares|tons|tonnes|dollars|euros|pounds|rubles|roubles|refugees|casualties|deaths|"
    "dead|killed|wounded|residents|inhabitants|members|pages|words|units|copies|cases|feet|years|days|months|"
    "households|families|tanks|vehicles|aircraft|delegates|seats|signatures|views|subscribers|times"
)
_NOT_A_QUANTITY = rf"(?!\d|[,.]\d|\s*%|\s+(?:{_QUANTITY_NOUNS})\b)"

# Order matters: earlier patterns win where matches overlap.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<month_num>\d{2})-(?P<day>\d{2})\b")),
    ("mdy", re.compile(rf"\b{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}\b(?!-)")),
    ("dmy", re.compile(rf"\b{_WEEKDAY}(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b(?!-)")),
    ("md", re.compile(rf"\b{_WEEKDAY}{_MONTH}\s+{_DAY}\b(?![:\d]|,?\s+\d)")),
    ("dm", re.compile(rf"\b{_WEEKDAY}(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}\b(?!,?\s+\d)")),
    ("my", re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b{_NOT_A_QUANTITY}")),
    (
        "season",
        re.compile(rf"(?i:\b(?P<season>spring|summer|autumn|fall|winter))\s+(?:of\s+)?{_YEAR}\b{_NOT_A_QUANTITY}"),
    ),
    (
        "century",
        re.compile(
            r"(?i:\b(?:the\s+)?(?:(?P<part>early|mid|late)[- ])?(?P<ordinal>\d{1,2}(?:st|nd|rd|th)|"
            + "|".join(ORDINAL_WORDS)
            + r")[- ]century\b)"
        ),
    ),
    ("decade", re.compile(r"(?i:\b(?:the\s+)?(?:(?P<part>early|mid|late)[- ])?)(?P<decade>1\d{2}0|20\d0)s\b")),
    (
        "year",
        re.compile(
            r"(?i:\b(?P<trigger>in|by|since|until|till|during|after|before|following|around|circa|throughout"
            r"|early|late|mid|from|between|and|the\s+year))\s+" + _YEAR + rf"\b{_NOT_A_QUANTITY}"
        ),
    ),
    ("year", re.compile(rf"\b(?i:the|a|an)\s+{_YEAR}\b(?=\s+[a-z]){_NOT_A_QUANTITY}")),
    (
        "relative",
        re.compile(
            rf"(?i:\b{_AMOUNT}\s+{_UNIT}\s+(?P<direction>later|earlier|afterwards?|previously"
            r"|after(?=\s*(?:[,.;:)]|$|\s+(?:that|this)\b))|before(?=\s*(?:[,.;:)]|$|\s+(?:that|this)\b))))"
        ),
    ),
    ("vague", re.compile(r"(?i:\b(?P<unit>day|week|month|year|decade)s\s+(?P<direction>later|earlier|afterwards?)\b)")),
    (
        "next",
        re.compile(
            r"(?i:\bthe\s+(?P<which>following|next|previous|preceding|prior)\s+(?P<unit>day|week|month|year|decade)\b)"
        ),
    ),
]

TOLERANCE_DAYS = {"day": 1, "week": 3, "month": 15, "year": 183, "decade": 3 * 365}
ANCHORING = ("day", "month", "season", "year")


@record
class When:
    start: dt.date
    end: dt.date  # inclusive
    granularity: str  # day, month, season, year, decade, century

    def overlaps(self, other: When, slack: int = 0) -> bool:
        pad = dt.timedelta(days=slack)
        start = self.start - pad if self.start - dt.date.min >= pad else dt.date.min  # near year 1 or 9999
        end = self.end + pad if dt.date.max - self.end >= pad else dt.date.max
        return start <= other.end and other.start <= end


@record
class Mention:
    """One temporal expression found in a sentence."""

    kind: str  # iso, mdy, dmy, md, dm, my, season, century, decade, year, relative, vague, next
    start: int  # offsets in the text it was found in
    end: int
    text: str
    when: When | None = None  # None until resolved, or when impossible
    problem: str | None = None  # why the date cannot exist (NC401)
    weekday: str | None = None
    amount: int | None = None  # relative: how many units (None: vague)
    unit: str | None = None
    direction: int = 0  # relative: +1 later, -1 earlier
    before: str = ""  # the word in front of it, lower case ("by 2030" is a target, not a fact)

    @property
    def relative(self) -> bool:
        return self.kind in ("relative", "vague", "next")


def year_span(year: int) -> When:
    return When(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def month_span(year: int, month: int) -> When:
    last = calendar.monthrange(year, month)[1]
    return When(dt.date(year, month, 1), dt.date(year, month, last), "month")


def day_when(year: int, month: int, day: int) -> tuple[When | None, str | None]:
    if not 1 <= year <= 9999:
        return None, f"there is no year {year} in the calendar"
    if not 1 <= month <= 12:
        return None, f"there is no month {month}"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return None, f"{calendar.month_name[month]} {year} has {last} days, not {day}"
    date = dt.date(year, month, day)
    return When(date, date, "day"), None


def _season(name: str, year: int) -> When:
    name = name.lower()
    if name == "spring":
        return When(dt.date(year, 3, 1), dt.date(year, 6, 20), "season")
    if name == "summer":
        return When(dt.date(year, 6, 1), dt.date(year, 9, 22), "season")
    if name in ("autumn", "fall"):
        return When(dt.date(year, 9, 1), dt.date(year, 12, 20), "season")
    return When(dt.date(year, 1, 1), dt.date(year + 1, 3, 20), "season")  # winter: either end of the year


def _part(start: int, length: int, part: str | None) -> tuple[int, int]:
    """Years of the early, mid or late part of a decade or century (thirds that overlap a little)."""
    if part is None:
        return start, start + length - 1
    third = length // 3
    if part.lower() == "early":
        return start, start + third + 1
    if part.lower() == "mid":
        return start + third - 1, start + 2 * third + 1
    return start + length - third - 2, start + length - 1


def _amount(text: str) -> int | None:
    text = text.lower()
    if text.isdigit():
        return int(text)
    tens, _, ones = text.partition("-")
    if ones:
        return NUMBER_WORDS[tens] + NUMBER_WORDS[ones]
    return NUMBER_WORDS.get(text)


def maybe_dated(text: str) -> bool:
    """Could this paragraph hold a date? A coarser form of the tests ``find_mentions`` starts
    with: a paragraph's citations are full of digits, so only the cheapest searches run here."""
    if _FOUR_DIGITS.search(text) is not None:
        return True
    if _DIGIT.search(text) is not None and _HINT_SEARCHES["month"].search(text) is not None:
        return True
    lower = text.lower()
    return "entury" in lower or (
        _UNITS.search(lower) is not None and (_DIRECTIONS.search(lower) is not None or _WHICH.search(lower) is not None)
    )


_DIGIT = re.compile(r"\d")
_FOUR_DIGITS = re.compile(r"\d{4}")
_WORD = re.compile(r"\w+")
# Each hint is one search whose pattern starts with a literal or a character class,
# which the regex engine scans at C speed.
_HINT_SEARCHES = {
    "iso": re.compile(r"\d{4}-\d\d-\d\d"),
    "decade": re.compile(r"\d{3}0s"),
    "month": re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"),
}
_UNITS = re.compile(r"day|week|month|year|decade")  # searched in lower case, as are the next ones
_DIRECTIONS = re.compile(r"later|earlier|after|before|previously")
_WHICH = re.compile(r"following|next|previous|preceding|prior")
_SEASONS = re.compile(r"spring|summer|autumn|fall|winter")
# Which hints a pattern needs before it is worth running (all of them must be present).
_NEEDS: dict[str, tuple[str, ...]] = {
    "iso": ("iso",), "mdy": ("year", "month"), "dmy": ("year", "month"), "md": ("digit", "month"),
    "dm": ("digit", "month"), "my": ("year", "month"), "season": ("year", "season"), "century": ("century",),
    "decade": ("decade",), "year": ("year",), "relative": ("unit", "direction"), "vague": ("unit", "direction"),
    "next": ("unit", "which"),
}  # fmt: skip


def _hints(text: str) -> set[str]:
    """What a sentence holds that some pattern needs; each pattern then runs only where all
    its hints are present (most sentences hold no date, and most patterns fit none)."""
    hints: set[str] = set()
    if _DIGIT.search(text) is not None:
        hints.add("digit")
        if _FOUR_DIGITS.search(text) is not None:
            hints.add("year")
            hints.update(name for name, search in _HINT_SEARCHES.items() if search.search(text) is not None)
        elif _HINT_SEARCHES["month"].search(text) is not None:
            hints.add("month")
    lower = text.lower()
    if "entury" in lower:
        hints.add("century")
    if _UNITS.search(lower) is not None:
        hints.add("unit")
        if _DIRECTIONS.search(lower) is not None:
            hints.add("direction")
        if _WHICH.search(lower) is not None:
            hints.add("which")
    if "year" in hints and _SEASONS.search(lower) is not None:
        hints.add("season")
    return hints


_PATTERN_NEEDS = [(kind, pattern, frozenset(_NEEDS[kind])) for kind, pattern in PATTERNS]


def _runnable(text: str) -> list[tuple[str, re.Pattern[str]]]:
    """The patterns worth running on ``text``, in PATTERNS order."""
    hints = _hints(text)
    if not hints:
        return []
    return [(kind, pattern) for kind, pattern, needs in _PATTERN_NEEDS if needs <= hints]


def find_mentions(text: str) -> list[Mention]:
    """Every temporal expression in ``text``, left to right, without overlaps."""
    starts: list[int] = []  # the spans taken so far, sorted and never overlapping (H-6: bisect,
    ends: list[int] = []  # not a scan of every earlier span, for lists of thousands of dates)
    found: list[Mention] = []
    for kind, pattern in _runnable(text):
        for match in pattern.finditer(text):
            start, end = match.span()
            if kind == "year":
                start = match.start("year")
            at = bisect_right(starts, start)
            if (at and ends[at - 1] > start) or (at < len(starts) and starts[at] < end):
                continue
            mention = _mention(kind, match, start, end, text)
            if mention is not None:
                previous = _WORD.findall(text, max(0, start - 20), start)
                if previous:
                    mention = replace(mention, before=previous[-1].lower())
                starts.insert(at, start)
                ends.insert(at, end)
                found.append(mention)
    return sorted(found, key=lambda m: m.start)


def _mention(kind: str, match: re.Match[str], start: int, end: int, text: str) -> Mention | None:
    groups = match.groupdict()
    raw = text[start:end]
    weekday = groups.get("weekday")
    if kind == "iso":
        when, problem = day_when(int(groups["year"]), int(groups["month_num"]), int(groups["day"]))
        return Mention(kind, start, end, raw, when, problem)
    if kind in ("mdy", "dmy"):
        when, problem = day_when(int(groups["year"]), MONTHS[groups["month"]], int(groups["day"]))
        return Mention(kind, start, end, raw, when, problem, weekday)
    if kind in ("md", "dm"):
        month, day = MONTHS[groups["month"]], int(groups["day"])
        if day == 0 or day > (29 if month == 2 else calendar.monthrange(2001, month)[1]):
            return Mention(kind, start, end, raw, None, f"{calendar.month_name[month]} never has {day} days", weekday)
        return Mention(kind, start, end, raw, None, None, weekday)
    if kind == "my":
        return Mention(kind, start, end, raw, month_span(int(groups["year"]), MONTHS[groups["month"]]))
    if kind == "season":
        return Mention(kind, start, end, raw, _season(groups["season"], int(groups["year"])))
    if kind == "year":
        return Mention(kind, start, end, raw, year_span(int(groups["year"])))
    if kind == "decade":
        first, last = _part(int(groups["decade"]), 10, groups.get("part"))
        return Mention(kind, start, end, raw, When(dt.date(first, 1, 1), dt.date(last, 12, 31), "decade"))
    if kind == "century":
        ordinal = groups["ordinal"].lower()
        number = ORDINAL_WORDS.get(ordinal) or int(re.sub(r"\D", "", ordinal))
        if not 1 <= number <= 21:
            return None
        first, last = _part((number - 1) * 100, 101, groups.get("part"))
        return Mention(kind, start, end, raw, When(dt.date(max(first, 1), 1, 1), dt.date(last, 12, 31), "century"))
    unit = groups["unit"].lower()
    if kind == "next":
        direction = 1 if groups["which"].lower() in ("following", "next") else -1
        return Mention(kind, start, end, raw, amount=1, unit=unit, direction=direction)
    direction = -1 if groups["direction"].lower() in ("earlier", "before", "previously") else 1
    amount = _amount(groups["amount"]) if kind == "relative" else None
    return Mention(kind, start, end, raw, amount=amount, unit=unit, direction=direction)


def _add(date: dt.date, amount: int, unit: str) -> dt.date:
    if unit in ("day", "week"):
        return date + dt.timedelta(days=amount * (7 if unit == "week" else 1))
    months = amount * {"month": 1, "year": 12, "decade": 120}[unit]
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    if not 1 <= year <= 9999:
        raise OverflowError("date out of range")
    day = min(date.day, calendar.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day)


def resolve_relative(mention: Mention, anchor: When) -> When | None:
    """The interval a relative expression points at, from its anchor (None when vague)."""
    if mention.amount is None or mention.unit is None:
        return None
    try:
        if mention.kind == "next":
            return _next(anchor, mention.unit, mention.direction)
        shift = mention.amount * mention.direction
        return When(_add(anchor.start, shift, mention.unit), _add(anchor.end, shift, mention.unit), anchor.granularity)
    except (OverflowError, ValueError):
        return None


def _next(anchor: When, unit: str, direction: int) -> When:
    """``the following year``: the calendar unit after (or before) the anchor's."""
    start = anchor.start
    if unit == "year":
        return year_span(start.year + direction)
    if unit == "decade":
        first = start.year // 10 * 10 + 10 * direction
        return When(dt.date(first, 1, 1), dt.date(first + 9, 12, 31), "decade")
    if unit == "month":
        moved = _add(start.replace(day=1), direction, "month")
        return month_span(moved.year, moved.month)
    if unit == "week":
        moved = start + dt.timedelta(days=7 * direction)
        return When(moved - dt.timedelta(days=3), moved + dt.timedelta(days=3), "day")
    moved = (anchor.end if direction > 0 else anchor.start) + dt.timedelta(days=direction)
    return When(moved, moved, "day")


def describe(when: When) -> str:
    """A date as a reader writes it, at its granularity."""
    start = when.start
    if when.granularity == "day":
        return f"{calendar.month_name[start.month]} {start.day}, {start.year}"
    if when.granularity == "month":
        return f"{calendar.month_name[start.month]} {start.year}"
    if when.granularity == "year" or start.year == when.end.year:
        return str(start.year)
    return f"{start.year}-{when.end.year}"


def parse_timeline_date(value: object) -> When | None:
    """A timeline ``date``: a year, a year-month or a full date (YAML may give an int)."""
    text = str(value).strip() if isinstance(value, (int, str)) and not isinstance(value, bool) else ""
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text)
    if not match:
        return None
    year, month, day = match.groups()
    if not 1 <= int(year) <= 9999:
        return None
    if month is None:
        return year_span(int(year))
    if not 1 <= int(month) <= 12:
        return None
    if day is None:
        return month_span(int(year), int(month))
    return day_when(int(year), int(month), int(day))[0]


_RANK = {"day": 0, "month": 1, "season": 2, "year": 3, "decade": 4, "century": 5}


def widen(when: When, granularity: str) -> When:
    """The interval of ``when`` at a coarser calendar granularity (day, month or year)."""
    if granularity == "month":
        first = month_span(when.start.year, when.start.month)
        last = month_span(when.end.year, when.end.month)
        return When(first.start, last.end, "month")
    if granularity == "year":
        return When(dt.date(when.start.year, 1, 1), dt.date(when.end.year, 12, 31), "year")
    return when


def agree(first: When, second: When) -> bool:
    """Do two dates overlap once both are read at the coarser of their granularities?"""
    coarser = max(first.granularity, second.granularity, key=_RANK.__getitem__)
    return widen(first, coarser).overlaps(widen(second, coarser))


def conflicts(mention: Mention, anchor: When, explicit: When) -> bool:
    """Does ``explicit`` contradict the relative ``mention`` counted from ``anchor``?"""
    if mention.amount is None:  # vague: only the direction can be checked
        if mention.direction > 0:
            return explicit.end < anchor.start
        return explicit.start > anchor.end
    expected = resolve_relative(mention, anchor)
    if expected is None or mention.unit is None:
        return False
    slack = 0 if mention.kind == "next" else TOLERANCE_DAYS[mention.unit]
    return not expected.overlaps(explicit, slack)
