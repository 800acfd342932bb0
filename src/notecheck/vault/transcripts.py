"""Readers for transcripts: WebVTT, SRT and youtube-transcript-api JSON.

WebVTT and SRT with a small reader of our own. webvtt-py's default mode drops cues it
cannot parse without a word (a file with ',' decimals gives zero cues). The ``srt``
package reads SRT well but took 0.79 s for the 1,000 transcripts of the benchmark vault
where this reader takes 0.24 s, with the same cues, times, text and lines. We keep the
line of every cue, and the first malformed timing line is reported.

YouTube's automatic captions (``yt-dlp --write-auto-subs``) say each phrase about three
times: a rolling two-line window, 10 ms "hold" cues, and again as the top line of the
next cue, with word timings such as ``<00:00:04.560><c> word</c>``. We de-duplicate by
the file's structure, never by comparing text (which would delete real repetition):
cues shorter than 50 ms are skipped, and in a cue with word timings only the lines that
carry them are kept.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from notecheck.note.source import read_regular_file

_STAMP = r"(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{1,3})"  # [H:]MM:SS.mmm (or ,mmm): four groups
_TIMING = re.compile(rf"^\s*{_STAMP}\s*-->\s*{_STAMP}(?:\s.*)?$")
# The usual form, "00:01:02,500 --> 00:01:05,000", by a pattern with no choices to try: it
# matches what _TIMING matches with the same groups, in half the time.
_USUAL_TIMING = re.compile(r"(\d\d):(\d\d):(\d\d)[.,](\d{3}) --> (\d\d):(\d\d):(\d\d)[.,](\d{3})(?:\s.*)?$")
_ARROW = re.compile(r"\s*[\d:.,]+\s*-+>")  # "00:01,000 -> 00:02,000": meant as a timing line
_TAG = re.compile(r"<[^>]*>")
_WORD_TIMING = re.compile(r"<\d{2}:\d{2}:\d{2}\.\d{3}>")
HOLD_CUE_MS = 50


class Transcript:
    """Cues of one transcript file, and the first problem found in it (line, message)."""

    def __init__(self, cues: list[Cue], problem: tuple[int, str] | None = None) -> None:
        self.cues = cues
        self.problem = problem

    @property
    def end(self) -> float | None:
        """The end of its last cue (a lower bound of the video's length); None without cues."""
        return max([cue.end for cue in self.cues], default=None)


class Cue(NamedTuple):
    """One cue (a tuple: a transcript has hundreds, a vault hundreds of thousands)."""

    start: float
    end: float
    text: str
    line: int  # line of the timing line in the file (0 for JSON)


class _Numbers(dict):
    """The value of a string of digits: a table for the usual ones, ``int`` for the rest."""

    def __init__(self, table: dict[str, int], read: Callable[[str], int]) -> None:
        super().__init__(table)
        self.read = read

    def __missing__(self, digits: str) -> int:
        return self.read(digits)


# A table lookup costs a fifth of ``int``, and a transcript has hundreds of times to read.
_DIGITS = _Numbers({f"{n:02d}": n for n in range(100)}, int)
_MILLIS = _Numbers(
    {
        **{f"{n:03d}": n for n in range(1000)},
        **{f"{n:02d}": n * 10 for n in range(100)},
        **{str(n): n * 100 for n in range(10)},
    },
    lambda digits: int(digits.ljust(3, "0")),
)


def _ms(hours: str | None, minutes: str, seconds: str, fraction: str) -> int:
    """Milliseconds of a time matched by ``_STAMP``, from its four groups. Whole numbers,
    so that a cue of exactly 50 ms is not taken for a hold cue by a rounding error."""
    return (
        ((_DIGITS[hours] * 60 if hours else 0) + _DIGITS[minutes]) * 60_000
        + _DIGITS[seconds] * 1000
        + _MILLIS[fraction]
    )


MAX_TRANSCRIPT_BYTES = 50 << 20


def read_transcript(path: Path, root: Path | None = None) -> Transcript:
    """A transcript file's cues; a file that cannot be read gives no cues and a problem
    (a link out of the vault ``root``, a FIFO or a device, or over 50 MB is not read)."""
    try:
        text = read_regular_file(path, MAX_TRANSCRIPT_BYTES, root).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        return Transcript([], (1, f"cannot be read: {err}"))
    suffix = path.suffix.lower()
    if suffix == ".json":
        return Transcript(_json_cues(text))
    if suffix == ".srt":
        return _srt_cues(text)
    return _vtt_cues(text)


KEEP_RECENT = 8  # a vault of 10,000 transcripts held in memory took a gigabyte
_RECENT: dict[tuple[str, int, int], Transcript] = {}


def stamp(path: Path) -> tuple[int, int]:
    """(size, mtime in ns) of a file, (-1, -1) when it cannot be read: what a cached read depends on."""
    try:
        stat = path.stat()
    except OSError:
        return -1, -1
    return stat.st_size, stat.st_mtime_ns


def stamps(root: Path, rels: tuple[str, ...]) -> tuple[tuple[str, int, int], ...]:
    """(file, size, mtime) of each transcript a note's findings were checked against."""
    return tuple((rel, *stamp(root / rel)) for rel in rels)


def remembered(
    path: Path,
    load: Callable[[], Transcript] | None = None,
    stamped: tuple[int, int] | None = None,
    root: Path | None = None,
) -> Transcript:
    """A transcript read at most once per process while its file is unchanged.

    The notes of one video, and the rules that read its transcript in both phases, share
    one read; only the last few stay in memory. ``load`` reads it when it is not here
    (default: the file itself); ``stamped``: the file's ``stamp`` when the caller has it."""
    key = (str(path), *(stamped or stamp(path)))
    transcript = _RECENT.pop(key, None)
    if transcript is None:
        transcript = load() if load is not None else read_transcript(path, root)
    _RECENT[key] = transcript  # most recent last
    while len(_RECENT) > KEEP_RECENT:
        del _RECENT[next(iter(_RECENT))]
    return transcript


def forget_recent() -> None:
    """Drop the transcripts this process remembers (tests use it to count reads)."""
    _RECENT.clear()


def read_cues(path: Path) -> list[Cue]:
    """Cues of a transcript file; an empty list when it holds none or cannot be read."""
    return read_transcript(path).cues


def _srt_cues(text: str) -> Transcript:
    """SRT is WebVTT's cue blocks with a number line in front of each timing line and ','
    decimals; the cue reader skips the number lines as it skips VTT's cue identifiers."""
    return _vtt_cues(text, "SRT cue timing")


def _vtt_cues(text: str, what: str = "cue timing") -> Transcript:
    cues: list[Cue] = []
    problem: tuple[int, str] | None = None
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        # most lines are words: no regex
        match = (_USUAL_TIMING.match(line) or _TIMING.match(line)) if "-->" in line else None
        if not match:
            if problem is None and ("-->" in line or ("->" in line and _ARROW.match(line))):
                problem = (index + 1, f"malformed {what}: {line.strip()[:60]}")
            index += 1
            continue
        body: list[str] = []
        start_line = index + 1
        index += 1
        while index < len(lines) and lines[index] != "":  # a line of spaces does not end a cue
            body.append(lines[index])
            index += 1
        groups = match.groups()
        start, end = _ms(*groups[:4]), _ms(*groups[4:])
        if end - start < HOLD_CUE_MS:
            continue  # an auto-caption "hold" cue repeats the previous line
        words = " ".join(body)
        if "<" in words:  # tags: word timings, styling
            timed = [line for line in body if _WORD_TIMING.search(line)]
            words = _TAG.sub("", " ".join(timed) if timed else words)
        words = words.strip()
        if words:
            cues.append(Cue(start / 1000, end / 1000, words, start_line))
    return Transcript(cues, problem)


def _json_cues(text: str) -> list[Cue]:
    try:
        data: Any = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, or nested too deep to read
        return []
    while isinstance(data, dict):
        lists = [value for value in data.values() if isinstance(value, list)]
        if not lists:
            return []
        data = lists[0]
    if isinstance(data, list) and data and isinstance(data[0], list):
        data = data[0]
    cues = []
    for item in data if isinstance(data, list) else []:
        if not isinstance(item, dict):
            continue
        try:
            start = float(item.get("start", 0))
            end = start + float(item.get("duration", 0))
        except (TypeError, ValueError):
            continue
        if not (math.isfinite(start) and math.isfinite(end)):  # NaN, Infinity, 1e308 + 1e308: no time
            continue
        cues.append(Cue(start, end, str(item.get("text", "")), 0))
    return cues
