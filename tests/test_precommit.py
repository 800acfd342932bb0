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


def try_repo(vault: Path, home: Path, hook: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **IDENTITY, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), hook, "--all-files", "--color", "never"]
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
