"""Finding the vault root of a path and the files below it.

The root is the nearest ancestor holding ``.notecheck.toml``, a ``pyproject.toml`` with
``[tool.notecheck]``, or ``.obsidian/``; else the git work tree; else the given folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from notecheck.config import DEFAULT_EXCLUDE, has_config
from notecheck.note.source import read_regular_file

if TYPE_CHECKING:
    import pathspec

NOTE_SUFFIXES = (".md", ".markdown")


def find_vault_root(path: Path, fallback: Path) -> Path:
    start = path if path.is_dir() else path.parent
    start = start.resolve()
    git_root: Path | None = None
    for directory in (start, *start.parents):
        if has_config(directory) or (directory / ".obsidian").is_dir():
            return directory
        if git_root is None and (directory / ".git").exists():
            git_root = directory
    if git_root is not None:
        return git_root
    fallback = fallback.resolve()
    return fallback if fallback == start or fallback in start.parents else start


def is_note(path: Path | str) -> bool:
    return str(path).lower().endswith(NOTE_SUFFIXES)


class DefaultExcludes:
    """The default excludes, folders of those names at any depth, matched without pathspec
    (importing it takes 20 ms, a tenth of a warm run of 1,000 notes)."""

    folders = frozenset(pattern.rstrip("/") for pattern in DEFAULT_EXCLUDE)

    def match_file(self, rel: str) -> bool:
        return any(part in self.folders for part in rel.split("/")[:-1])


@lru_cache(maxsize=256)
def glob_spec(globs: tuple[str, ...]) -> pathspec.PathSpec:
    """Gitignore-style globs of the configuration ([per-file-ignores], video-notes,
    [[frontmatter.rules]]), compiled once per run; pathspec is imported only here."""
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(globs)


def exclude_spec(patterns: list[str]) -> pathspec.PathSpec | DefaultExcludes:
    if not patterns:
        return DefaultExcludes()
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines([*DEFAULT_EXCLUDE, *patterns])


def excluding_pattern(rel: str, patterns: list[str]) -> str:
    """The exclude pattern that passes over ``rel`` (for a message), the default ones first."""
    for pattern in (*DEFAULT_EXCLUDE, *patterns):
        if glob_spec((pattern,)).match_file(rel):
            return pattern
    return ", ".join(patterns)


def walk_vault(root: Path, problems: list[str] | None = None) -> Iterator[tuple[str, bool]]:
    """Every file below ``root`` as (posix path relative to root, ignored by .gitignore).

    Hidden files and folders are skipped (Obsidian does not index them), and so are
    git-ignored folders (a virtual environment, build output). Git-ignored files in
    other folders are listed, flagged: they exist, so links to them resolve. A symlinked
    folder is followed only when it stays inside the vault and was not seen before. A
    folder that cannot be read is said in ``problems``: its notes would be missed in silence.
    """
    root = root.resolve()
    seen: set[str] = {str(root)}
    stack: list[tuple[Path, str, list[tuple[str, pathspec.PathSpec]]]] = [(root, "", [])]
    while stack:
        directory, rel, ignores = stack.pop()
        ignores = _with_gitignore(directory, rel, ignores, root)
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError as err:
            if problems is not None:
                where = rel.rstrip("/") or "the vault root"
                problems.append(f"{where}: folder cannot be read ({err.strerror or err}); its notes are not checked")
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            child_rel = f"{rel}{entry.name}"
            try:
                if entry.is_dir(follow_symlinks=True):
                    real = os.path.realpath(entry.path)
                    if real in seen or not _inside(real, root):
                        continue
                    seen.add(real)
                    if not _ignored(ignores, child_rel + "/"):  # git-ignored folders are not walked
                        stack.append((Path(entry.path), child_rel + "/", ignores))
                elif entry.is_file(follow_symlinks=False) or entry.is_symlink():
                    yield child_rel, _ignored(ignores, child_rel)
            except OSError:
                continue


def _inside(real: str, root: Path) -> bool:
    return real == str(root) or real.startswith(str(root) + os.sep)


MAX_GITIGNORE_BYTES = 1 << 20


def _with_gitignore(
    directory: Path, rel: str, ignores: list[tuple[str, pathspec.PathSpec]], root: Path
) -> list[tuple[str, pathspec.PathSpec]]:
    gitignore = directory / ".gitignore"
    if not os.path.lexists(gitignore):
        return ignores
    try:
        raw = read_regular_file(gitignore, MAX_GITIGNORE_BYTES, root)
    except OSError:
        return ignores
    lines = raw.decode("utf-8", errors="replace").splitlines()
    import pathspec  # only where a .gitignore is

    return [*ignores, (rel, pathspec.GitIgnoreSpec.from_lines(lines))]


def _ignored(ignores: list[tuple[str, pathspec.PathSpec]], rel: str) -> bool:
    return any(rel.startswith(base) and spec.match_file(rel[len(base) :]) for base, spec in ignores)
