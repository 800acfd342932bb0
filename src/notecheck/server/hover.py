"""What the server shows on hover and where "go to definition" leads: a citation's time,
the video's length and what the transcript says around it; a wikilink's target note and
the first lines of the heading or block it points to."""

from __future__ import annotations

import re
from dataclasses import dataclass

from notecheck.note.citation import format_time
from notecheck.note.summary import LinkRef, NoteSummary
from notecheck.server.session import VaultSession

BEFORE, AFTER = 10, 20  # seconds of transcript shown around a cited time
PREVIEW_LINES = 6


@dataclass
class Target:
    """Where a wikilink leads: the file, and the line (1-based) of its heading or block."""

    path: str
    line: int
    found: bool  # False: the heading or block is not in the note (the link is broken there)


def citation_at(summary: NoteSummary, line: int, column: int) -> int | None:
    """The cited time (seconds) whose text holds (line, column)."""
    times = summary.cited_times
    for index in range(0, len(times), 4):
        seconds, at_line, at_column, length = times[index : index + 4]
        if at_line == line and at_column <= column <= at_column + length:
            return seconds
    return None


def link_at(summary: NoteSummary, line: int, column: int) -> LinkRef | None:
    for ref in summary.links:
        span = ref.span
        after_start = (line, column) >= (span.line, span.column)
        before_end = (line, column) < (span.end_line, span.end_column)
        if after_start and before_end:
            return ref
    return None


def citation_hover(session: VaultSession, summary: NoteSummary, seconds: int) -> str:
    from notecheck.vault import transcripts
    from notecheck.vault.metadata import MetadataIndex, in_language_order, note_language

    lines = [f"**Cited time** {format_time(seconds)}"]
    video_id = summary.video_id
    index = MetadataIndex.of(session.run.vault)
    meta = index.for_note(summary)
    if meta.duration is not None:
        bound = " at least" if meta.duration_is_lower_bound else ""
        lines.append(f"**Video length**{bound} {format_time(int(meta.duration))} (from {meta.duration_source})")
    else:
        lines.append("**Video length** unknown (no `duration`, info.json or transcript)")
    if video_id:
        lines.append(
            f"[Open the video at {format_time(seconds)}](https://www.youtube.com/watch?v={video_id}&t={seconds}s)"
        )
        files = in_language_order(index.transcripts.get(video_id, ()), note_language(summary.front_matter))
        for rel in files:
            read = transcripts.remembered(session.root / rel, root=session.root)
            said = [cue for cue in read.cues if seconds - BEFORE <= cue.start <= seconds + AFTER]
            if read.cues:
                lines.append(
                    f"**Transcript** {rel}, {format_time(max(0, seconds - BEFORE))} to {format_time(seconds + AFTER)}:"
                )
                lines += [f"> [{format_time(int(cue.start))}] {cue.text}" for cue in said] or ["> (nothing said)"]
                break
    return "\n\n".join(lines)


def resolve_link(session: VaultSession, summary: NoteSummary, ref: LinkRef) -> Target | None:
    from notecheck.rules.links.common import has_heading_path, normalize_heading

    link = ref.link
    path = summary.rel if not link.target else session.run.vault.resolve(link.target, summary.rel).path
    if path is None:
        return None
    if link.anchor is None:
        return Target(path, 1, True)
    target = session.summary(path) if path != summary.rel else summary
    if target is None:
        return Target(path, 1, False)
    block = link.block_id
    if block is not None:
        line = _block_line(session.text(path) or "", block)
        return Target(path, line or 1, line is not None)
    wanted = link.headings
    if wanted and has_heading_path(target, wanted):
        last = normalize_heading(wanted[-1])
        for heading in target.headings:
            if normalize_heading(heading.text) == last:
                return Target(path, heading.line, True)
    return Target(path, 1, False)


def _block_line(text: str, block: str) -> int | None:
    pattern = re.compile(rf"\^{re.escape(block)}[ \t]*$", re.IGNORECASE)
    for number, line in enumerate(text.splitlines(), 1):
        if pattern.search(line):
            return number
    return None


def link_hover(session: VaultSession, target: Target | None, ref: LinkRef) -> str:
    if target is None:
        return f"**{ref.link.target}**: no such note in the vault"
    head = f"**{target.path}**" + ("" if target.found else f" (no '{ref.link.anchor}' in it)")
    text = session.text(target.path)
    if text is None:
        return head
    lines = text.splitlines()
    start = target.line - 1
    if target.line == 1 and lines and lines[0].strip() == "---":  # skip the front matter
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0)
        start = end + 1
    preview = lines[start : start + PREVIEW_LINES]
    return head + "\n\n```markdown\n" + "\n".join(preview) + "\n```"
