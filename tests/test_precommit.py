"""The real pre-commit, driving this repository's hook against a vault with a broken note."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
IDENTITY = {
    "GIT_AUTHOR_NAME": "notecheck tests",
    "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "notecheck tests",
    "GIT_COMMITTER_EMAIL": "tests@example.invalid",
}


def try_repo(vault: Path, home: Path, hook: str, staged: bool = False) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **IDENTITY, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    files = [] if staged else ["--all-files"]
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), hook, *files, "--color", "never"]
    return subprocess.run(command, cwd=vault, capture_output=True, text=True, env=env, timeout=600)


def test_hook_fails_on_a_broken_note_and_passes_once_fixed(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    (vault / ".obsidian").mkdir(parents=True)
    (vault / "topic.md").write_text("# Topic\n")
    (vault / "note.md").write_text("See [[topic | Topic]] and [[]].\n")
    (vault / ".notecheck.toml").write_text('[links]\npipe-style = "compact"\n')
    subprocess.run(["git", "init", "-q"], cwd=vault, check=True)
    subprocess.run(["git", "add", "."], cwd=vault, check=True)
    home = tmp_path / "pre-commit-home"

    failing = try_repo(vault, home, "notecheck")
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "note.md:1:27: NC107 empty wikilink" in failing.stdout
    assert "note.md:1:5: NC104" in failing.stdout

    fixing = try_repo(vault, home, "notecheck-fix")
    assert fixing.returncode == 1  # files were modified, and one finding remains
    assert (vault / "note.md").read_text() == "See [[topic|Topic]] and [[]].\n"

    (vault / "note.md").write_text("See [[topic|Topic]].\n")
    subprocess.run(["git", "add", "."], cwd=vault, check=True)
    passing = try_repo(vault, home, "notecheck")
    assert passing.returncode == 0, passing.stdout + passing.stderr


def _git(vault: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=vault, check=True, capture_output=True, env={**os.environ, **IDENTITY})


def try_staged(vault: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """The hook on the staged files only, as at a commit."""
    return try_repo(vault, home, "notecheck", staged=True)


def test_the_hook_reports_what_a_change_breaks_in_other_notes(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    (vault / ".obsidian").mkdir(parents=True)
    (vault / "a.md").write_text("See [[b#Relations with Kosovo]], [[c]] and [[d#^fact]].\n")
    (vault / "b.md").write_text("# B\n\n## Relations with Kosovo\n")
    (vault / "c.md").write_text("# C\n")
    (vault / "d.md").write_text("# D\n\nA fact. ^fact\n")
    _git(vault, "init", "-q")
    _git(vault, "add", ".")
    home = tmp_path / "pre-commit-home"
    assert try_repo(vault, home, "notecheck").returncode == 0  # all clean; the cache now knows the notes
    _git(vault, "commit", "-qm", "notes")

    (vault / "b.md").write_text("# B\n\n## Relations with Serbia\n")  # a heading renamed
    _git(vault, "add", "b.md")
    renamed = try_staged(vault, home)
    assert renamed.returncode == 1, renamed.stdout
    assert "a.md:1:5: NC102 heading 'Relations with Kosovo' not found in 'b'" in renamed.stdout
    _git(vault, "checkout", "b.md")

    _git(vault, "mv", "c.md", "e.md")  # a note renamed
    (vault / "d.md").write_text("# D\n\nA fact.\n")  # a block id removed
    _git(vault, "add", "-A")
    moved = try_staged(vault, home)
    assert moved.returncode == 1, moved.stdout
    assert "a.md:1:34: NC101 note 'c' not found" in moved.stdout
    assert "a.md:1:44: NC103 block '^fact' not found in 'd'" in moved.stdout


def test_the_hook_checks_the_notes_of_a_changed_transcript(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    (vault / ".obsidian").mkdir(parents=True)
    (vault / "talk.md").write_text("---\ntitle: Talk\nvideoId: abcdefghijk\n---\nIt ends [00:05:00].\n")
    (vault / "other.md").write_text("# Other\n")
    srt = "1\n00:00:01,000 --> 00:00:04,000\nHello.\n\n2\n00:05:00,000 --> 00:05:02,000\nBye.\n"
    (vault / "Talk [abcdefghijk].srt").write_text(srt)
    _git(vault, "init", "-q")
    _git(vault, "add", ".")
    home = tmp_path / "pre-commit-home"
    assert try_repo(vault, home, "notecheck").returncode == 0
    _git(vault, "commit", "-qm", "notes")
    (vault / "Talk [abcdefghijk].srt").write_text(
        srt.replace("00:05:00,000 --> 00:05:02,000", "00:01:00,000 --> 00:01:02,000")
    )
    _git(vault, "add", ".")
    done = try_staged(vault, home)
    assert done.returncode == 1, done.stdout
    assert "talk.md:5:10: NC203 00:05:00 is past the end of the video" in done.stdout
