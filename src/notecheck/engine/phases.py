"""The rule engine: parse each note once, walk its tokens once, then run the vault phase.

Phase 1 turns a note into findings plus a NoteSummary; the tokens are dropped after it.
Phase 2 gives every rule the summaries and the vault index. A rule that raises becomes
an NC001 finding and the run goes on.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path

from markdown_it.token import Token

from notecheck.config import Config
from notecheck.engine.context import NoteContext, NoteReport, VaultReporter
from notecheck.engine.diagnostics import RuleError, UnreadableFile
from notecheck.engine.reads import Gatherer, Paragraph
from notecheck.engine.registry import Rule
from notecheck.engine.ruleset import RuleSet
from notecheck.engine.suppress import apply_suppressions
from notecheck.model import Finding, Span
from notecheck.note.extract import Collector
from notecheck.note.frontmatter import parse_front_matter
from notecheck.note.parser import parse_body
from notecheck.note.positions import InlineMap
from notecheck.note.source import Source, UnreadableNote, decode, read_bytes
from notecheck.note.summary import NoteSummary
from notecheck.note.tokens import placed
from notecheck.vault.discovery import glob_spec
from notecheck.vault.resolve import Vault
from notecheck.vault.transcripts import stamps


@dataclass
class Parsed:
    """A note just parsed: its summary (with findings), and the bytes and text it was read
    from, which a fix edits. A note that comes from the cache, or could not be read or
    decoded (NC002), is its NoteSummary alone."""

    summary: NoteSummary
    raw: bytes
    source: Source


def summary_of(note: Parsed | NoteSummary) -> NoteSummary:
    return note.summary if isinstance(note, Parsed) else note


def _rule_failed(rule: Rule, err: BaseException, rel: str, span: Span | None = None) -> Finding:
    where = traceback.extract_tb(err.__traceback__)[-1]
    message = (
        f"rule {rule.code} ({rule.name}) failed: {type(err).__name__}: {err} "
        f"(at {Path(where.filename).name}:{where.lineno}); please report this bug"
    )
    return RuleError.finding(rel, span or Span.point(1), message)


def _walk(tokens: list[Token], note: NoteContext):
    """Yield every token, block and inline, keeping the note's walk state current."""
    for token in tokens:
        kind = token.type
        if kind == "table_open":
            note.in_table = True
        elif kind == "table_close":
            note.in_table = False
        if token.nesting == 1 and kind != "tr_open":
            note.block = token
        yield token
        if token.children and kind in ("inline", "html_block"):
            yield from token.children


def _gather(token: Token, note: NoteContext, gatherers: list[Gatherer]) -> None:
    """Hand a paragraph's inline token to the families' gatherers that want it (a heading
    starts a new section for all of them)."""
    if token.type == "heading_open":
        for gatherer in gatherers:
            gatherer.section()
        return
    block = note.block
    if token.type != "inline" or block is None or block.type != "paragraph_open" or note.in_table:
        return
    if token.map is None or not token.content:
        return
    wanting = [gatherer for gatherer in gatherers if gatherer.wants(token)]
    if not wanting:
        return  # most paragraphs: no date and nothing to check against a transcript
    mapper = token.meta.get("map") or InlineMap(
        token.content, token.map[0], note.body_lines, note.front_matter.body_start
    )
    paragraph = Paragraph(token, mapper)
    if any(gatherer.splits for gatherer in wanting):
        paragraph.sentences  # noqa: B018 -- split once, before any gatherer asks whether it is
    for gatherer in wanting:
        gatherer.paragraph(paragraph)


def analyze_text(
    root: Path, rel: str, raw: bytes, ruleset: RuleSet, vault: Vault | None = None
) -> Parsed | NoteSummary:
    """Phase 1 of a note whose bytes are already read (a NoteSummary alone: not text)."""
    path = root / rel
    summary = NoteSummary(rel)
    try:
        source = decode(raw)
    except UnreadableNote as err:
        return unreadable(summary, ruleset, err)
    fm = parse_front_matter(source.lines)
    note = NoteContext(rel, path, source, fm, summary, ruleset.tables, root, vault)
    body = source.lines[fm.body_start :]
    tokens, env = parse_body(body, fm.body_start)
    note.references = env.get("references", {})
    video_id = (fm.data or {}).get("videoId")
    if ruleset.reads_transcripts and isinstance(video_id, str):
        from notecheck.vault.metadata import in_language_order, note_language

        note.transcripts = in_language_order(ruleset.transcripts.get(video_id, ()), note_language(fm.data or {}))
        summary.transcript_stamps = stamps(root, note.transcripts)
    collector = Collector(source, fm, summary)
    collector.start()
    gatherers = [(extraction, extraction.gatherer(note)) for extraction in ruleset.extractions if extraction.gatherer]
    failed: set[str] = set()  # rules that raised, or that do not apply to this note
    for rule in ruleset.rules:
        try:
            if not rule.applies(note):
                failed.add(rule.code)
        except Exception as err:
            failed.add(rule.code)
            note.findings.append(_rule_failed(rule, err, rel))
    for token in _walk(tokens, note):
        collector.on_token(token)
        if gatherers:
            _gather(token, note, [gatherer for _, gatherer in gatherers])
        for rule in ruleset.by_token.get(token.type, ()):
            if rule.code in failed:
                continue
            try:
                rule.check_token(token, note)
            except Exception as err:  # a broken rule must not stop the run
                failed.add(rule.code)
                note.findings.append(_rule_failed(rule, err, rel, ref.span if (ref := placed(token)) else None))
    for extraction, gatherer in gatherers:
        note.extracted[extraction] = gatherer.finish()
    for rule in ruleset.rules:
        if rule.code in failed:
            continue
        try:
            rule.check_note(note)
        except Exception as err:
            note.findings.append(_rule_failed(rule, err, rel))
    summary.findings = note.findings
    return Parsed(summary, raw, source)


def unreadable(summary: NoteSummary, ruleset: RuleSet, err: UnreadableNote) -> NoteSummary:
    """The summary of a note that cannot be checked: NC002 says why."""
    summary.readable = False
    if UnreadableFile.code in ruleset.enabled:
        span = Span.point(err.line, err.column)
        summary.findings = [UnreadableFile.finding(summary.rel, span, f"cannot check: {err}")]
    return summary


def read_note(root: Path, rel: str) -> bytes:
    """A note's bytes; UnreadableNote for anything that is not a readable file in the vault."""
    path = root / rel
    try:
        if path.is_symlink() and not path.resolve().is_relative_to(root.resolve()):
            raise UnreadableNote("symbolic link to a file outside the vault; not read")
        if not path.is_file():  # a FIFO or a device would block or never end
            raise UnreadableNote("not a regular file; not read")
        raw = read_bytes(path)
    except OSError as err:
        raise UnreadableNote(f"cannot read file: {err}") from None
    return raw


def front_matter_video_id(root: Path, rel: str) -> str | None:
    """A note's videoId from its front matter alone, as its summary would give it: cheap
    where a whole parse would be thrown away (NC308 asks every note of the vault)."""
    try:
        source = decode(read_note(root, rel))
    except UnreadableNote:
        return None
    video_id = (parse_front_matter(source.lines).data or {}).get("videoId")
    return video_id if isinstance(video_id, str) else None


def analyze_path(root: Path, rel: str, ruleset: RuleSet, vault: Vault | None = None) -> Parsed | NoteSummary:
    """Phase 1 of a note on disk; unreadable files become NC002, never an exception."""
    try:
        raw = read_note(root, rel)
    except UnreadableNote as err:
        return unreadable(NoteSummary(rel), ruleset, err)
    return analyze_text(root, rel, raw, ruleset, vault)


def vault_phase(summaries: list[NoteSummary], vault: Vault, ruleset: RuleSet) -> list[Finding]:
    """Phase 2: rules that need other notes. Returns findings for the given notes only."""
    across = vault_wide(summaries, vault, ruleset)
    found = [finding for summary in summaries for finding in in_vault(summary, vault, ruleset)]
    return found + [finding for findings in across.values() for finding in findings]


def in_vault(summary: NoteSummary, vault: Vault, ruleset: RuleSet, rules: list[Rule] | None = None) -> list[Finding]:
    """Phase 2 of one note: its links, citations and dates against the rest of the vault
    (``rules``: only these of the ruleset). Run note by note as the notes are reported, so
    that no more than one note's phase-2 findings are ever held (but see ``early``)."""
    report = NoteReport(summary.rel)
    if summary.readable:
        with summary.links.opened():
            for rule in ruleset.rules if rules is None else rules:
                try:
                    rule.check_in_vault(summary, vault, report)
                except Exception as err:
                    report.findings.append(_rule_failed(rule, err, summary.rel))
    return report.findings


def vault_wide(summaries: list[NoteSummary], vault: Vault, ruleset: RuleSet) -> dict[str, list[Finding]]:
    """Phase 2 across notes (the same videoId twice), by note, for the given notes only."""
    report = VaultReporter()
    for rule in ruleset.rules:
        try:
            rule.check_vault(summaries, vault, report)
        except Exception as err:
            report.findings.append(_rule_failed(rule, err, summaries[0].rel if summaries else "."))
    checked = {summary.rel for summary in summaries}
    by_note: dict[str, list[Finding]] = {}
    for finding in report.findings:
        if finding.path in checked:
            by_note.setdefault(finding.path, []).append(finding)
    return by_note


def finalize(summary: NoteSummary, findings: list[Finding], ruleset: RuleSet) -> list[Finding]:
    """Apply suppression comments and per-file ignores to one note's findings."""
    kept = apply_suppressions(summary, findings, ruleset.enabled)
    ignores = per_file_ignored(summary.rel, ruleset.config)
    if ignores:
        kept = [f for f in kept if not any(f.code.startswith(prefix) for prefix in ignores)]
    return sorted(kept, key=lambda f: f.sort_key)


def per_file_ignored(rel: str, config: Config) -> list[str]:
    codes: list[str] = []
    for glob, glob_codes in config.per_file_ignores.items():
        if glob_spec((glob,)).match_file(rel):
            codes.extend(glob_codes)
    return codes
