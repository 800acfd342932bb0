"""Unattended runs over whatever people commit: concurrent fixes, odd line endings,
fuzzed notes. The longer fuzz run: NOTECHECK_FUZZ_EXAMPLES=5000 python -m pytest tests/test_robustness.py"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from helpers import check, places, write_vault
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FUZZ_EXAMPLES = int(os.environ.get("NOTECHECK_FUZZ_EXAMPLES", "150"))
NOTE = "---\ntitle: T\nvideoId: abcdefghijk\n---\n" + "".join(
    f"Line {i} [[topic | Topic]] and [[ topic ]] [7:05].\n" for i in range(40)
)
FIXED = "---\ntitle: T\nvideoId: abcdefghijk\n---\n" + "".join(
    f"Line {i} [[topic|Topic]] and [[topic]] [00:07:05].\n" for i in range(40)
)


def test_two_fix_processes_at_once_leave_every_file_untouched_or_fully_fixed(tmp_path: Path) -> None:
    files = {f"n{i:02d}.md": NOTE for i in range(60)}
    compact = '[links]\npipe-style = "compact"\n'  # NOTE's aliased links are all spaced
    write_vault(tmp_path, {**files, "topic.md": "# Topic\n", ".notecheck.toml": compact})
    command = [sys.executable, "-m", "notecheck", "--fix", "--jobs", "1", "."]
    runs = [subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode in (0, 1), err
        assert b"Traceback" not in err
    for name in files:
        assert (tmp_path / name).read_text() in (NOTE, FIXED), name
    assert sum((tmp_path / name).read_text() == FIXED for name in files) == len(files)
    assert not [p for p in tmp_path.iterdir() if "notecheck-tmp" in p.name]


def test_mixed_line_endings_keep_their_positions_and_bytes(tmp_path: Path) -> None:
    raw = b"a [[ x ]]\r\nb [[ y ]]\rc [[ z ]]\nd\r\n"
    write_vault(tmp_path, {"n.md": raw, "x.md": "", "y.md": "", "z.md": ""})
    assert places(check(tmp_path).findings) == [
        ("n.md", 1, 3, "NC104"),
        ("n.md", 2, 3, "NC104"),
        ("n.md", 3, 3, "NC104"),
    ]
    check(tmp_path, fix=True)
    assert (tmp_path / "n.md").read_bytes() == b"a [[x]]\r\nb [[y]]\rc [[z]]\nd\r\n"


def test_a_corrupt_or_foreign_cache_is_rebuilt(tmp_path: Path) -> None:
    write_vault(tmp_path, {"n.md": "[[]]\n"})
    assert places(check(tmp_path).findings) == [("n.md", 1, 1, "NC107")]
    for path in (tmp_path / ".notecheck_cache").glob("*.sqlite"):
        path.write_bytes(b"this is not a database" * 100)
    assert places(check(tmp_path).findings) == [("n.md", 1, 1, "NC107")]
    assert (tmp_path / ".notecheck_cache" / ".gitignore").read_text().strip().endswith("*")


def test_the_cache_follows_changes_in_other_notes(tmp_path: Path) -> None:
    write_vault(tmp_path, {"a.md": "See [[b#Intro]].\n", "b.md": "# Intro\n"})
    assert check(tmp_path).findings == []
    (tmp_path / "b.md").write_text("# Introduction\n")  # a renamed heading breaks the link in a.md
    assert places(check(tmp_path).findings) == [("a.md", 1, 5, "NC102")]
    assert places(check(tmp_path, "a.md").findings) == [("a.md", 1, 5, "NC102")]


def test_an_unchanged_vault_replays_the_last_run_and_a_change_ends_that(tmp_path: Path, monkeypatch) -> None:
    """The run memo: nothing is parsed or read from the note cache when no file changed."""
    import os

    from notecheck.runner import pool as phase1
    from notecheck.runner.run import MEMO_FROM

    notes = {f"n{i:03}.md": f"See [[n{i + 1:03}#Intro]].\n\n# Intro\n" for i in range(MEMO_FROM)}
    notes[f"n{MEMO_FROM - 1:03}.md"] = "Links [[n000 |zero]].\n\n# Intro\n"
    write_vault(tmp_path, notes)
    first = places(check(tmp_path, jobs=1).findings)
    assert first == [(f"n{MEMO_FROM - 1:03}.md", 1, 7, "NC104")]
    asked: list[str] = []
    real_many = phase1.Phase1.many

    def counting(self, rels, progress=None, ready=None):
        asked.extend(rels)
        return real_many(self, rels, progress, ready)

    monkeypatch.setattr(phase1.Phase1, "many", counting)
    assert places(check(tmp_path, jobs=1).findings) == first
    assert asked == []  # replayed
    target = tmp_path / "n001.md"
    target.write_text("# Renamed\n")
    os.utime(target, ns=(target.stat().st_mtime_ns + 10**9,) * 2)
    assert places(check(tmp_path, jobs=1).findings) == [("n000.md", 1, 5, "NC102"), *first]
    assert len(asked) == MEMO_FROM


PIECES = st.sampled_from(
    [
        "[[a]]", "[[a | b]]", "![[x.png]]", "[[a#h]]", "[[#^id]]", "[[", "]]", "[00:01:02]", "[1:2:3:4]", "[00:",
        "`code [[a]]`", "\n```\n[[a]]\n```\n", "<!-- [[a]] -->", "<!-- notecheck-disable -->",
        "| a | [[a|b]] |\n|--|--|\n",
        "\n---\n", "\n# H\n", "> q ", "- i ", "\r\n", "\r", "\n\n", "^id", "On May 31, 2008", "Two days later,",
        "February 30, 1994", "\t", "é", "\ufeff", "\\|", "[x](http://y)", "**", "_", "\x00", "[[../../etc/passwd]]",
    ]
)  # fmt: skip
FRONT = st.sampled_from(
    ["", "---\n", "---\ntitle: [\n---\n", "---\nvideoId: abcdefghijk\ntimeline: x\n---\n", "---\n- a\n---\n"]
)


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FRONT, st.lists(PIECES, max_size=30))
def test_fuzzed_notes_never_crash_and_positions_stay_inside(front: str, pieces: list[str]) -> None:
    text = front + " ".join(pieces)
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        write_vault(root, {"n.md": text.encode("utf-8", "surrogatepass"), "a.md": "# h\n"})
        result = check(root, select=["ALL"], extend_select=["NC205"], cache=False)
        assert not [f for f in result.findings if f.code == "NC001"], [f.message for f in result.findings]
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        for finding in result.findings:
            if finding.code == "NC002":
                continue
            assert 1 <= finding.span.line <= len(lines), finding
            assert 1 <= finding.span.column <= len(lines[finding.span.line - 1]) + 1, finding


def test_a_warm_run_does_not_import_the_parser(tmp_path: Path) -> None:
    """Start-up counts in a warm run of a vault: the parser, YAML and the date grammar stay
    unimported when the run memo answers, and pathspec in a vault without .gitignore or
    excludes."""
    import subprocess
    import sys

    from notecheck.runner.run import MEMO_FROM

    notes = {f"n{i:03}.md": f"See [[n{i + 1:03} | B]] [00:01:02].\n\nIn 1990, it began.\n" for i in range(MEMO_FROM)}
    write_vault(tmp_path, notes)
    script = (
        "import sys\n"
        "from notecheck.cli.main import main\n"
        "try:\n    main(['--exit-zero', '-q', '.'])\n"
        "except SystemExit:\n    pass\n"
        "modules = ('markdown_it', 'yaml', 'notecheck.rules.dates.dating', 'pathspec')\n"
        "print(sorted(m for m in modules if m in sys.modules))\n"
    )
    runs = [subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True) for _ in "12"]
    assert runs[0].stdout.strip().endswith("['markdown_it', 'notecheck.rules.dates.dating', 'yaml']")
    assert runs[1].stdout.strip().endswith("[]"), runs[1].stdout + runs[1].stderr


def test_two_runs_at_once_never_mix_their_reports(tmp_path: Path) -> None:
    """The run memo is written note by note; a report another process cut short is not replayed."""
    from notecheck.runner.cache import FLUSH_EVERY, Cache

    count = FLUSH_EVERY + 40  # one batch is written while both runs are going
    first, second = Cache(tmp_path, "k"), Cache(tmp_path, "k")
    first.start_run()
    second.start_run()
    for index in range(count):
        first.add_run_note((f"a{index}.md", (1, 0), []))
        second.add_run_note((f"b{index}.md", (1, 0), []))
    first.finish_run("state-a")
    second.finish_run("state-b")
    second.close()  # keeps its report and drops the first run's rows written so far
    first.close()  # its report is now incomplete
    assert Cache(tmp_path, "k").run_result("state-a") is None
    assert Cache(tmp_path, "k").run_result("state-b") is None  # replaced by the first run's
    alone = Cache(tmp_path, "k")
    alone.start_run()
    for index in range(count):
        alone.add_run_note((f"c{index}.md", (1, 0), []))
    alone.finish_run("state-c")
    alone.close()
    replay = Cache(tmp_path, "k").run_result("state-c")
    assert replay is not None and [item[0] for item in replay] == [f"c{index}.md" for index in range(count)]


def test_a_parallel_run_shares_the_notes_between_this_process_and_the_workers(tmp_path: Path, monkeypatch) -> None:
    """With --jobs N, N - 1 workers take chunks from the front and this process parses from
    the back: every note once, the same findings as one job, and all of them cached."""
    from notecheck.runner import pool as phase1

    notes = {
        f"n{i:03}.md": f"# N{i}\n\nSee [[n{(i + 1) % 150:03} |next]] and [[n{(i + 1) % 150:03}#Nope]].\n"
        for i in range(150)
    }
    notes["bad.md (escaped)"] = "\\xff\\xfe\\x00"
    write_vault(tmp_path, notes)
    one_job = places(check(tmp_path, jobs=1, cache=False).findings)
    assert len(one_job) == 150 + 150 + 1  # NC104 and NC102 on every note, NC002 once
    here: list[str] = []
    intervals: set[float] = set()
    real_parse = phase1.Phase1._parse

    def counting(self, rel):
        here.append(rel)
        intervals.add(sys.getswitchinterval())
        return real_parse(self, rel)

    monkeypatch.setattr(phase1.Phase1, "_parse", counting)
    usual = sys.getswitchinterval()
    assert places(check(tmp_path, jobs=3).findings) == one_job
    assert 0 < len(here) < len(notes)  # this process did its share, the workers the rest
    # The GIL changes hands quickly while the pool runs (its result thread is not kept
    # waiting), and at the usual pace again after.
    assert [pytest.approx(phase1.SWITCH_INTERVAL)] == list(intervals) and sys.getswitchinterval() == usual
    assert len(set(here)) == len(here)
    here.clear()
    two = [place for place in one_job if place[0] in ("n000.md", "n001.md")]
    assert places(check(tmp_path, "n000.md", "n001.md", jobs=3).findings) == two
    # Every readable note was cached by the parallel run; an unreadable one never is, and
    # NC308 reads its videoId from its front matter alone: nothing is parsed.
    assert here == []


def _linked_vault() -> dict[str, str]:
    """A vault big enough for a pool, where every early vault-phase rule finds something,
    and notes link both to notes parsed before them and to notes parsed after them."""
    notes = {
        "a/dup.md": "# Dup\n",
        "b/dup.md": "# Dup\n",
        "topic.md": (
            "---\ntimeline:\n  - date: 1992-07-21\n    event: ceasefire agreement\n"
            "    match: [ceasefire]\n---\n# Topic\n"
        ),
    }
    for i in range(120):
        ahead, behind = f"note-{(i + 60) % 120:03}", f"note-{(i + 119) % 120:03}"
        notes[f"note-{i:03}.md"] = (
            f"---\ntitle: N{i}\nvideoId: v{i:010}\nuploadDate: 2022-06-10\nduration: 600\n---\n"
            f"# Part {i}\n\nSee [[{ahead}#Part {(i + 60) % 120}]] and [[{behind}#Part {i}]] [00:01:00].\n\n"
            f"Also [[{ahead}#^b{i % 3}]] and [[{behind}#^b1]] [00:02:00]. ^b{i % 2}\n\n"
            f"Typo [[note-{i:03}x]], twin [[dup | two]], case [[Note-{(i + 60) % 120:03}]] [00:03:00].\n\n"
            f"In March 2023, the [[topic|ceasefire]] was signed [00:04:00]. The end [00:12:00].\n"
        )
    return notes


def test_a_parallel_run_checks_links_early_and_finds_what_one_job_finds(tmp_path: Path, monkeypatch) -> None:
    """With a pool, the vault phase of the early rules runs for a note as soon as the
    notes it links to are parsed (at once, or when the last of them comes), else when the
    note is reported, as the other rules always do: the findings are those of one job,
    messages included."""
    from notecheck.rules.links.nc102_broken_heading import BrokenHeading
    from notecheck.rules.links.nc104_link_format import LinkFormat
    from notecheck.runner import early
    from notecheck.runner import pool as phase1

    write_vault(tmp_path, _linked_vault())
    chosen = ["a/dup.md", "b/dup.md", "topic.md"] + [f"note-{i:03}.md" for i in range(100)]
    # Notes 100-119 are parsed only when asked for: a note linking to one of them waits.
    linked_inside = [i for i in range(100) if (i + 60) % 120 < 100 and (i + 119) % 120 < 100]
    one_job = [(f.path, f.span, f.code, f.message) for f in check(tmp_path, *chosen, jobs=1, cache=False).findings]
    codes = {code for _, _, code, _ in one_job}
    assert {"NC101", "NC102", "NC103", "NC104", "NC105", "NC106", "NC203", "NC404", "NC405"} <= codes
    pooled = {"done": False}
    real_many = phase1.Phase1.many

    def many(self, rels, progress=None, ready=None):
        yield from real_many(self, rels, progress, ready)
        pooled["done"] = True

    called: dict[str, list[bool]] = {"NC102": [], "NC104": []}
    for rule in (BrokenHeading, LinkFormat):
        real = rule.check_in_vault

        def timed(self, note, vault, report, real=real):
            called[self.code].append(pooled["done"])
            real(self, note, vault, report)

        monkeypatch.setattr(rule, "check_in_vault", timed)
    adding: list[str] = []
    deferred: list[str] = []
    real_add, real_check = early.EarlyVaultPhase.add, early.EarlyVaultPhase._check

    def add(self, summary):
        adding.append(summary.rel)
        real_add(self, summary)

    def checking(self, summary):
        if summary.rel != adding[-1]:
            deferred.append(summary.rel)
        real_check(self, summary)

    monkeypatch.setattr(phase1.Phase1, "many", many)
    monkeypatch.setattr(early.EarlyVaultPhase, "add", add)
    monkeypatch.setattr(early.EarlyVaultPhase, "_check", checking)
    two_jobs = [(f.path, f.span, f.code, f.message) for f in check(tmp_path, *chosen, jobs=2, cache=False).findings]
    assert two_jobs == one_job
    assert len(called["NC102"]) == len(called["NC104"]) == len(chosen)  # once a note, both
    # Early: the notes whose linked notes were all chosen; after the pool: those that
    # link to notes 100-119.
    assert called["NC102"].count(False) == 3 + len(linked_inside) and all(called["NC104"])
    assert 0 < len(deferred) < len(linked_inside)  # some waited for a linked note, some did not
