"""Which cited times of a note are on the wrong scale, read from the note's own times.

Machine-written notes write MM:SS as MM:SS:00 (``[58:09:00]`` for 58 min 9 s), as
MM:SS:SS (``[05:54:54]``) or as M:SS:cc (``[04:15:08]`` for 4:15.08). Each reading of a
time ``H:M:S`` on the wrong scale means ``H:M`` as minutes and seconds, so the probable
time always drops the last field. NC208 reports what this finds; NC203 and NC204 leave
the times it explains to NC208, so that one mis-scaled note gives one finding.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from notecheck.note.citation import format_time

FAR_FACTOR = 2  # a lone time is far beyond the others at more than twice the next largest
FAR_GAP = 3600  # ... and more than an hour beyond it
MINUTES_AS_HOURS_FROM = 3  # "hours" a note rounded to whole minutes reaches before it reads as MM:SS:00


@dataclass(frozen=True)
class Time:
    """One cited time as written: its seconds and its fields (2 or 3 of them)."""

    seconds: int
    fields: tuple[int, ...]

    @classmethod
    def of(cls, seconds: int, written_length: int) -> Time:
        """From the seconds and the length of the text (``H:MM:SS`` has 7 or more)."""
        if written_length >= 7:
            hours, rest = divmod(seconds, 3600)
            return cls(seconds, (hours, *divmod(rest, 60)))
        return cls(seconds, divmod(seconds, 60))

    @property
    def probable(self) -> int:
        """The time it most likely means when on the wrong scale: its first two fields as M:SS."""
        return self.fields[0] * 60 + self.fields[1]


def probable_text(seconds: int) -> str:
    """``58:09`` for 3489 seconds: how a mis-scaled time was meant, as minutes and seconds."""
    minutes, secs = divmod(seconds, 60)
    return f"{minutes:02d}:{secs:02d}"


@dataclass
class Scale:
    """The verdict on a note's times: index of each mis-scaled time, with why."""

    reasons: dict[int, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.reasons)

    def __contains__(self, index: int) -> bool:
        return index in self.reasons


def misscaled(times: Sequence[Time], max_length: int, length: float | None = None, grace: float = 1) -> Scale:
    """Which of a note's times (in note order) are on the wrong scale.

    ``length``: the video's length when known; a time past it is mis-scaled when every
    time past it fits once rescaled. Without it, a lone time far beyond all the others
    is. Plausible notes (a two-hour podcast, a lecture spread over 1 h 30) give nothing:
    each test asks for a pattern that correct times show by chance once in thousands."""
    scale = Scale()
    three = [index for index, time in enumerate(times) if len(time.fields) == 3]
    hourly = [index for index in three if times[index].fields[0] >= 1]
    for index in three:
        if times[index].seconds > max_length:
            scale.reasons[index] = f"past {format_time(max_length)}, longer than any video"
    _minutes_as_hours(times, three, hourly, scale)
    _seconds_repeated(times, three, hourly, scale)
    if length is None:
        _far_beyond(times, scale)
    else:
        past = [index for index, time in enumerate(times) if time.seconds > length + grace]
        fits = all(len(times[index].fields) == 3 and times[index].probable <= length + grace for index in past)
        # One time under an hour past the end is more likely a wrong time (NC203) than a scale.
        plural = len(past) >= 2 or any(times[index].fields[0] >= 1 for index in past)
        if past and fits and plural:
            for index in past:
                scale.reasons.setdefault(index, f"past the end of the video, {format_time(int(length))} long")
    return scale


def _minutes_as_hours(times: Sequence[Time], three: list[int], hourly: list[int], scale: Scale) -> None:
    """MM:SS written as MM:SS:00: two or more times of an hour or more, all ending in :00.

    In a note whose every H:MM:SS time ends in :00, all of them, when the "hours" reach 3,
    or take three values or more with minutes not all multiples of five (a note rounded
    to whole minutes could be a long video's). In a note that cites its other times to
    the second, its times of an hour or more, when read as MM:SS they fit the note's order."""
    if len(hourly) < 2 or any(times[index].fields[2] for index in hourly):
        return
    whole = all(times[index].fields[2] == 0 for index in three)  # every H:MM:SS time ends in :00
    if whole:
        hours = {times[index].fields[0] for index in hourly}
        rounded = all(times[index].fields[1] % 5 == 0 for index in hourly)
        if max(hours) < MINUTES_AS_HOURS_FROM and (len(hours) + 1 < 3 or rounded):  # +1: the hour 0
            return
        chosen = [index for index in three if times[index].seconds]
    else:
        if not _fits_order(times, hourly):
            return
        chosen = hourly
    for index in chosen:
        scale.reasons.setdefault(index, "MM:SS written as MM:SS:00")


def _fits_order(times: Sequence[Time], chosen: list[int]) -> bool:
    """Whether the note's times are at least as well ordered with ``chosen`` read as MM:SS."""
    picked = set(chosen)
    as_written = [time.seconds for time in times]
    rescaled = [time.probable if index in picked else time.seconds for index, time in enumerate(times)]
    return len(longest_ordered(rescaled)) >= len(longest_ordered(as_written))


def _seconds_repeated(times: Sequence[Time], three: list[int], hourly: list[int], scale: Scale) -> None:
    """MM:SS written as MM:SS:SS: the seconds field repeats the minutes field."""
    repeated = [index for index in hourly if times[index].fields[1] == times[index].fields[2] != 0]
    if not repeated:
        return
    if len(repeated) >= 2 and 2 * len(repeated) >= len(hourly):
        chosen = [index for index in three if times[index].fields[1] == times[index].fields[2] != 0]
    else:  # a lone one: only where it fits among the note's times under an hour once rescaled
        under = [time.seconds for index, time in enumerate(times) if index not in hourly]
        if len(under) < 2:
            return
        top = max(under)
        chosen = [index for index in repeated if times[index].probable <= top + 60]
        if not _fits_order(times, chosen):
            return
    for index in chosen:
        scale.reasons.setdefault(index, "MM:SS written as MM:SS:SS")


def _far_beyond(times: Sequence[Time], scale: Scale) -> None:
    """A few times far beyond all the others: more than twice the next largest and more
    than an hour beyond it, with at least three times below and more below than above,
    written in a mis-scaled shape (ending in :00, or the seconds repeating the minutes):
    a podcast note may well cite its intro and then one late moment to the second."""
    values = sorted({time.seconds for index, time in enumerate(times) if index not in scale.reasons}, reverse=True)
    threshold = None
    for upper, lower in pairwise(values):
        if upper > FAR_FACTOR * lower and upper - lower > FAR_GAP:
            threshold = (upper, lower)
    if threshold is None:
        return
    upper, lower = threshold
    above = [index for index, time in enumerate(times) if time.seconds >= upper and index not in scale.reasons]
    below = [index for index, time in enumerate(times) if time.seconds <= lower]
    if len(below) < 3 or len(above) * 2 > len(below) or not _fits_order(times, above):
        return
    for index in above:
        fields = times[index].fields
        if len(fields) == 3 and (fields[2] == 0 or fields[1] == fields[2]):  # a mis-scaled shape, not a late time
            scale.reasons[index] = f"far beyond the note's other citations, whose largest is {format_time(lower)}"


def longest_ordered(values: list[int]) -> list[int]:
    """Indices of a longest non-decreasing subsequence of ``values`` (patience sorting,
    n log n); of several, the one that keeps the smaller values, so that one time that is
    too late is the one left out, not every correct time after it."""
    tails: list[int] = []  # tails[k]: index of the smallest last value of a run of length k + 1
    tail_values: list[int] = []
    previous = [-1] * len(values)
    for index, value in enumerate(values):
        k = bisect_right(tail_values, value)
        if k > 0:
            previous[index] = tails[k - 1]
        if k == len(tails):
            tails.append(index)
            tail_values.append(value)
        else:
            tails[k] = index
            tail_values[k] = value
    run = []
    index = tails[-1] if tails else -1
    while index >= 0:
        run.append(index)
        index = previous[index]
    return run[::-1]
