"""Numbers as they are written and as they are said: "3,900", "5.5%", "fifty thousand",
"nineteen ninety-one". Used to check a note's facts against a transcript."""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
NUMBER_WORDS = {**UNITS, **TENS, **SCALES}

# The look-behind comes after the first digit, so the pattern starts with a character class
# the regex engine scans for at C speed (a pattern that starts with a look-behind is tried
# at every position).
_WRITTEN = re.compile(r"(\d(?<![\w.,]\d)(?:\d{0,2}(?:[, ]\d{3})+|\d*))(?:\.(\d+))?(?![\w])")
_WORD = re.compile(r"[a-z]+|\d[\d,.]*")


def written_numbers(text: str) -> list[tuple[int, int, float]]:
    """(start, end, value) of numbers written with digits: 3,900 / 50 000 / 5.5 / 1991."""
    if text.isascii() and not _has_digit(text):
        return []  # ten searches for a character are 14 times faster than the pattern's scan
    found = []
    for match in _WRITTEN.finditer(text):
        whole = match.group(1).replace(",", "").replace(" ", "")
        value = float(whole + ("." + match.group(2) if match.group(2) else ""))
        found.append((match.start(), match.end(), value))
    return found


def _has_digit(text: str) -> bool:
    """Written out: a generator over the ten digits cost five times as much (24 us a note, this 5)."""
    return (
        "0" in text or "1" in text or "2" in text or "3" in text or "4" in text
        or "5" in text or "6" in text or "7" in text or "8" in text or "9" in text
    )  # fmt: skip


def spoken_values(text: str) -> set[float]:
    """Every value a transcript says, in digits or in words, with years read both ways."""
    words = _WORD.findall(text.lower().replace("-", " "))
    if NUMBER_WORDS.keys().isdisjoint(words):  # digits only, the common case: no runs of words to read
        return {value for word in words if word[0].isdigit() for _, _, value in written_numbers(word)}
    values: set[float] = set()
    run: list[str] = []
    for word in [*words, "."]:
        if word in NUMBER_WORDS or (run and word in ("and", "point", "a")):
            run.append(word)
            continue
        if run:
            values |= _run_values(run)
            run = []
        if word[0].isdigit():
            values |= {value for _, _, value in written_numbers(word)}
    return values


def _run_values(run: list[str]) -> set[float]:
    while run and run[-1] in ("and", "point", "a"):
        run = run[:-1]
    if not run:
        return set()
    values = set()
    if "point" in run:
        whole, _, fraction = _split(run, "point")
        digits = "".join(str(UNITS.get(word, "")) for word in fraction)
        base = _cardinal(whole)
        if base is not None and digits:
            values.add(float(f"{int(base)}.{digits}"))
        run = whole
    cardinal = _cardinal(run)
    if cardinal is not None:
        values.add(cardinal)
    # "nineteen ninety one", "twenty twenty two": a year said as two numbers under a hundred
    # (a few words at most: cutting a long run everywhere was quadratic, H-10)
    for cut in range(1, len(run) if len(run) <= 6 else 1):
        first, second = _cardinal(run[:cut]), _cardinal(run[cut:])
        if first is not None and second is not None and 10 <= first < 100 and second < 100:
            values.add(first * 100 + second)
    # every single word too: "two thousand ... five" must not hide the five
    values |= {float(NUMBER_WORDS[word]) for word in run if word in UNITS or word in TENS}
    return values


def _split(run: list[str], word: str) -> tuple[list[str], str, list[str]]:
    index = run.index(word)
    return run[:index], word, run[index + 1 :]


def _cardinal(words: list[str]) -> float | None:
    total, current = 0, 0
    seen = False
    for word in words:
        if word in ("and", "a"):
            if word == "a":
                current = max(current, 1)
            continue
        if word in UNITS or word in TENS:
            current += NUMBER_WORDS[word]
            seen = True
        elif word in SCALES:
            scale = SCALES[word]
            current = max(current, 1) * scale
            if scale >= 1000:
                total += current
                current = 0
            seen = True
        else:
            return None
    return float(total + current) if seen else None


def word_number(text: str) -> float | None:
    """The value of a number written in words in a note: "seventy", "fifty thousand"."""
    words = text.lower().replace("-", " ").split()
    if not words or not all(word in NUMBER_WORDS or word == "and" for word in words):
        return None
    return _cardinal(words)
