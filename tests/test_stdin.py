"""``notecheck - --stdin-filename PATH``: a draft checked as that file of the vault, for
editors and note-writing programs (issue 22, part 1), through the installed command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from helpers import write_vault

COMMAND = str(Path(sys.executable).parent / "notecheck")
VAULT = {
    "videos/talk.md": "---\ntitle: Talk\nvideoId: abcdefghijk\n---\nOn disk: [[topic]].\n",
    "topic.md": "# Topic\n\n## Origins\n",
    ".notecheck.toml": '[links]\npipe-style = "compact"\n',
}
DRAFT = "---\ntitle: Talk\nvideoId: abcdefghijk\n---\nSee [[topic | Topic]], [[topic#Origins]] and [[topic#Later]].\n"


def run(cwd: Path, text: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([COMMAND, *args], cwd=cwd, input=text, capture_output=True, text=True, env=env)


def test_a_draft_is_checked_against_the_vault_on_disk(tmp_path: Path) -> None:
    write_vault(tmp_path, VAULT)
    done = run(tmp_path, DRAFT, "-", "--stdin-filename", "videos/talk.md", "--output-format", "json")
    assert done.returncode == 1
    found = [(f["path"], f["line"], f["column"], f["code"]) for f in json.loads(done.stdout)]
    assert found == [("videos/talk.md", 5, 5, "NC104"), ("videos/talk.md", 5, 46, "NC102")]
    assert run(tmp_path, DRAFT, "check", "-", "--stdin-filename", "videos/talk.md").returncode == 1


def test_the_cache_keeps_the_file_on_disk(tmp_path: Path) -> None:
    write_vault(tmp_path, VAULT)
    assert run(tmp_path, "", ".").returncode == 0  # the cache now holds the notes on disk
    run(tmp_path, DRAFT, "-", "--stdin-filename", "videos/talk.md")
    assert run(tmp_path, "", ".").stdout == "All checks passed!\n"  # the draft did not replace it


def test_fix_prints_the_fixed_text_and_writes_nothing(tmp_path: Path) -> None:
    write_vault(tmp_path, VAULT)
    before = (tmp_path / "videos/talk.md").read_bytes()
    done = run(tmp_path, DRAFT, "-", "--stdin-filename", "videos/talk.md", "--fix", "--output-format", "json")
    assert done.stdout == DRAFT.replace("[[topic | Topic]]", "[[topic|Topic]]")
    remaining = json.loads(done.stderr)
    assert [(f["line"], f["column"], f["code"]) for f in remaining] == [(5, 44, "NC102")]
    assert (tmp_path / "videos/talk.md").read_bytes() == before
    clean = run(tmp_path, "# Fine\n", "-", "--stdin-filename", "new.md", "--fix")
    assert clean.stdout == "# Fine\n" and clean.returncode == 0  # a note not on disk yet; nothing to fix


def test_stdin_usage_errors(tmp_path: Path) -> None:
    write_vault(tmp_path, VAULT)
    assert "checked alone" in run(tmp_path, DRAFT, "-", "topic.md").stderr
    assert "--stdin-filename goes with -" in run(tmp_path, "", "--stdin-filename", "a.md").stderr
    assert run(tmp_path, DRAFT, "-", "--stdin-filename", "notes.txt").returncode == 2
