"""What a change to some notes breaks in the others, for runs over a few files (a
pre-commit hook): links in other notes into a changed note whose heading or block is gone
(NC102, NC103), and links to a note that was renamed or deleted (NC101).

The other notes that may link to a changed note are found by their text (a note that
never writes its name cannot link to it), so only those are parsed: a run over a few
notes stays a run over a few notes. A renamed or deleted note is known from the cache,
which remembers the notes of earlier runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote

from notecheck.engine.phases import finalize, in_vault, read_note
from notecheck.engine.ruleset import RuleSet
from notecheck.model import Finding
from notecheck.note.source import UnreadableNote
from notecheck.note.summary import NoteSummary
from notecheck.rules.links.common import has_block, has_heading_path
from notecheck.vault.resolve import Vault, note_name

LINK_RULES = ("NC101", "NC102", "NC103")


def names_of(rels: Iterable[str]) -> set[str]:
    """What a link to these notes starts with, lower case: ``[[name``, and in a path or a
    Markdown link ``/name``, ``(name``, ``(<name`` (also URL-encoded)."""
    needles: set[str] = set()
    for rel in rels:
        name = note_name(rel).lower()
        for written in {name, quote(name)}:
            needles.update(f"{before}{written}" for before in ("[[", "/", "(", "(<"))
    return needles


def damaged(
    changed: list[str],
    gone: list[str],
    vault: Vault,
    ruleset: RuleSet,
    others: Iterable[str],
    before: dict[str, NoteSummary | None],
) -> dict[str, list[Finding]]:
    """Link findings in ``others`` that ``changed`` notes (edited) and ``gone`` ones
    (renamed or deleted since the cache saw them) cause: only findings on links that lead
    to a name of a gone note, or into a changed note whose heading or block the link found
    there before the change (``before``: the changed notes as the cache knew them; the
    caller passes only notes that lost a heading or a block)."""
    rules = [rule for rule in ruleset.rules if rule.code in LINK_RULES]
    if not rules or not (changed or gone):
        return {}
    wanted = names_of(changed) | names_of(gone)
    changed_set = set(changed)
    gone_names = {note_name(rel).lower() for rel in gone}
    found: dict[str, list[Finding]] = {}
    for rel in others:
        if not _mentions(vault, rel, wanted):
            continue
        summary = vault.summary(rel)
        if summary is None or not summary.readable:
            continue
        spans = _links_into(summary, vault, changed_set, gone_names, before)
        if not spans:
            continue
        findings = [f for f in in_vault(summary, vault, ruleset, rules) if f.span in spans]
        findings = finalize(summary, findings, ruleset)
        if findings:
            found[rel] = findings
    return found


def _mentions(vault: Vault, rel: str, names: set[str]) -> bool:
    try:
        text = read_note(vault.root, rel).decode("utf-8", "replace").lower()
    except UnreadableNote:
        return False
    return any(name in text for name in names)


def _links_into(
    summary: NoteSummary, vault: Vault, changed: set[str], gone_names: set[str], before: dict[str, NoteSummary | None]
) -> set:
    """Spans of the note's links that the change may have broken: into a changed note
    (where the heading or block was found before, when that is known), or to a gone one."""
    spans = set()
    for ref in summary.links:
        target = ref.link.target
        if not target:
            continue
        path = vault.linked_note(target, summary.rel)
        if path is None:
            if note_name(target).lower() in gone_names:
                spans.add(ref.span)
        elif path in changed and _found_before(ref.link, before.get(path)):
            spans.add(ref.span)
    return spans


def _found_before(link, previous: NoteSummary | None) -> bool:
    """Whether the link's heading or block was in the note before the change."""
    if previous is None:
        return True  # unknown: a broken link into the changed note is reported
    if link.block_id is not None:
        return has_block(previous, link.block_id)
    return not link.headings or has_heading_path(previous, link.headings)
