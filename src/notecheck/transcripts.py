"""Small, strict readers for transcripts: WebVTT, SRT and youtube-transcript-api JSON.

Our own reader rather than webvtt-py: its default mode drops cues it cannot parse
without a word (a file with ',' decimals gives zero cues). We accept both separators
and keep the line of every cue, so a malformed transcript can be reported where it is.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_TIMING = re.compile(r"^\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})(?:\s.*)?$")
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str
    line: int  # line of the timing line in the file (0 for JSON)


def _seconds(stamp: str) -> float:
    parts = stamp.replace(",", ".").split(":")
    value = 0.0
    for part in parts:
        value = value * 60 + float(part)
    return value


def read_cues(path: Path) -> list[Cue]:
    """Cues of a transcript file; an empty list when it holds none or cannot be read."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []
    if path.suffix.lower() == ".json":
        return _json_cues(text)
    return _timed_cues(text)


def _timed_cues(text: str) -> list[Cue]:
    cues: list[Cue] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        match = _TIMING.match(lines[index])
        if not match:
            index += 1
            continue
        body: list[str] = []
        start_line = index + 1
        index += 1
        while index < len(lines) and lines[index] != "":  # a line of spaces does not end a cue
            body.append(lines[index])
            index += 1
        words = _TAG.sub("", " ".join(body)).strip()
        cues.append(Cue(_seconds(match.group(1)), _seconds(match.group(2)), words, start_line))
    return cues


def _json_cues(text: str) -> list[Cue]:
    try:
        data: Any = json.loads(text)
    except ValueError:
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
        cues.append(Cue(start, end, str(item.get("text", "")), 0))
    return cues


def last_cue_end(path: Path) -> float | None:
    cues = read_cues(path)
    return max(cue.end for cue in cues) if cues else None
