"""``notecheck -v``: which files a video note's checks use (its length and upload date,
its transcripts), and why a transcript was passed over, in words a user can act on."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from notecheck.vault.metadata import (
    _ID_IN_NAME,
    TRANSCRIPT_SUFFIXES,
    MetadataIndex,
    in_language_order,
    note_language,
    transcript_language,
)

if TYPE_CHECKING:
    from notecheck.note.summary import NoteSummary


def describe_sources(index: MetadataIndex, summary: NoteSummary) -> list[str]:
    """Lines (without the note's path) saying where a video note's facts come from."""
    video_id = summary.front_matter.get("videoId")
    if not isinstance(video_id, str):
        return ["no videoId: length, upload date and transcripts are not looked up"]
    meta = index.for_note(summary)
    lines = [f"videoId {video_id}"]
    if meta.duration is not None:
        bound = " (the end of its last cue: a lower bound)" if meta.duration_is_lower_bound else ""
        lines.append(f"length {_clock(meta.duration)} from {meta.duration_source}{bound}")
    else:
        lines.append("length unknown: no `duration` in the front matter, no info.json with this id, no transcript")
    if meta.upload_date is not None:
        lines.append(f"upload date {meta.upload_date.isoformat()} from {meta.upload_source}")
    else:
        lines.append("upload date unknown: no `uploadDate` in the front matter and no info.json with this id")
    info = index.info(video_id)
    if info is None:
        lines.append(f"info.json: none in the vault has id {video_id!r}")
    language = note_language(summary.front_matter)
    files = in_language_order(index.transcripts.get(video_id, ()), language)
    for position, rel in enumerate(files):
        tag = transcript_language(rel)
        if position == 0:
            lines.append(f"transcript {rel}: read first (NC207, and the length when nothing else gives it)")
        elif tag not in (language, "en", None):
            lines.append(f"transcript {rel}: read only when those before it hold no cue (language {tag!r})")
        else:
            lines.append(f"transcript {rel}: read only when those before it hold no cue")
    if not files:
        lines.append(_why_no_transcript(index, video_id))
    return lines


def _why_no_transcript(index: MetadataIndex, video_id: str) -> str:
    """No transcript has the id in its name: say what the vault's transcripts hold instead."""
    every = [rel for rel in index.vault.files if _is_transcript(rel)]
    if not every:
        return "transcript: none in the vault (.vtt, .srt, or youtube-transcript-api .json)"
    near = [rel for rel in every if video_id.lower() in rel.lower()]
    if near:
        return f"transcript: {near[0]} names the id in another case; ids are case-sensitive"
    unnamed = [rel for rel in every if not _ID_IN_NAME.search(rel.rsplit("/", 1)[-1])]
    hint = f"; {len(unnamed)} of them have no 11-character id in their name" if unnamed else ""
    return f"transcript: none of the vault's {len(every)} transcripts has {video_id!r} in its file name{hint}"


def _is_transcript(rel: str) -> bool:
    lower = rel.lower()
    return lower.endswith(TRANSCRIPT_SUFFIXES) and not lower.endswith(".info.json")


def _clock(seconds: Any) -> str:
    total = int(seconds)
    return f"{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"
