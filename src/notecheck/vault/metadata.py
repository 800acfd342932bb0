"""Video metadata from files users already keep, indexed once per run.

Order (the first source that has a value wins):
1. the note's front matter: ``duration`` (seconds, ``H:MM:SS`` or ``MM:SS``), ``uploadDate``
   (ISO date) or ``upload_date`` (``YYYYMMDD``);
2. a yt-dlp ``*.info.json`` anywhere in the vault whose ``id`` is the note's ``videoId``
   (matched by the id inside, never by the title): ``duration``, ``upload_date`` (UTC);
3. a transcript (``.vtt``, ``.srt``, youtube-transcript-api ``.json``) with the id in its
   file name: the end of its last cue, a lower bound of the length, used only when
   nothing above gives a duration.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from notecheck.note.source import read_regular_file
from notecheck.vault import transcripts

if TYPE_CHECKING:
    from notecheck.note.summary import NoteSummary
    from notecheck.vault.resolve import Vault

_ID_IN_NAME = re.compile(r"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{11}(?![A-Za-z0-9_-])")
_CLOCK = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{2})")
TRANSCRIPT_SUFFIXES = (".vtt", ".srt", ".json")
MAX_INFO_BYTES = 20 << 20  # a yt-dlp info.json with every format listed is a few MB


def transcripts_by_video(files: list[str]) -> dict[str, tuple[str, ...]]:
    """Transcript files of a vault by the video id in their names, in file order."""
    found: dict[str, list[str]] = {}
    for rel in files:
        lower = rel.lower()
        if lower.endswith(TRANSCRIPT_SUFFIXES) and not lower.endswith(".info.json"):
            for video_id in _ID_IN_NAME.findall(rel.rsplit("/", 1)[-1]):
                found.setdefault(video_id, []).append(rel)
    return {video_id: tuple(rels) for video_id, rels in found.items()}


_LANGUAGE_TAG = re.compile(r"\.([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)\.(?:vtt|srt|json)$", re.IGNORECASE)


def transcript_language(rel: str) -> str | None:
    """The language a transcript's name gives, as yt-dlp writes it: ``X [id].en.vtt`` ->
    ``en``, ``X [id].pt-BR.srt`` -> ``pt``; None when the name has none."""
    match = _LANGUAGE_TAG.search(rel.rsplit("/", 1)[-1])
    return match.group(1).split("-")[0].split("_")[0].lower() if match else None


def note_language(front_matter: dict[str, Any]) -> str:
    """A note's language: front matter ``lang`` or ``language`` (``de``, ``de-DE``), else English."""
    for key in ("lang", "language"):
        value = front_matter.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip().split("-")[0].split("_")[0].lower()
    return "en"


def in_language_order(files: tuple[str, ...], language: str) -> tuple[str, ...]:
    """A video's transcripts, those in the note's language first, then English ones, then
    those whose name gives no language, then the others (each group in file order)."""
    if len(files) < 2:
        return files

    def rank(rel: str) -> int:
        tag = transcript_language(rel)
        if tag == language:
            return 0
        if tag == "en":
            return 1
        return 2 if tag is None else 3

    return tuple(sorted(files, key=rank))


@dataclass(frozen=True)
class VideoMetadata:
    duration: float | None = None
    duration_source: str | None = None  # where the duration came from, for messages
    duration_is_lower_bound: bool = False
    upload_date: dt.date | None = None
    upload_source: str | None = None


def parse_duration(value: Any) -> float | None:
    """Seconds from a number or an ``H:MM:SS`` / ``MM:SS`` string; None when it is neither."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if value >= 0 and math.isfinite(value) else None
    if isinstance(value, str):
        match = _CLOCK.fullmatch(value.strip())
        if match:
            hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
            if minutes < 60 and seconds < 60:
                return float(hours * 3600 + minutes * 60 + seconds)
    return None


def parse_upload_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value if not isinstance(value, dt.datetime) else value.date()
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        if re.fullmatch(r"\d{8}", text):
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


class MetadataIndex:
    """info.json files and transcripts of a vault, by video id."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self._info: dict[str, tuple[str, dict[str, Any]]] = {}
        self._unread = [rel for rel in vault.files if rel.lower().endswith(".info.json")]
        self.transcripts = transcripts_by_video(vault.files)
        self._notes: dict[tuple[Any, ...], VideoMetadata] = {}

    def info(self, video_id: str) -> tuple[str, dict[str, Any]] | None:
        """The info.json of a video (its file, and the fields we read), found by the id
        inside it. Read lazily (H-8): first the files whose name holds the id, as yt-dlp
        names them; only when none of those has it, every other file, once a run."""
        if video_id not in self._info and self._unread:
            named = [rel for rel in self._unread if video_id in rel.rsplit("/", 1)[-1]]
            for rel in named:
                self._read_info(rel)
            read = set(named)
            self._unread = [rel for rel in self._unread if rel not in read]
            if video_id not in self._info:
                for rel in self._unread:
                    self._read_info(rel)
                self._unread = []
        return self._info.get(video_id)

    @classmethod
    def of(cls, vault: Vault) -> MetadataIndex:
        """The vault's index, made once a run (``Vault.metadata``)."""
        return vault.metadata

    def _read_info(self, rel: str) -> None:
        try:
            raw = read_regular_file(self.vault.root / rel, MAX_INFO_BYTES, self.vault.root)
            data = json.loads(raw.decode("utf-8"))
        except (OSError, ValueError, RecursionError):  # unreadable, out of the vault, not JSON, or too deep
            return
        if isinstance(data, dict) and isinstance(data.get("id"), str):  # keep what we read, not the file
            self._info.setdefault(data["id"], (rel, {key: data.get(key) for key in ("duration", "upload_date")}))

    def transcript_end(self, rel: str) -> float | None:
        """The end of a transcript's last cue (None: it has none): read once per run
        (shared with NC207, which reads it in phase 1), and kept in the cache (when the
        run has one) while the file is unchanged."""
        path = self.vault.root / rel
        cache = self.vault.transcript_ends
        try:
            stat = path.stat()
        except OSError:
            stat = None
        if cache is not None and stat is not None:
            known, end = cache.transcript_end(rel, stat)
            if known:
                return end
        end = transcripts.remembered(path, root=self.vault.root).end
        if cache is not None and stat is not None:
            cache.store_transcript_end(rel, stat, end)
        return end

    def for_note(self, note: NoteSummary) -> VideoMetadata:
        front_matter = note.front_matter
        keys = ("videoId", "duration", "uploadDate", "upload_date")
        key = tuple(repr(front_matter.get(name)) for name in keys)
        if key not in self._notes:
            self._notes[key] = self._for_note(front_matter, dict(note.transcript_ends))
        return self._notes[key]

    def _for_note(self, front_matter: dict[str, Any], ends: dict[str, float | None]) -> VideoMetadata:
        """``ends``: transcripts that phase 1 (NC207) has read already, by their last cue's end."""
        video_id = front_matter.get("videoId")
        duration = parse_duration(front_matter.get("duration"))
        duration_source = "front matter 'duration'" if duration is not None else None
        upload = parse_upload_date(front_matter.get("uploadDate", front_matter.get("upload_date")))
        upload_source = "front matter" if upload else None
        lower_bound = False
        found = self.info(video_id) if isinstance(video_id, str) else None
        if found is not None:
            rel, info = found
            if duration is None and parse_duration(info.get("duration")) is not None:
                duration, duration_source = parse_duration(info.get("duration")), rel
            if upload is None and parse_upload_date(info.get("upload_date")):
                upload, upload_source = parse_upload_date(info.get("upload_date")), rel
        if duration is None and isinstance(video_id, str):
            for rel in self.transcripts.get(video_id, ()):
                end = ends[rel] if rel in ends else self.transcript_end(rel)
                if end is not None:
                    duration, duration_source, lower_bound = end, rel, True
                    break
        return VideoMetadata(duration, duration_source, lower_bound, upload, upload_source)
