"""Citations of a video: ``[00:03:11]``, ``[3:11, 4:02]``, ``[03:11](https://youtu.be/ID?t=191)``."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from notecheck.model import record

# A bracket whose text is made only of times and separators looks like a citation.
CITATION_LIKE = re.compile(r"\s*\d+(?:[:.]\d+)*(?:\s*[,;]\s*\d+(?:[:.]\d+)*)*\s*")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
_ITEM = re.compile(r"[^,;]+")
_DURATION = re.compile(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?")
_VIDEO_ID = re.compile(r"[A-Za-z0-9_-]{11}")


@record
class CitedTime:
    text: str  # as written, stripped
    start: int  # offset of ``text`` inside the bracket's inner text
    seconds: int | None  # None when the time is not valid
    problem: str | None = None

    @property
    def canonical(self) -> str | None:
        return None if self.seconds is None else format_time(self.seconds)


def format_time(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}"


def parse_time(text: str) -> tuple[int | None, str | None]:
    """Seconds of ``H:MM:SS`` / ``MM:SS``, or None and what is wrong with it."""
    match = _TIME.fullmatch(text)
    if not match:
        return None, f"'{text}' is not a time of the form HH:MM:SS"
    first, second, third = match.groups()
    if third is None:
        hours, minutes, seconds = 0, int(first), int(second)
    else:
        hours, minutes, seconds = int(first), int(second), int(third)
    if third is None and minutes >= 60:
        return None, f"'{text}' has {minutes} minutes; write hours as HH:MM:SS"
    if minutes >= 60:
        return None, f"'{text}' has {minutes} minutes"
    if seconds >= 60:
        return None, f"'{text}' has {seconds} seconds"
    return hours * 3600 + minutes * 60 + seconds, None


def parse_citation(inner: str) -> list[CitedTime] | None:
    """The times in a bracket's text, or None when the bracket is not citation-like."""
    if ":" not in inner or not CITATION_LIKE.fullmatch(inner):
        return None
    times = []
    for item in _ITEM.finditer(inner):
        text = item.group().strip()
        if not text:
            continue
        start = item.start() + (len(item.group()) - len(item.group().lstrip()))
        seconds, problem = parse_time(text)
        times.append(CitedTime(text, start, seconds, problem))
    return times


def canonical_citation(times: list[CitedTime]) -> str:
    return "[" + ", ".join(t.canonical or t.text for t in times) + "]"


def parse_duration_param(value: str) -> int | None:
    """Seconds of a YouTube ``t=`` value: ``191``, ``191s``, ``3m11s``, ``1h2m3s``."""
    match = _DURATION.fullmatch(value.strip())
    if not match or not any(match.groups()):
        return None
    hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
    return hours * 3600 + minutes * 60 + seconds


@record
class VideoLink:
    video_id: str | None
    t: int | None  # seconds, None when the link has no t=
    t_text: str | None  # the raw t= value


def parse_video_url(url: str) -> VideoLink | None:
    """The video id and ``t=`` of a YouTube URL; None for other URLs."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    query = parse_qs(parts.query)
    video_id: str | None = None
    if host == "youtu.be":
        video_id = parts.path.strip("/").split("/")[0] or None
    elif host in ("youtube.com", "music.youtube.com", "youtube-nocookie.com"):
        if parts.path == "/watch":
            video_id = query["v"][0] if query.get("v") else None
        else:
            segments = parts.path.strip("/").split("/")
            if len(segments) >= 2 and segments[0] in ("embed", "shorts", "live", "v"):
                video_id = segments[1]
    else:
        return None
    given = query.get("t") or query.get("start")
    t_text = given[0] if given else None
    if t_text is None and parts.fragment.startswith("t="):
        t_text = parts.fragment[2:]
    t = parse_duration_param(t_text) if t_text is not None else None
    return VideoLink(video_id, t, t_text)


def is_video_id(value: object) -> bool:
    return isinstance(value, str) and bool(_VIDEO_ID.fullmatch(value))
