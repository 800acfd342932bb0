"""A per-vault cache of phase-1 results, in the spirit of ruff's.

One SQLite file in ``.notecheck_cache/`` at the vault root (with a ``.gitignore`` inside,
so it is never committed). A row holds a note's file size, modification time, content
hash and NoteSummary (its findings and what the vault phase needs) as plain JSON
(``codec``: reading it can never run code, whoever wrote the file); transcripts
have rows of their own (the end of their last cue, the video's length when nothing else
gives it, under size and mtime). A row is
trusted when size and mtime match, else when the content hash matches; otherwise the
note is parsed again. The file name carries a fingerprint of notecheck's version and
the effective configuration, so a change of either starts a new cache. A cache that
cannot be opened or read is ignored and rebuilt; it is never trusted and never a crash.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import uuid
from pathlib import Path
from typing import Any

from notecheck import __version__
from notecheck.note.summary import NoteSummary

CACHE_DIR = ".notecheck_cache"
SCHEMA = 7
FLUSH_EVERY = 256  # rows held before they are written: a cold run must not hold every encoded note
_TABLES = (
    "CREATE TABLE IF NOT EXISTS notes (rel TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, "
    "hash TEXT, video_id TEXT, summary BLOB)",
    "CREATE TABLE IF NOT EXISTS runs (key TEXT, run TEXT, notes INTEGER)",
    "CREATE TABLE IF NOT EXISTS run_notes (run TEXT, position INTEGER, result BLOB, PRIMARY KEY (run, position))",
    "CREATE TABLE IF NOT EXISTS transcripts (rel TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, end_time REAL)",
    # The videoId of notes read for it alone (NC308), not parsed: a cold run parses no more than it checks.
    "CREATE TABLE IF NOT EXISTS video_ids (rel TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, video_id TEXT)",
)


def _code_stamp() -> list[tuple[str, int, int]]:
    """Size and mtime of notecheck's own modules: a changed notecheck never reads old rows."""
    package = Path(__file__).parent
    stamp = []
    for path in sorted(package.rglob("*.py")):
        stat = path.stat()
        stamp.append((path.relative_to(package).as_posix(), stat.st_size, stat.st_mtime_ns))
    return stamp


# A file name that is not UTF-8 reaches sqlite as a lone surrogate: that row is not cached.
DB_ERRORS = (sqlite3.Error, UnicodeEncodeError)


def fingerprint(enabled: set[str], tables: dict[str, Any]) -> str:
    data = json.dumps([SCHEMA, __version__, _code_stamp(), sorted(enabled), tables], sort_keys=True, default=str)
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def content_hash(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


KEEP_OTHER_CACHES = 2  # caches of other versions or configurations kept, the most recently used


def prune(directory: Path, keep: Path) -> None:
    """Delete the cache files of other versions and configurations but the most recently
    used few (a pre-commit hook and a CI run may use two configurations in turn)."""
    others = []
    for path in directory.glob("cache-*.sqlite"):
        if path != keep and not path.is_symlink():
            try:
                others.append((path.stat().st_mtime, path))
            except OSError:
                continue
    for _, path in sorted(others, reverse=True)[KEEP_OTHER_CACHES:]:
        for stale in (path, *(path.with_name(path.name + suffix) for suffix in ("-journal", "-wal", "-shm"))):
            stale.unlink(missing_ok=True)


def clean(root: Path) -> int | None:
    """Remove the vault's cache folder; the number of files removed, None when there is none.
    A cache folder that is a symbolic link is not followed: only the link is removed."""
    directory = root / CACHE_DIR
    if directory.is_symlink():
        directory.unlink()
        return 1
    if not directory.is_dir():
        return None
    removed = 0
    for path in directory.iterdir():
        if path.is_dir() and not path.is_symlink():
            continue  # not ours
        path.unlink()
        removed += 1
    with contextlib.suppress(OSError):  # something of someone else's is left in it
        directory.rmdir()
    return removed


def _create_gitignore(path: Path) -> None:
    """The cache folder's .gitignore, created only where nothing is, not even a dangling
    symbolic link (O_EXCL with O_NOFOLLOW never follows one)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags, 0o644)
    except FileExistsError:
        if path.is_symlink():
            raise OSError(f"{path} is a symbolic link") from None
        return
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write("# Created by notecheck: never commit the cache.\n*\n")


class Cache:
    """Cached summaries of one vault under one configuration."""

    def __init__(self, root: Path, key: str) -> None:
        self.root = root
        self._db: sqlite3.Connection | None = None
        self._pending: list[tuple[str, int, int, str, str | None, bytes]] = []
        self._transcripts: list[tuple[str, int, int, float | None]] = []
        self._video_ids: list[tuple[str, int, int, str | None]] = []
        self._other_dbs: list[sqlite3.Connection] | None = None  # other configurations' caches, read-only
        self._name = ""
        self._index: dict[str, tuple[int, int, str | None]] | None = None  # rel -> (size, mtime, videoId)
        # The run memo being written: its id, notes so far, whether a write failed, its key
        # once complete, and the rows not yet written.
        self._run_id = ""
        self._run_count = 0
        self._run_failed = False
        self._run_key: str | None = None
        self._run_rows: list[tuple[str, int, bytes]] | None = None
        directory = root / CACHE_DIR
        try:
            directory.mkdir(exist_ok=True)
            database = directory / f"cache-{key}.sqlite"
            self._name = database.name
            # Never write outside the vault: a cache folder, database or .gitignore that is a
            # symbolic link (a vault can ship one) turns the cache off for the run.
            if directory.is_symlink() or not directory.is_dir() or database.is_symlink():
                return
            _create_gitignore(directory / ".gitignore")
            self._db = self._open(database)
            prune(directory, keep=database)
        except (OSError, *DB_ERRORS):
            self._db = None

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(path, timeout=5)
            for table in _TABLES:
                db.execute(table)
            db.execute("SELECT rel, size, mtime, hash, video_id, summary FROM notes LIMIT 1").fetchall()
            db.execute("SELECT key, run, notes FROM runs LIMIT 1").fetchall()
            db.execute("SELECT run, position, result FROM run_notes LIMIT 1").fetchall()
            db.execute("SELECT rel, size, mtime, end_time FROM transcripts LIMIT 1").fetchall()
            db.execute("SELECT rel, size, mtime, video_id FROM video_ids LIMIT 1").fetchall()
            return db
        except sqlite3.DatabaseError:
            path.unlink(missing_ok=True)  # corrupt or foreign: start again
            db = sqlite3.connect(path, timeout=5)
            for table in _TABLES:
                db.execute(table)
            return db

    @property
    def enabled(self) -> bool:
        return self._db is not None

    def _row(self, rel: str) -> tuple[int, int, str, str | None, bytes] | None:
        if self._db is None:
            return None
        try:
            return self._db.execute(
                "SELECT size, mtime, hash, video_id, summary FROM notes WHERE rel = ?", (rel,)
            ).fetchone()
        except DB_ERRORS:
            self._db = None
            return None

    def fresh(self, rel: str, stat: os.stat_result) -> NoteSummary | None:
        """The cached summary when the file's size and mtime are unchanged."""
        row = self._row(rel)
        if row is None or row[0] != stat.st_size or row[1] != stat.st_mtime_ns:
            return None
        return _load(row[4], rel)

    def previous(self, rel: str) -> NoteSummary | None:
        """The summary an earlier run stored for a note, whether or not the note changed
        since: from this cache, else from the caches of other configurations or versions
        (the first commit after an upgrade)."""
        row = self._row(rel)
        summary = None if row is None else _load(row[4], rel)
        for db in self._others() if summary is None else ():
            try:
                other = db.execute("SELECT summary FROM notes WHERE rel = ?", (rel,)).fetchone()
            except DB_ERRORS:
                continue
            summary = None if other is None else _load(other[0], rel)
            if summary is not None:
                break
        return summary

    def _others(self) -> list[sqlite3.Connection]:
        """The vault's other caches, read only, most recently used first."""
        if self._other_dbs is None:
            self._other_dbs = []
            directory = self.root / CACHE_DIR
            found = []
            for path in directory.glob("cache-*.sqlite"):
                if path.name != self._name and not path.is_symlink():
                    with contextlib.suppress(OSError):
                        found.append((path.stat().st_mtime, path))
            for _, path in sorted(found, reverse=True):
                try:
                    self._other_dbs.append(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1))
                except DB_ERRORS:
                    continue
        return self._other_dbs

    def by_hash(self, rel: str, digest: str) -> NoteSummary | None:
        """The cached summary when the content is unchanged (touched, or checked out again)."""
        row = self._row(rel)
        if row is None or row[2] != digest:
            return None
        return _load(row[4], rel)

    def video_id(self, rel: str, stat: os.stat_result) -> tuple[bool, str | None]:
        """(known, videoId) of a note without unpickling its summary; one query for all notes."""
        if self._index is None:
            self._index = {}
            if self._db is not None:
                try:
                    rows = self._db.execute("SELECT rel, size, mtime, video_id FROM video_ids").fetchall()
                    rows += self._db.execute("SELECT rel, size, mtime, video_id FROM notes").fetchall()
                    self._index = {row[0]: (row[1], row[2], row[3]) for row in rows}  # a parse wins
                except DB_ERRORS:
                    self._index = {}
        row = self._index.get(rel)
        if row is None or row[0] != stat.st_size or row[1] != stat.st_mtime_ns:
            return False, None
        return True, row[2]

    def store(self, summary: NoteSummary, stat: os.stat_result, digest: str, blob: bytes | None = None) -> None:
        """Remember a note's summary; ``blob``: the summary already encoded (by a worker)."""
        if blob is None:
            blob = dumps(summary)
            if blob is None:
                return
        self._pending.append((summary.rel, stat.st_size, stat.st_mtime_ns, digest, summary.video_id, blob))
        if len(self._pending) >= FLUSH_EVERY:
            self._write("INSERT OR REPLACE INTO notes VALUES (?, ?, ?, ?, ?, ?)", self._pending)

    def known_notes(self) -> set[str]:
        """Every note an earlier run read: those no longer in the vault were renamed or deleted."""
        if self._db is None:
            return set()
        known: set[str] = set()
        for db in (self._db, *self._others()):
            for table in ("notes", "video_ids"):
                with contextlib.suppress(*DB_ERRORS):
                    known.update(row[0] for row in db.execute(f"SELECT rel FROM {table}"))
        return known

    def store_video_id(self, rel: str, stat: os.stat_result, video_id: str | None) -> None:
        """Remember the videoId of a note read for it alone (not parsed)."""
        self._video_ids.append((rel, stat.st_size, stat.st_mtime_ns, video_id))
        if len(self._video_ids) >= FLUSH_EVERY:
            self._write("INSERT OR REPLACE INTO video_ids VALUES (?, ?, ?, ?)", self._video_ids)

    def transcript_end(self, rel: str, stat: os.stat_result) -> tuple[bool, float | None]:
        """(known, end of the last cue) of a transcript read in an earlier run, while its
        file's size and mtime are unchanged; None for a transcript without cues."""
        if self._db is None:
            return False, None
        try:
            row = self._db.execute("SELECT size, mtime, end_time FROM transcripts WHERE rel = ?", (rel,)).fetchone()
        except DB_ERRORS:
            return False, None
        if row is None or row[0] != stat.st_size or row[1] != stat.st_mtime_ns:
            return False, None
        return (True, row[2]) if row[2] is None or isinstance(row[2], float) else (False, None)

    def store_transcript_end(self, rel: str, stat: os.stat_result, end: float | None) -> None:
        self._transcripts.append((rel, stat.st_size, stat.st_mtime_ns, end))

    def run_result(self, key: str) -> list[Any] | None:
        """What a complete run over exactly the same files and configuration reported,
        note by note, or None."""
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT run, notes FROM runs WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            rows = self._db.execute("SELECT result FROM run_notes WHERE run = ? ORDER BY position", (row[0],))
            from notecheck.runner import codec

            result = [codec.loads_result(blob) for (blob,) in rows.fetchall()]
        except Exception:
            return None
        if len(result) != row[1] or not all(_is_note_result(item) for item in result):
            return None  # another process cleared part of it: not trusted
        return result

    def start_run(self) -> None:
        """This run's report is written note by note as it goes, under an id of its own,
        so that two runs at once never mix their rows."""
        self._run_id = uuid.uuid4().hex
        self._run_rows = []

    def add_run_note(self, item: tuple[str, tuple[int, ...], list[Any]]) -> None:
        from notecheck.runner import codec

        try:
            blob: bytes | None = codec.dumps_result(item)
        except (TypeError, ValueError, RecursionError):
            blob = None
        if blob is None or self._run_rows is None:
            self._run_failed = True  # a report with a note missing is never replayed
            return
        self._run_rows.append((self._run_id, self._run_count, blob))
        self._run_count += 1
        if len(self._run_rows) >= FLUSH_EVERY:
            self._write("INSERT OR REPLACE INTO run_notes VALUES (?, ?, ?)", self._run_rows)

    def finish_run(self, key: str) -> None:
        """The run is complete: its report may be replayed while nothing changes."""
        self._run_key = key

    def _write(self, statement: str, rows: list[tuple[Any, ...]]) -> None:
        """Write rows now, each batch its own short transaction (another notecheck may be
        waiting for the file); empties ``rows``. A failure gives up the cache for this run."""
        if self._db is not None and rows:
            try:
                with self._db:
                    self._db.executemany(statement, rows)
            except DB_ERRORS:
                self._give_up()
        rows.clear()

    def _give_up(self) -> None:
        for other in self._other_dbs or ():
            with contextlib.suppress(*DB_ERRORS):
                other.close()
        self._other_dbs = None
        db, self._db = self._db, None
        try:
            if db is not None:
                db.close()
        except DB_ERRORS:
            pass

    def _record_run(self) -> None:
        """Keep this run's report as the one to replay, and drop every other."""
        if self._db is None or self._run_rows is None:
            return
        self._write("INSERT OR REPLACE INTO run_notes VALUES (?, ?, ?)", self._run_rows)
        db = self._db
        if db is None:
            return
        try:
            with db:
                if self._run_key is not None and not self._run_failed:
                    db.execute("DELETE FROM run_notes WHERE run != ?", (self._run_id,))
                    db.execute("DELETE FROM runs")
                    db.execute("INSERT INTO runs VALUES (?, ?, ?)", (self._run_key, self._run_id, self._run_count))
                else:  # an unfinished report is never replayed
                    db.execute("DELETE FROM run_notes WHERE run = ?", (self._run_id,))
        except DB_ERRORS:
            self._give_up()

    def close(self) -> None:
        if self._db is None:
            return
        self._write("INSERT OR REPLACE INTO notes VALUES (?, ?, ?, ?, ?, ?)", self._pending)
        self._write("INSERT OR REPLACE INTO transcripts VALUES (?, ?, ?, ?)", self._transcripts)
        self._write("INSERT OR REPLACE INTO video_ids VALUES (?, ?, ?, ?)", self._video_ids)
        self._record_run()
        self._give_up()


def _is_note_result(item: Any) -> bool:
    from notecheck.model import Finding

    return (
        isinstance(item, tuple)
        and len(item) == 3
        and isinstance(item[0], str)
        and all(isinstance(finding, Finding) for finding in item[2])
    )


def dumps(summary: NoteSummary) -> bytes | None:
    """A summary as plain data (``codec``), or None when it cannot be encoded (it is then not cached)."""
    from notecheck.runner import codec

    try:
        return codec.dumps(summary)
    except (TypeError, ValueError, RecursionError):
        return None


def _load(blob: Any, rel: str) -> NoteSummary | None:
    """A cached summary; anything unexpected (damaged, foreign, forged) is a miss."""
    from notecheck.runner import codec

    if not isinstance(blob, bytes):
        return None
    try:
        summary = codec.loads(blob)
    except (codec.CodecError, RecursionError, MemoryError):
        return None
    return summary if summary.rel == rel else None
