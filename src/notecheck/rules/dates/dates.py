"""Dates of facts (NC4xx): impossible dates, wrong weekdays, contradicting relative dates,
facts dated after the video, and the vault's timeline."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from notecheck.engine.registry import Rule, register
from notecheck.model import Span

# notecheck.dating is imported inside the rules that use it: compiling its patterns takes
# 19 ms, which a warm run (findings straight from the cache) never needs.
from notecheck.vault.metadata import MetadataIndex
from notecheck.vault.video import is_video_note

if TYPE_CHECKING:
    from notecheck.engine.context import NoteContext, VaultReporter
    from notecheck.note.summary import NoteSummary
    from notecheck.rules.dates.dating import When
    from notecheck.vault.resolve import Vault

PUBLICATION_SLACK = dt.timedelta(days=1)  # yt-dlp's upload_date is UTC: a day either way
TARGET_WORDS = ("by", "until", "till", "before")  # "by 2030" names a target, not a fact


class _DateRule(Rule):
    family = "dates"
    needs = frozenset({"facts"})


@register
class ImpossibleDate(_DateRule):
    code = "NC401"
    name = "impossible-date"
    summary = "A date that does not exist: February 30, 1994; 31 April 2001; 2008-13-02."

    def check_note(self, note: NoteContext) -> None:
        for fact in note.summary.facts:
            if fact.mention.problem:
                note.report(self, fact.span, f"'{fact.mention.text}' is not a date: {fact.mention.problem}")


@register
class WeekdayMismatch(_DateRule):
    code = "NC402"
    name = "weekday-mismatch"
    summary = "A weekday that does not match its date: Sunday, November 3, 1990 (a Saturday)."

    def check_note(self, note: NoteContext) -> None:
        from notecheck.rules.dates.dating import describe

        for fact in note.summary.facts:
            weekday, when = fact.mention.weekday, fact.when
            if weekday and when is not None and when.granularity == "day":
                actual = calendar.day_name[when.start.weekday()]
                if actual != weekday:
                    note.report(self, fact.span, f"{describe(when)} was a {actual}, not a {weekday}")


@register
class RelativeDateConflict(_DateRule):
    code = "NC403"
    name = "relative-date-conflict"
    summary = "A relative date ('two months later') and an explicit date in one sentence that disagree."

    def check_note(self, note: NoteContext) -> None:
        for fact in note.summary.facts:
            if fact.conflict:
                note.report(self, fact.span, fact.conflict)


@register
class DateAfterPublication(_DateRule):
    code = "NC404"
    name = "date-after-publication"
    summary = "A cited fact in a video note dated after the video was published."
    early = True  # reads the note and its video's metadata files

    def check_in_vault(self, note: NoteSummary, vault: Vault, report: VaultReporter) -> None:
        from notecheck.rules.dates.dating import describe

        if not note.facts or not is_video_note(note, vault.config.table("frontmatter")):
            return
        meta = MetadataIndex.of(vault).for_note(note)
        if meta.upload_date is None:
            return
        limit = meta.upload_date + min(PUBLICATION_SLACK, dt.date.max - meta.upload_date)
        for fact in note.facts:
            sentence = note.sentences[fact.sentence]
            if fact.when is None or fact.mention.relative or not sentence.cited or sentence.future:
                continue
            if fact.mention.before in TARGET_WORDS:
                continue
            if fact.when.start > limit:
                date = describe(fact.when)
                shown = fact.mention.text if date == fact.mention.text else f"{fact.mention.text}' ({date})"
                shown = shown if shown.endswith(")") else shown + "'"
                report(
                    note.rel,
                    self,
                    fact.span,
                    f"'{shown} is after the video was published on {meta.upload_date.isoformat()} "
                    f"(from {meta.upload_source})",
                )


def timeline_entries(front_matter: dict[str, Any]) -> list[tuple[When, str, list[str]]]:
    """The valid entries of a note's ``timeline``: (date, event, match phrases)."""
    from notecheck.rules.dates.dating import parse_timeline_date

    entries = []
    timeline = front_matter.get("timeline")
    for entry in timeline if isinstance(timeline, list) else []:
        if not isinstance(entry, dict):
            continue
        when = parse_timeline_date(entry.get("date"))
        event = entry.get("event")
        match = entry.get("match")
        if when is None or (match is not None and not _strings(match)):
            continue
        phrases = list(match) if match else (str(event).split() if event else [])
        if phrases:
            entries.append((when, str(event or phrases[0]), phrases))
    return entries


def _linked_timeline(target: str, rel: str, vault: Vault) -> tuple[str, list[tuple[When, str, list[str]]]]:
    """The note a link target of ``rel`` leads to, and its timeline ('' and none when it
    leads to no note)."""
    path = vault.linked_note(target, rel) if target else None
    other = vault.summary(path) if path is not None else None
    if path is None or other is None:
        return "", []
    return path, _timeline_of(other, vault)


def _timeline_of(note: NoteSummary, vault: Vault) -> list[tuple[When, str, list[str]]]:
    """``timeline_entries`` of a note that other notes link to, read once per run (a topic
    note is linked from thousands of sentences), and again only if the note is checked
    again (after a fix)."""
    known = vault.shared.setdefault("timelines", {})
    seen = known.get(note.rel)
    if seen is None or seen[0] is not note:
        seen = known[note.rel] = (note, timeline_entries(note.front_matter))
    return seen[1]


def _strings(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, str) and item.strip() for item in value)


def _mentions(text: str, phrase: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(phrase.lower()) + r"(?!\w)", text) is not None


@register
class TimelineConflict(_DateRule):
    code = "NC405"
    name = "timeline-conflict"
    summary = "A sentence that links a note with a timeline, names one of its events, and dates it otherwise."
    early = True  # reads the note and the notes it links to

    def check_in_vault(self, note: NoteSummary, vault: Vault, report: VaultReporter) -> None:
        from notecheck.rules.dates.dating import agree, describe

        facts_by_sentence: dict[int, list] = {}
        for fact in note.facts:
            if fact.when is not None:
                facts_by_sentence.setdefault(fact.sentence, []).append(fact)
        timelines: dict[str, tuple[str, list]] = {}  # link target: (the note, its timeline), for this note
        for index, facts in facts_by_sentence.items():
            sentence = note.sentences[index]
            for target in dict.fromkeys(link.partition("#")[0] for link in sentence.links):
                known = timelines.get(target)
                if known is None:
                    known = timelines[target] = _linked_timeline(target, note.rel, vault)
                path, entries = known
                for when, event, phrases in entries:
                    if not any(_mentions(sentence.text, phrase) for phrase in phrases):
                        continue
                    if any(agree(when, fact.when) for fact in facts):
                        continue
                    report(
                        note.rel,
                        self,
                        facts[0].span,
                        f"'{facts[0].mention.text}' dates the {event} otherwise than the timeline of "
                        f"'{path}' ({describe(when)})",
                    )


@register
class InvalidTimeline(_DateRule):
    code = "NC406"
    name = "invalid-timeline"
    summary = "A malformed 'timeline' entry in front matter (no date, a date that does not parse, bad 'match')."

    def check_note(self, note: NoteContext) -> None:
        import yaml

        fm = note.front_matter
        info = fm.fields.get("timeline")
        if info is None or fm.data is None:
            return
        value = fm.data.get("timeline")
        if not isinstance(value, list) or not isinstance(info.node, yaml.SequenceNode):
            note.report(self, info.key_span, "'timeline' must be a list of entries with 'date' and 'event'")
            return
        for entry, node in zip(value, info.node.value, strict=False):
            span = fm.mark_to_span(node.start_mark, node.start_mark)
            span = Span(span.line, span.column, span.line, span.column + 1)
            problem = _entry_problem(entry)
            if problem:
                note.report(self, span, f"timeline entry ignored: {problem}")


def _entry_problem(entry: object) -> str | None:
    from notecheck.rules.dates.dating import parse_timeline_date

    if not isinstance(entry, dict):
        return "an entry must be a mapping with 'date' and 'event'"
    if "date" not in entry or entry["date"] in (None, ""):
        return "it has no 'date'"
    if parse_timeline_date(entry["date"]) is None:
        return f"'date' {entry['date']!r} is not a year, year-month or date (YYYY, YYYY-MM, YYYY-MM-DD)"
    if "match" in entry and not _strings(entry["match"]):
        return "'match' must be a list of words or phrases"
    if not entry.get("event") and "match" not in entry:
        return "it has neither 'event' nor 'match'"
    return None
