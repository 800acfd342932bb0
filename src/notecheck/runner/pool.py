"""Phase 1 of many notes: from the cache when the note is unchanged, else parsed, in a
pool of processes when there are enough notes to pay for starting them."""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from notecheck.config import Config
from notecheck.engine.ruleset import RuleSet
from notecheck.note.summary import NoteSummary
from notecheck.runner import codec
from notecheck.runner.cache import Cache, content_hash
from notecheck.vault.transcripts import stamps

PARALLEL_FROM = 64  # below this many notes to parse, starting processes costs more than it saves


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class Phase1:
    """Summaries of the notes of one vault, each computed at most once per run."""

    def __init__(self, root: Path, ruleset: RuleSet, cache: Cache | None, jobs: int) -> None:
        self.root = root
        self.ruleset = ruleset
        self.cache = cache
        self.jobs = jobs
        self.warnings: list[str] = []  # for the run's messages (a worker that died)

    def _stat(self, rel: str) -> os.stat_result | None:
        try:
            return (self.root / rel).stat()
        except OSError:
            return None

    def cached(self, rel: str) -> NoteSummary | None:
        if self.cache is None:
            return None
        stat = self._stat(rel)
        summary = self.cache.fresh(rel, stat) if stat else None
        return summary if summary is not None and self._current(summary) else None

    def _current(self, summary: NoteSummary) -> bool:
        """Whether the transcripts a cached note was checked against (NC207) are unchanged,
        none added or removed."""
        if not self.ruleset.reads_transcripts:
            return True
        rels = self.ruleset.transcripts.get(summary.video_id or "", ())
        return summary.transcript_stamps == stamps(self.root, rels)

    def one(self, rel: str, known: NoteSummary | None = None) -> NoteSummary:
        """Phase 1 of one note, using the cache when the note is unchanged."""
        summary = known or self.cached(rel)
        return summary if summary is not None else self._parse(rel)

    def _parse(self, rel: str) -> NoteSummary:
        """Phase 1 of a note the cache does not know by its mtime: by its content hash
        (touched, or checked out again), else parsed."""
        from notecheck.engine.phases import analyze_text, read_note, summary_of, unreadable
        from notecheck.note.source import UnreadableNote

        try:
            raw = read_note(self.root, rel)
        except UnreadableNote as err:
            return unreadable(NoteSummary(rel), self.ruleset, err)
        stat = self._stat(rel)
        digest = content_hash(raw)
        if self.cache is not None and stat is not None:
            summary = self.cache.by_hash(rel, digest)
            if summary is not None and self._current(summary):
                self.cache.store(summary, stat, digest)  # remember the new mtime
                return summary
        summary = summary_of(analyze_text(self.root, rel, raw, self.ruleset))  # the text is let go
        if self.cache is not None and stat is not None and summary.readable:
            self.cache.store(summary, stat, digest)
        return summary

    def many(
        self,
        rels: list[str],
        progress: Callable[[int], None] | None = None,
        ready: Callable[[NoteSummary], None] | None = None,
    ) -> Iterator[NoteSummary]:
        """Phase 1 of many notes, in order; unchanged notes come from the cache. ``ready``
        is given each summary of a pool's run as soon as it is made, before the notes are
        yielded: this process may do more with it while the pool parses on."""
        parsed: dict[str, NoteSummary] = {}
        known: dict[str, NoteSummary] = {}
        if self.jobs > 1 and len(rels) >= PARALLEL_FROM:
            todo = []
            for rel in rels:
                summary = self.cached(rel)
                if summary is None:
                    todo.append(rel)
                else:
                    known[rel] = summary
            if len(todo) >= PARALLEL_FROM:
                parsed = self._in_pool(todo, progress, ready)
        for rel in rels:
            summary = parsed.pop(rel, None)
            if summary is None:
                summary = self.one(rel, known.pop(rel, None))
                if progress:
                    progress(1)
            yield summary

    def _in_pool(
        self, rels: list[str], progress: Callable[[int], None] | None, ready: Callable[[NoteSummary], None] | None
    ) -> dict[str, NoteSummary]:
        """Phase 1 in ``jobs`` processes: ``jobs - 1`` workers take chunks of notes from the
        front of the list, and this process parses notes one by one from its back until
        they meet. This process never waits while there is work, and its share is never
        sent; chunks shrink towards the end, so that no process waits long for the last."""
        from concurrent.futures import Future, ProcessPoolExecutor  # not needed by warm or small runs
        from concurrent.futures.process import BrokenProcessPool

        results: dict[str, NoteSummary] = {}
        workers = self.jobs - 1
        config = self.ruleset.config

        def received(future: Future) -> None:
            for rel, digest, message, blob in future.result():
                summary = pickle.loads(message)  # from a worker of this run: never from a file
                if self.cache is not None and digest is not None and blob is not None and summary.readable:
                    stat = self._stat(rel)
                    if stat is not None:
                        self.cache.store(summary, stat, digest, blob)  # as encoded by the worker
                results[rel] = summary
                if progress:
                    progress(1)
                if ready:
                    ready(summary)

        switching = sys.getswitchinterval()
        # The pool's result thread takes the GIL for each 64 KB it reads of a chunk's
        # summaries, and the worker waits until all are read: at the default 5 ms a turn it
        # stood idle 2.9 s of 32 s (10,000 notes), at 0.1 ms 0.3 s.
        sys.setswitchinterval(SWITCH_INTERVAL)
        try:
            with ProcessPoolExecutor(
                max_workers=workers,
                initializer=_start_worker,
                initargs=(
                    self.root,
                    config,
                    self.ruleset.enabled,
                    self.ruleset.needs,
                    self.ruleset.transcripts,
                    self.cache is not None,
                ),
            ) as pool:
                self._share(pool, rels, received, results, progress, ready)
        except BrokenProcessPool:
            # A worker died (the system's out-of-memory killer, say): the notes the pool did
            # not return are parsed by the caller (``many``) in this process.
            self.warnings.append(
                "a worker process died (out of memory?); the notes it held were checked in the main process"
            )
        finally:
            sys.setswitchinterval(switching)
        return results

    def _share(
        self,
        pool: Any,
        rels: list[str],
        received: Callable[[Any], None],
        results: dict[str, NoteSummary],
        progress: Callable[[int], None] | None,
        ready: Callable[[NoteSummary], None] | None,
    ) -> None:
        """Hand chunks from the front to the workers, parse from the back here, until they meet."""
        workers = self.jobs - 1
        front, back = 0, len(rels)
        pending: list[Any] = []  # concurrent.futures.Future
        while front < back or pending:
            for future in [future for future in pending if future.done()]:
                pending.remove(future)
                received(future)
            while len(pending) < 2 * workers and front < back:
                size = max(1, min(CHUNK, (back - front) // (4 * self.jobs)))
                pending.append(pool.submit(_work, rels[front : front + size]))
                front += size
            if front < back:
                back -= 1
                summary = self._parse(rels[back])
                results[rels[back]] = summary
                if progress:
                    progress(1)
                if ready:
                    ready(summary)
            elif pending:
                received(pending.pop(0))


CHUNK = 64  # notes a worker is given at once, at most
SWITCH_INTERVAL = 0.0001  # seconds; see Phase1._in_pool


_WORKER: dict[str, object] = {}


def _start_worker(
    root: Path,
    config: Config,
    enabled: set[str],
    needs: list[str],
    transcripts: dict[str, tuple[str, ...]],
    cached: bool,
) -> None:
    _WORKER["root"] = root
    _WORKER["cached"] = cached
    ruleset = RuleSet.build(config, enabled, root)
    ruleset.only(needs)  # as the main process decided from the vault's files
    ruleset.transcripts = transcripts
    _WORKER["ruleset"] = ruleset
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))


def _work(rels: list[str]) -> list[tuple[str, str | None, bytes, bytes | None]]:
    """Phase 1 of a chunk of notes in a worker; the notes' bytes stay here, only their
    digests travel back. A summary travels pickled (between this run's own processes, the
    fastest way), and, when the run has a cache, also as the cache stores it (``codec``),
    so that this process stores those bytes without encoding it again."""
    from notecheck.engine.phases import analyze_text, read_note, summary_of, unreadable
    from notecheck.note.source import UnreadableNote

    root: Path = _WORKER["root"]  # type: ignore[assignment]
    ruleset: RuleSet = _WORKER["ruleset"]  # type: ignore[assignment]
    done: list[tuple[str, str | None, bytes, bytes | None]] = []
    for rel in rels:
        try:
            raw = read_note(root, rel)
        except UnreadableNote as err:
            summary = unreadable(NoteSummary(rel), ruleset, err)
            done.append((rel, None, pickle.dumps(summary, pickle.HIGHEST_PROTOCOL), None))
            continue
        summary = summary_of(analyze_text(root, rel, raw, ruleset))
        message = pickle.dumps(summary, pickle.HIGHEST_PROTOCOL)
        done.append((rel, content_hash(raw), message, codec.dumps(summary) if _WORKER["cached"] else None))
    return done
