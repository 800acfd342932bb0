"""One notecheck run: find vaults and notes, check them, fix them, collect findings."""

from __future__ import annotations

import gc
import hashlib
import json
import os
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from notecheck.config import (
    Config,
    ConfigError,
    check_codes,
    from_mapping,
    has_config,
    layered,
    load_data,
    parse_override,
)
from notecheck.engine.registry import FAMILIES
from notecheck.engine.ruleset import RuleSet
from notecheck.model import Finding
from notecheck.runner.cache import Cache, fingerprint
from notecheck.runner.progress import progress_bar
from notecheck.vault.discovery import exclude_spec, find_vault_root, is_note, walk_vault
from notecheck.vault.resolve import Vault

if TYPE_CHECKING:
    from notecheck.engine.phases import Parsed
    from notecheck.note.summary import NoteSummary

# The engine (markdown-it, YAML) is imported when a note must be parsed: a warm run
# that finds every note unchanged never needs it.

# The run memo replays a whole run when no file of the vault changed; its key stats every
# file of the vault (0.2 s at 10,000 files), more than a few notes cost from the cache.
MEMO_FROM = 64


@dataclass
class RunOptions:
    paths: list[Path]
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    config_file: Path | None = None
    overrides: list[str] = field(default_factory=list)  # --config 'key = value', layered on the file
    vault: Path | None = None
    cache: bool = True
    jobs: int | None = None  # None: one per core
    progress: bool = False  # a progress bar on stderr for long runs
    verbose: bool = False  # -v: say which files each video note's checks use
    gather: bool = False  # the HTML report: what each note holds besides its findings (RunResult.gathered)
    # ``notecheck - --stdin-filename PATH``: the text of PATH, read from standard input. It is
    # checked as that file of the vault; the cache is neither read nor written for it, and a
    # fix is returned in RunResult.stdin_fixed, never written.
    stdin: tuple[Path, bytes] | None = None
    # Given, findings go here note by note, in the order of the report, instead of into
    # RunResult.findings: a vault with hundreds of thousands of findings never holds them.
    on_findings: Callable[[list[Finding]], None] | None = None


@dataclass
class RunResult:
    findings: list[Finding] = field(default_factory=list)
    fixed: int = 0
    stdin_fixed: str | None = None  # with stdin and --fix: the fixed text (None: the text as given)
    # What was fixed (or, with --diff, would be): path as shown -> rule code -> count.
    fixed_by: dict[str, dict[str, int]] = field(default_factory=dict)
    diffs: list[str] = field(default_factory=list)
    gathered: list[Any] = field(default_factory=list)  # runner.gather.NoteFacts, with RunOptions.gather
    # -v: per video note checked, where its length, upload date and transcripts come from.
    sources: dict[str, list[str]] = field(default_factory=dict)
    # Files given on the command line that an exclude pattern passes over, with the pattern.
    excluded: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # usage problems: exit status 2
    warnings: list[str] = field(default_factory=list)
    notes: int = 0
    links: int = 0
    citations: int = 0
    # Video notes a rule could not check: "length" (NC203: no known length), "upload" (NC404: no upload date).
    unchecked: dict[str, int] = field(default_factory=lambda: {"length": 0, "upload": 0})


def _config_for(root: Path, options: RunOptions) -> Config:
    config = config_for(root, options.config_file, options.overrides)
    if options.select is not None:  # as in ruff: the command line's select replaces both of the file's
        config.select = check_codes(options.select, "--select")
        config.extend_select = []
    config.extend_select = [*config.extend_select, *check_codes(options.extend_select, "--extend-select")]
    config.ignore = [*config.ignore, *check_codes(options.ignore, "--ignore")]
    return config


def config_for(root: Path, config_file: Path | None, overrides: list[str]) -> Config:
    """The vault's configuration (or the one given) with ``--config KEY=VALUE`` layered on."""
    path = config_file or has_config(root)
    data = load_data(path) if path else {}
    for text in overrides:
        data = layered(data, parse_override(text))
    return from_mapping(data, path)


def _file_digest(root: Path, name: object) -> str:
    """Digest of a file the configuration names (a schema), so editing it renews the cache."""
    if not isinstance(name, str) or not name:
        return ""
    try:
        return hashlib.sha256((root / name).read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


def _lost_anchors(before: NoteSummary | None, after: NoteSummary | None) -> bool:
    """Whether a note lost a heading or a block id since the cache saw it (unknown: no)."""
    if before is None or after is None:
        return False
    headings = {(heading.text, heading.parents) for heading in after.headings}
    blocks = {block.lower() for block in after.block_ids}
    return any((h.text, h.parents) not in headings for h in before.headings) or any(
        block.lower() not in blocks for block in before.block_ids
    )


def _videos_of(path: Path) -> set[str]:
    """The videos a transcript or a yt-dlp info.json describes: the ids in its file name,
    and an info.json's own ``id``. Other files describe none."""
    from notecheck.note.source import read_regular_file
    from notecheck.vault.metadata import _ID_IN_NAME, MAX_INFO_BYTES, TRANSCRIPT_SUFFIXES

    name = path.name.lower()
    if not name.endswith(TRANSCRIPT_SUFFIXES):
        return set()
    ids = set(_ID_IN_NAME.findall(path.name))
    if name.endswith(".info.json"):
        try:
            data = json.loads(read_regular_file(path, MAX_INFO_BYTES).decode("utf-8"))
        except (OSError, ValueError, RecursionError):
            data = None
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            ids.add(data["id"])
    return ids


def shown_path(path: Path) -> str:
    """A path as the report shows it: relative to the working folder where it can be."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def run(options: RunOptions) -> RunResult:
    """Check (and fix) what the options name. The cyclic garbage collector is paused while
    we work: the run builds many small objects and no cycles, and the collector's passes
    over a growing heap cost a third of the run (measured on 1,000 notes)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(options)
    finally:
        if collecting:
            gc.freeze()  # keep later collections off the run's objects (a pass over them: 1.2 s per 1,000 notes)
            gc.enable()


def _run(options: RunOptions) -> RunResult:
    result = RunResult()
    if options.stdin is not None:
        _run_stdin(options, result)
        return result
    groups: dict[Path, list[Path]] = defaultdict(list)
    cwd = Path.cwd()
    for given in options.paths or [cwd]:
        if not given.exists() and not given.is_symlink():
            result.errors.append(f"{given}: no such file or directory")
            continue
        if options.vault is not None and not options.vault.is_dir():
            result.errors.append(f"--vault {options.vault}: no such folder")
            return result
        root = options.vault.resolve() if options.vault else find_vault_root(given, cwd)
        groups[root].append(given)
    # One vault reports its notes in order as it goes; the notes of several vaults may
    # interleave in that order, so they are gathered and sorted first.
    stream = options.on_findings if len(groups) == 1 else None
    for root, paths in groups.items():
        VaultRun(root, _config_for(root, options), options, result, stream).check(paths)
    result.findings.sort(key=lambda f: f.sort_key)
    if options.on_findings is not None and stream is None:
        options.on_findings(result.findings)
        result.findings = []
    return result


def _run_stdin(options: RunOptions, result: RunResult) -> None:
    """One note whose text comes from standard input, as the file it names."""
    given, raw = options.stdin  # type: ignore[misc]
    absolute = Path(os.path.abspath(given))
    if options.vault is not None and not options.vault.is_dir():
        result.errors.append(f"--vault {options.vault}: no such folder")
        return
    root = options.vault.resolve() if options.vault else find_vault_root(absolute.parent, Path.cwd())
    real = absolute.parent.resolve() / absolute.name  # a vault reached through a symbolic link (W-4)
    try:
        rel = real.relative_to(root).as_posix()
    except ValueError:
        result.errors.append(f"--stdin-filename {given}: outside the vault root {root}")
        return
    if not is_note(rel):
        result.errors.append(f"--stdin-filename {given}: not a note (.md or .markdown)")
        return
    VaultRun(root, _config_for(root, options), options, result, options.on_findings, stdin=(rel, raw)).check_stdin()


class UnparsedNotes:
    """The vault's reader (``vault.resolve.NoteReader``): a run's way to the notes it did
    not parse, from its cache or parsed."""

    def __init__(self, run: VaultRun) -> None:
        self.run = run
        self._read_ids: dict[str, str | None] = {}  # videoIds of notes not parsed, read this run

    def summary(self, rel: str) -> NoteSummary | None:
        if not is_note(rel) or rel not in self.run.files:
            return None
        return self.run.phase1.one(rel)

    def video_id(self, rel: str) -> str | None:
        """A note's videoId. For a note not parsed in this run: from the cache's index when
        the note is unchanged, else from its front matter alone (remembered in the cache):
        a whole parse would cost a cold-cache run more than a run without cache (NC308 asks
        this of every note of the vault)."""
        run = self.run
        if run.vault.parsed(rel):
            return run.vault.video_id(rel)
        if not is_note(rel) or rel not in run.files:
            return None
        if rel in self._read_ids:  # NC308 and NC208 both ask
            return self._read_ids[rel]
        self._read_ids[rel] = video_id = self._from_front_matter(rel)
        return video_id

    def _from_front_matter(self, rel: str) -> str | None:
        from notecheck.engine.phases import front_matter_video_id

        root, cache = self.run.root, self.run.cache
        if cache is None:
            return front_matter_video_id(root, rel)
        try:
            # os.stat on a joined string: a Path per note cost more than the stat (0.13 s at 10,000 notes).
            stat = os.stat(os.path.join(root, rel))
        except OSError:
            return None
        known, video_id = cache.video_id(rel, stat)
        if not known:
            video_id = front_matter_video_id(root, rel)
            cache.store_video_id(rel, stat, video_id)
        return video_id


class VaultRun:
    """Checking the notes of one vault."""

    def __init__(
        self,
        root: Path,
        config: Config,
        options: RunOptions,
        result: RunResult,
        stream: Callable[[list[Finding]], None] | None = None,
        stdin: tuple[str, bytes] | None = None,
    ) -> None:
        self.root = root
        self.stdin = stdin
        self.stream = stream
        self.displays: dict[str, str] = {}  # the path of each checked note as the report shows it
        self.config = config
        self.options = options
        self.result = result
        unreadable: list[str] = []
        self.files: dict[str, bool] = dict(walk_vault(root, unreadable))
        result.warnings.extend(unreadable)
        if stdin is not None:
            self.files.setdefault(stdin[0], False)  # a draft not yet saved exists for its own links
        try:
            self.ruleset = RuleSet.build(config, config.enabled_codes(), root, sorted(self.files))
        except ConfigError as err:
            raise ConfigError(f"{config.source or 'configuration'}: {err}") from None
        self.excluded = exclude_spec(config.exclude)
        cache = None
        self.cache_key = ""
        if options.cache:
            tables: dict[str, object] = {family: config.table(family) for family in FAMILIES}
            tables["needs"] = self.ruleset.needs
            tables["schema-file"] = _file_digest(root, config.table("frontmatter").get("schema"))
            self.cache_key = fingerprint(self.ruleset.enabled, tables)
            cache = Cache(root, self.cache_key)
        self.cache = cache if cache is not None and cache.enabled else None
        # The vault phase reads notes no one parsed through this run (from the cache, or
        # parsed), and transcripts' ends through its cache.
        self.reader = UnparsedNotes(self)
        self.vault = Vault(root, config, sorted(self.files), reader=self.reader, transcript_ends=self.cache)
        from notecheck.runner.pool import Phase1, default_jobs

        self.phase1 = Phase1(root, self.ruleset, self.cache, min(options.jobs or default_jobs(), default_jobs()))

    def _selected(self, paths: list[Path]) -> list[str]:
        chosen: dict[str, None] = {}
        videos: set[str] = set()  # ids of the videos of given transcripts and info.json files
        for given in paths:
            absolute = Path(os.path.abspath(given))
            try:
                rel = absolute.relative_to(self.root).as_posix()
            except ValueError:
                rel = None  # reached through a symbolic link to the vault (macOS's temporary folder, say: W-4)
                for real in (absolute.parent.resolve() / absolute.name, absolute.resolve()):
                    if real.is_relative_to(self.root):  # the folder's real path first: a note link stays a link
                        absolute, rel = real, real.relative_to(self.root).as_posix()
                        break
            if rel is None:
                self.result.errors.append(f"{given}: outside the vault root {self.root}")
                continue
            if absolute.is_dir():
                prefix = "" if rel == "." else rel + "/"
                for file_rel, ignored in self.files.items():
                    wanted = file_rel.startswith(prefix) and is_note(file_rel) and not ignored
                    if wanted and not self.excluded.match_file(file_rel):
                        chosen[file_rel] = None
            elif not is_note(rel):
                videos |= _videos_of(absolute)  # its video notes are checked; any other file is not a note
            elif not self.excluded.match_file(rel):
                chosen[rel] = None
            else:
                from notecheck.vault.discovery import excluding_pattern

                self.result.excluded.append((shown_path(absolute), excluding_pattern(rel, self.config.exclude)))
        if videos:
            for rel, ignored in self.files.items():
                if (
                    is_note(rel)
                    and not ignored
                    and not self.excluded.match_file(rel)
                    and self.reader.video_id(rel) in videos
                ):
                    chosen.setdefault(rel, None)
        return list(chosen)

    def _state_key(self, rels: list[str]) -> str | None:
        """Everything a run's findings depend on: configuration, the files checked, the
        size and mtime of every file of the vault (any note can be another's link target),
        and of the files outside the walk that an enabled rule declares it reads."""
        digest = hashlib.sha256()
        digest.update(
            repr((self.cache_key, sorted(self.config.per_file_ignores.items()), rels)).encode(
                "utf-8", "surrogateescape"
            )
        )
        for rel in sorted(self.files):
            try:
                stat = (self.root / rel).stat()
            except OSError:
                return None
            digest.update(f"{rel}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
        for read in sorted(self.ruleset.reads, key=lambda read: read.name):
            for rel in read.watched(self.root):
                try:
                    stat = (self.root / rel).stat()
                    seen = f"{stat.st_size}\0{stat.st_mtime_ns}"
                except OSError:
                    seen = "missing"
                digest.update(f"{read.name}\0{rel}\0{seen}\n".encode("utf-8", "surrogateescape"))
        return digest.hexdigest()

    def check(self, paths: list[Path]) -> None:
        # In the order of the report (by displayed path), so that findings can be printed
        # note by note as they are made.
        self.displays = {rel: shown_path(self.root / rel) for rel in self._selected(paths)}
        rels = sorted(self.displays, key=self.displays.__getitem__)
        self._before = self._summaries_before(rels)
        memo = None
        replay = not (self.options.fix or self.options.diff or self.options.verbose or self.options.gather)
        if self.cache is not None and len(rels) >= MEMO_FROM and replay:
            memo = self._state_key(rels)
            previous = self.cache.run_result(memo) if memo else None
            if previous is not None:
                for rel, summary_counts, findings in previous:
                    self._count(summary_counts)
                    self._report(rel, findings)
                self.cache.close()
                return
        from notecheck.engine.phases import Parsed, analyze_path, finalize, vault_wide
        from notecheck.runner.early import EarlyVaultPhase
        from notecheck.runner.fixloop import fix_note

        # Fixes change notes that others link to as the run goes: then every note's vault
        # phase waits for its turn.
        early = EarlyVaultPhase(self.vault, self.ruleset)
        ready = None if self.options.fix or self.options.diff else early.add
        with progress_bar(len(rels), self.options.progress) as advance:
            # Keep summaries only: the text of every note would cost more memory than all the
            # rest (a fix re-reads its note).
            summaries = {summary.rel: summary for summary in self.phase1.many(rels, advance, ready)}
        self.result.warnings.extend(self.phase1.warnings)
        for summary in summaries.values():
            self.vault.remember(summary)
        across = vault_wide(list(summaries.values()), self.vault, self.ruleset)
        if memo is not None and self.cache is not None:
            self.cache.start_run()
        for rel, summary in summaries.items():
            found = summary.findings + early.findings(summary) + across.pop(rel, [])
            findings = finalize(summary, found, self.ruleset)
            if (self.options.fix or self.options.diff) and any(f.fix for f in findings):
                # Fixes are always computed from the bytes they will replace: read the note
                # again (another process may have changed it) and check it again.
                fresh = analyze_path(self.root, rel, self.ruleset, self.vault)
                if isinstance(fresh, Parsed):
                    findings = fix_note(self, rel, fresh, self.recheck(fresh.summary))
            counts = (len(summary.links), summary.citations, *self._unchecked(summary))
            if self.options.verbose:
                self._describe_sources(summary)
            if self.options.gather:
                from notecheck.runner.gather import gather

                self.result.gathered.append(gather(summary, self.displays[rel], self.vault, self.config))
            if memo is not None and self.cache is not None:
                self.cache.add_run_note((rel, counts, findings))
            self._count(counts)
            self._report(rel, findings)
            summary.findings = []  # reported (and printed, when the run streams): let them go
        self._elsewhere(rels)
        if self.cache is not None:
            if memo is not None:
                self.cache.finish_run(memo)
            self.cache.close()

    def check_stdin(self) -> None:
        """Both phases for the note read from standard input; with --fix, the fixed text
        goes to RunResult.stdin_fixed and nothing is written."""
        assert self.stdin is not None
        rel, raw = self.stdin
        self.displays[rel] = shown_path(self.root / rel)
        from notecheck.engine.phases import Parsed, summary_of
        from notecheck.runner.fixloop import fix_note

        analysis, findings = self.check_text(rel, raw)
        if self.options.fix and isinstance(analysis, Parsed) and any(f.fix for f in findings):
            findings = fix_note(self, rel, analysis, findings)
        summary = summary_of(analysis)
        self._count((len(summary.links), summary.citations, *self._unchecked(summary)))
        if self.options.verbose:
            self._describe_sources(summary)
        self._report(rel, findings)
        if self.cache is not None:
            self.cache.close()

    def _summaries_before(self, rels: list[str]) -> dict[str, NoteSummary | None]:
        """For a run over a few notes: what the cache knew of them before this run (their
        headings and blocks before the change), to tell a link the change broke."""
        if self.cache is None or self.options.fix or self.options.diff or len(rels) >= len(self.vault.notes):
            return {}
        return {rel: self.cache.previous(rel) for rel in rels}

    def _elsewhere(self, rels: list[str]) -> None:
        """A run over some of the notes also reports what their change broke in the others
        (links to a heading or block that is gone, to a note renamed or deleted)."""
        notes = self.vault.notes
        if self.cache is None or len(rels) >= len(notes) or self.options.fix or self.options.diff:
            return  # what a change broke is known from the cache; with every note checked, nothing is left
        from notecheck.runner.elsewhere import damaged

        gone = sorted(rel for rel in self.cache.known_notes() if rel not in self.files)
        # Only a note that lost a heading or a block can break a link into it: most commits
        # lose none, and then no other note is read.
        shrunk = [rel for rel in rels if _lost_anchors(self._before.get(rel), self.vault.summary(rel))]
        if not (shrunk or gone):
            return
        checked = set(rels)
        others = [rel for rel in notes if rel not in checked and not self.excluded.match_file(rel)]
        for rel, findings in damaged(shrunk, gone, self.vault, self.ruleset, others, self._before).items():
            self.displays.setdefault(rel, shown_path(self.root / rel))
            self._report(rel, findings)

    def _count(self, counts: tuple[int, ...]) -> None:
        self.result.notes += 1
        self.result.links += counts[0]
        self.result.citations += counts[1]
        self.result.unchecked["length"] += counts[2]
        self.result.unchecked["upload"] += counts[3]

    def _unchecked(self, summary: NoteSummary) -> tuple[int, int]:
        """Whether NC203 (a note that cites, with no known length) and NC404 (a note with
        dated facts, with no upload date) could not check this note: said once per run."""
        enabled = self.ruleset.enabled
        cites = bool(summary.cited_times) and "NC203" in enabled
        dated = bool(summary.facts) and "NC404" in enabled
        if not (cites or dated) or not summary.readable:
            return 0, 0
        from notecheck.vault.metadata import MetadataIndex
        from notecheck.vault.video import is_video_note

        if not is_video_note(summary, self.config.table("frontmatter")):
            return 0, 0
        meta = MetadataIndex.of(self.vault).for_note(summary)
        return int(cites and meta.duration is None), int(dated and meta.upload_date is None)

    def _describe_sources(self, summary: NoteSummary) -> None:
        from notecheck.vault.metadata import MetadataIndex
        from notecheck.vault.sources import describe_sources
        from notecheck.vault.video import is_video_note

        if summary.readable and is_video_note(summary, self.config.table("frontmatter")):
            lines = describe_sources(MetadataIndex.of(self.vault), summary)
            self.result.sources[shown_path(self.root / summary.rel)] = lines

    def shown(self, rel: str) -> str:
        """A note's path as the report shows it."""
        return self.displays.get(rel) or shown_path(self.root / rel)

    def _report(self, rel: str, findings: list[Finding]) -> None:
        display = self.displays.get(rel) or shown_path(self.root / rel)
        shown = [Finding(display, f.span, f.code, f.name, f.severity, f.message, f.fix) for f in findings]
        if self.stream is not None:
            if shown:
                self.stream(shown)
        else:
            self.result.findings.extend(shown)

    def recheck(self, summary: NoteSummary) -> list[Finding]:
        """Both phases for one note whose text changed (or was read again)."""
        from notecheck.engine.phases import finalize, vault_phase

        self.vault.remember(summary)
        return finalize(summary, summary.findings + vault_phase([summary], self.vault, self.ruleset), self.ruleset)

    def check_text(self, rel: str, raw: bytes) -> tuple[Parsed | NoteSummary, list[Finding]]:
        """Both phases for a note's bytes as the file ``rel`` of the vault (standard input,
        an editor's buffer): its summary replaces the file's for the other notes."""
        from notecheck.engine.phases import analyze_text, summary_of

        analysis = analyze_text(self.root, rel, raw, self.ruleset, self.vault)
        return analysis, self.recheck(summary_of(analysis))
