"""What the dates rules share: dates of facts (NC4xx): impossible dates, wrong weekdays, contradicting relative dates,
facts dated after the video, and the vault's timeline."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import TYPE_CHECKING, Any

from notecheck.engine.reads import NOTE
from notecheck.engine.registry import Rule
from notecheck.rules.dates.collect import FACTS

# notecheck.dating is imported inside the rules that use it: compiling its patterns takes
# 19 ms, which a warm run (findings straight from the cache) never needs.

if TYPE_CHECKING:
    from notecheck.note.summary import NoteSummary
    from notecheck.rules.dates.dating import When
    from notecheck.vault.resolve import Vault

PUBLICATION_SLACK = dt.timedelta(days=1)  # yt-dlp's upload_date is UTC: a day either way
TARGET_WORDS = ("by", "until", "till", "before")  # "by 2030" names a target, not a fact


class _DateRule(Rule):
    family = "dates"
    reads = frozenset({NOTE, FACTS})


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
    known = vault.once(_timelines)
    seen = known.get(note.rel)
    if seen is None or seen[0] is not note:
        seen = known[note.rel] = (note, timeline_entries(note.front_matter))
    return seen[1]


def _timelines(vault: Vault) -> dict[str, tuple[NoteSummary, list[tuple[When, str, list[str]]]]]:
    """Each linked note's timeline, by note, for one run (``_timeline_of``)."""
    return {}


def _strings(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, str) and item.strip() for item in value)


_WORDS = re.compile(r"\w+")
_INDEXES: dict[int, tuple[list[Any], dict[str, list[int]], list[int]]] = {}


def named_entries(entries: list[tuple[When, str, list[str]]], text: str) -> list[tuple[When, str, list[str]]]:
    """The timeline entries a (lower-case) sentence names. Entries are found through an
    index of their phrases' first words, built once per timeline, so a sentence costs its
    words rather than the timeline's length (H-7)."""
    known = _INDEXES.get(id(entries))
    if known is None or known[0] is not entries:
        index: dict[str, list[int]] = {}
        always: list[int] = []  # phrases that open with no word character
        for number, (_, _, phrases) in enumerate(entries):
            for phrase in phrases:
                words = _WORDS.findall(phrase.lower())
                if words and phrase.lower().startswith(words[0]):
                    index.setdefault(words[0], []).append(number)
                else:
                    always.append(number)
        known = _INDEXES[id(entries)] = (entries, index, always)
    _, index, always = known
    candidates = set(always)
    for word in set(_WORDS.findall(text)):
        candidates.update(index.get(word, ()))
    return [entries[number] for number in sorted(candidates) if any(_mentions(text, p) for p in entries[number][2])]


def _mentions(text: str, phrase: str) -> bool:
    """Whether a (lower-case) sentence names a timeline phrase as whole words. Every
    sentence that links a timeline is tried against each of its phrases: a substring test
    first, and each phrase's pattern compiled once per process (H-7: compiling them per
    sentence, past the ``re`` cache's 512 entries, made 600 events take 37 s)."""
    lowered = phrase.lower()
    return lowered in text and _phrase_pattern(lowered).search(text) is not None


@cache
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)")


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
