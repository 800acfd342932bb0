"""What the HTML report draws besides the findings, gathered note by note while the run
checks them: the channel a note is from, its video's length and citations, the links
to notes that do not exist, and its dated facts. Only ``--output-format html`` asks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from notecheck.config import Config
    from notecheck.note.summary import NoteSummary
    from notecheck.vault.resolve import Vault

_FROM = re.compile(r"^From:\s*\[\[([^\]|#\n]+)", re.MULTILINE)
MAX_READ = 4 << 20


@dataclass
class NoteFacts:
    path: str  # as the report shows it
    channel: str | None = None
    video_id: str | None = None
    video: bool = False
    length: float | None = None
    length_source: str | None = None
    cited: list[tuple[int, int, int]] = field(default_factory=list)  # seconds, line, column
    misscaled: set[int] = field(default_factory=set)  # indexes into cited that read as on the wrong scale
    missing: list[str] = field(default_factory=list)  # link targets that name no file
    facts: list[tuple[str, str, str, int, int]] = field(default_factory=list)  # start, end, text, line, column


def gather(summary: NoteSummary, path: str, vault: Vault, config: Config) -> NoteFacts:
    from notecheck.vault.metadata import MetadataIndex
    from notecheck.vault.video import is_video_note

    facts = NoteFacts(path, video_id=summary.video_id)
    try:
        text = (vault.root / summary.rel).read_bytes()[:MAX_READ].decode("utf-8", "replace")
    except OSError:
        text = ""
    match = _FROM.search(text)
    if match:
        facts.channel = match.group(1).strip()
    if summary.readable and is_video_note(summary, config.table("frontmatter")):
        facts.video = True
        meta = MetadataIndex.of(vault).for_note(summary)
        facts.length, facts.length_source = meta.duration, meta.duration_source
    times = summary.cited_times
    facts.cited = [(times[i], times[i + 1], times[i + 2]) for i in range(0, len(times), 4)]
    if facts.video and facts.cited:
        from notecheck.rules.timestamps.common import max_length
        from notecheck.rules.timestamps.scale import Time, misscaled

        written = [Time.of(times[i], times[i + 3]) for i in range(0, len(times), 4)]
        facts.misscaled = set(misscaled(written, max_length(config.table("timestamps")), facts.length).reasons)
    for ref in summary.links:
        target = ref.link.target
        if target and vault.resolve(target, summary.rel).path is None:
            facts.missing.append(target)
    for fact in summary.facts:
        when = getattr(fact, "when", None)
        if when is not None:
            span = fact.span
            facts.facts.append(
                (when.start.isoformat(), when.end.isoformat(), fact.mention.text, span.line, span.column)
            )
    return facts
