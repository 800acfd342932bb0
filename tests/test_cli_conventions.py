"""Messages, commands and flags as ruff and rumdl users expect them, through the installed command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import write_vault

COMMAND = str(Path(sys.executable).parent / "notecheck")
NOTES = {
    "note.md": "---\ntitle: Talk\nvideoId: abcdefghijk\n---\nSee [[topic | Topic]] and [[topc]] [7:05].\n",
    "topic.md": "# Topic\n",
    ".notecheck.toml": '[links]\npipe-style = "compact"\n',
}


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([COMMAND, *args], cwd=cwd, capture_output=True, text=True, env=env)


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    return write_vault(tmp_path / "vault", NOTES)


# 3. Messages that never contradict


def test_an_excluded_file_is_named_and_no_success_is_claimed(tmp_path: Path) -> None:
    write_vault(tmp_path, {"templates/Video note.md": "[[x]]\n", ".notecheck.toml": 'exclude = ["templates/"]\n'})
    done = run(tmp_path, "templates/Video note.md")
    assert done.returncode == 0
    assert 'templates/Video note.md is excluded by exclude = ["templates/"]' in done.stderr
    assert done.stdout == "No notes checked.\n"


def test_no_notes_and_missing_folders_say_so(tmp_path: Path) -> None:
    write_vault(tmp_path, {"readme.txt": "no notes\n"})
    assert run(tmp_path).stdout == "No notes checked.\n"
    done = run(tmp_path, "--vault", "/nonexistent")
    assert done.returncode == 2 and "--vault /nonexistent: no such folder" in done.stderr
    assert "All checks passed" not in done.stdout
    (tmp_path / "conf").mkdir()
    done = run(tmp_path, "--config", "conf")
    assert done.returncode == 2 and "--config conf: is a folder" in done.stderr


def test_fix_summary_counts_what_was_fixed_and_what_remains(vault: Path) -> None:
    done = run(vault, "--fix", "--show-fixes")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0] == "note.md:5:25: NC101 note 'topc' not found; did you mean 'topic'?"
    assert lines[1:5] == [
        "Fixed 2 problems in 1 note:",
        "  note.md:",
        "    1 × NC104 link-format",
        "    1 × NC201 timestamp-format",
    ]
    assert lines[5] == "Fixed 2 problems; 1 remains (1 fixable with --unsafe-fixes)."


def test_diff_ends_with_what_it_would_fix(vault: Path) -> None:
    done = run(vault, "--diff")
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == "Would fix 2 problems in 1 note."
    assert done.stdout.startswith("--- a/note.md\n+++ b/note.md\n")


# 4. Conventions users already have


def test_check_subcommand_and_a_folder_named_like_a_command(vault: Path) -> None:
    assert run(vault, "check").stdout == run(vault).stdout
    assert run(vault, "check", "note.md", "-q").stdout.count("NC") == 3
    write_vault(vault, {"rules/r.md": "[[gone]]\n"})
    done = run(vault, "./rules")
    assert done.stdout.splitlines()[0] == "rules/r.md:1:1: NC101 note 'gone' not found"


def test_unsafe_fixes_alone_shows_them_and_writes_nothing(vault: Path) -> None:
    before = (vault / "note.md").read_bytes()
    done = run(vault, "--unsafe-fixes")
    assert (vault / "note.md").read_bytes() == before
    assert "note.md:5:27: NC101 note 'topc' not found; did you mean 'topic'? [-]" in done.stdout
    assert done.stdout.splitlines()[-2] == "Found 3 problems (3 fixable with --fix --unsafe-fixes)."
    run(vault, "--fix", "--unsafe-fixes")
    assert "[[topic]]" in (vault / "note.md").read_text("utf-8")


def test_command_line_select_replaces_select_and_extend_select(vault: Path) -> None:
    (vault / ".notecheck.toml").write_text(
        'select = ["NC1"]\nextend-select = ["nc201"]\n[links]\npipe-style = "compact"\n'
    )
    assert {line.split()[1] for line in run(vault, "-q").stdout.splitlines()} == {"NC101", "NC104", "NC201"}
    assert {line.split()[1] for line in run(vault, "-q", "--select", "NC104").stdout.splitlines()} == {"NC104"}


def test_codes_in_the_configuration_are_case_insensitive(vault: Path) -> None:
    (vault / ".notecheck.toml").write_text('ignore = ["nc104", "Nc2"]\n[links]\npipe-style = "compact"\n')
    assert [line.split()[1] for line in run(vault, "-q").stdout.splitlines()] == ["NC101"]


def test_an_unknown_key_gets_did_you_mean(vault: Path) -> None:
    (vault / ".notecheck.toml").write_text('ignores = ["NC104"]\n[links]\npipe_style = "compact"\n')
    done = run(vault)
    assert done.returncode == 2 and "unknown key 'ignores' (did you mean 'ignore'?)" in done.stderr
    (vault / ".notecheck.toml").write_text('[links]\npipe_style = "compact"\n')
    assert "unknown key 'pipe_style' in [links] (did you mean 'pipe-style'?)" in run(vault).stderr


def test_inline_settings_layer_on_the_vault_configuration(vault: Path) -> None:
    (vault / ".notecheck.toml").write_text('ignore = ["NC2"]\n[links]\npipe-style = "compact"\n')
    spaced = run(vault, "-q", "--config", 'links.pipe-style = "spaced"').stdout
    assert "NC104" not in spaced and "NC201" not in spaced  # the file's ignore still holds
    (vault / "note.md").write_text("See [[topic|Topic]].\n")
    assert "write [[topic | Topic]]" in run(vault, "-q", "--config", 'links.pipe-style = "spaced"').stdout
    done = run(vault, "--config", 'links.pipe-style = "wide"')
    assert done.returncode == 2 and "[links] pipe-style = 'wide' is invalid" in done.stderr


def test_show_settings_prints_file_values_and_rules(vault: Path) -> None:
    done = run(vault, "--show-settings", "--ignore", "NC104")
    assert done.returncode == 0
    assert f"# configuration file: {vault / '.notecheck.toml'}" in done.stdout
    assert 'pipe-style = "compact"' in done.stdout and 'ignore = ["NC104"]' in done.stdout
    assert "#   NC101 broken-link" in done.stdout and "NC104 link-format" not in done.stdout


def test_verbose_names_the_files_used_for_each_video(vault: Path) -> None:
    (vault / "Talk [abcdefghijk].info.json").write_text('{"id": "abcdefghijk", "duration": 600}')
    (vault / "Talk [ABCDEFGHIJK].en.vtt").write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n")
    err = run(vault, "-v").stderr
    assert "notecheck: note.md: length 00:10:00 from Talk [abcdefghijk].info.json" in err
    assert "notecheck: note.md: transcript: Talk [ABCDEFGHIJK].en.vtt names the id in another case" in err


def test_exit_non_zero_on_fix(vault: Path) -> None:
    (vault / "note.md").write_text("See [[topic | Topic]].\n")
    assert run(vault, "--fix", "--exit-non-zero-on-fix").returncode == 1
    assert run(vault, "--fix", "--exit-non-zero-on-fix").returncode == 0  # nothing left to fix


def test_color_always_and_never(vault: Path) -> None:
    assert "\033[" in run(vault, "--color", "always").stdout
    assert "\033[" not in run(vault, "--color", "never").stdout


def test_disable_line_and_unknown_directives(vault: Path) -> None:
    (vault / "note.md").write_text(
        "See [[gone]]. <!-- notecheck-disable-line NC101 -->\n<!-- notecheck-disable-nextline NC101 -->\n[[gone]]\n"
    )
    lines = run(vault, "-q").stdout.splitlines()
    assert lines == [
        "note.md:2:1: NC003 unknown directive 'notecheck-disable-nextline'; "
        "did you mean 'notecheck-disable-next-line'?",
        "note.md:3:1: NC101 note 'gone' not found",
    ]


# 5. A first run that helps


def test_init_writes_a_configuration_guessed_from_the_vault(tmp_path: Path) -> None:
    video = "---\ntitle: T\nvideoId: abcdefghijk\n---\nSee [[topic | T]] and [[missing_slug | M]].\n"
    write_vault(
        tmp_path,
        {
            "videos/a.md": video,
            "videos/b.md": video,
            "topic.md": "# Topic\n",
            "Templates/Video note.md": "---\ntitle: '{{title}}'\nvideoId: '{{videoId}}'\n---\n",
            ".obsidian/templates.json": '{"folder": "Templates"}',
        },
    )
    done = run(tmp_path, "init")
    assert done.returncode == 0 and done.stdout == f"Wrote {tmp_path / '.notecheck.toml'}\n"
    config = (tmp_path / ".notecheck.toml").read_text("utf-8")
    assert 'exclude = ["Templates/"]' in config
    assert 'video-notes = ["videos/**"]' in config
    assert 'pipe-style = "spaced"' in config
    assert '# Here: 2 reported with "all", 0 with "typos".' in config
    assert run(tmp_path).stdout.count("NC101") == 2  # the template is not checked
    again = run(tmp_path, "init")
    assert again.returncode == 2 and "init never overwrites" in again.stderr
    assert (tmp_path / ".notecheck.toml").read_text("utf-8") == config


def test_an_invalid_video_id_names_what_is_wrong(tmp_path: Path) -> None:
    write_vault(tmp_path, {"a.md": "---\ntitle: T\nvideoId: '{{videoId}}'\n---\n"})
    message = run(tmp_path, "-q").stdout.splitlines()[0]
    assert message == (
        "a.md:3:10: NC305 videoId '{{videoId}}' is not an 11-character YouTube id: "
        "it holds '{', '}', outside A-Z a-z 0-9 _ -"
    )


# 6. Rule docs for users


def test_explain_renders_the_page_for_a_user(tmp_path: Path) -> None:
    text = run(tmp_path, "explain", "broken-link").stdout
    assert text.startswith("# NC101 broken-link\n")
    assert "```md flagged" not in text and "=== moldova.md ===" not in text
    assert "with `moldova.md` in the vault:" in text
    assert "## Cost" not in run(tmp_path, "explain", "NC207").stdout
    assert "## Cost" in run(tmp_path, "explain", "NC207", "--verbose").stdout


def test_rules_filter_enabled_and_json(tmp_path: Path) -> None:
    lines = run(tmp_path, "rules", "NC2").stdout.splitlines()
    assert lines[0].startswith("code") and all(line.startswith("NC2") for line in lines[1:])
    (tmp_path / ".notecheck.toml").write_text('ignore = ["NC1"]\n')
    enabled = json.loads(run(tmp_path, "rules", "--enabled", "--output-format", "json").stdout)
    codes = [row["code"] for row in enabled]
    assert "NC201" in codes and not any(code.startswith("NC1") for code in codes) and "NC205" not in codes
    assert set(enabled[0]) == {"code", "name", "family", "severity", "fix", "default", "summary"}


# 1. A name that installs this tool


def test_the_distribution_is_notecheck_vault_and_the_command_says_so(tmp_path: Path) -> None:
    from importlib.metadata import distribution

    from notecheck import __version__

    dist = distribution("notecheck-vault")
    assert dist.version == __version__
    assert any(entry.name == "notecheck" for entry in dist.entry_points)
    assert run(tmp_path, "--version").stdout == f"notecheck {__version__} (notecheck-vault)\n"
