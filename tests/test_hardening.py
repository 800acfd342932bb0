"""The reproductions of the robustness review (shared/reports/robustness-findings.md), each
named after its id: a finding on its note or a clear message, never an internal error or
NC001, and the other notes checked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import check, places, write_vault

VIDEO = "---\ntitle: t\nvideoId: abcdefghijk\n{extra}---\n{body}\n"


def notecheck(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "notecheck", *args], cwd=cwd, capture_output=True, env={**os.environ, "NO_COLOR": "1"}
    )


def codes(root: Path, *paths: str, **options: object) -> list[tuple[str, int, int, str]]:
    result = check(root, *paths, **options)
    assert not result.errors
    found = places(result.findings)
    assert not [f for f in found if f[3] == "NC001"], [f.message for f in result.findings if f.code == "NC001"]
    return found


def test_cr1_year_0000_in_prose_is_not_a_date(tmp_path: Path) -> None:
    write_vault(tmp_path, {"a.md": "The archive lists 0000-01-15 as the date.\n", "b.md": "[[]]\n"})
    assert codes(tmp_path) == [("a.md", 1, 19, "NC401"), ("b.md", 1, 1, "NC107")]


def test_cr2_relative_dates_near_the_ends_of_the_calendar(tmp_path: Path) -> None:
    write_vault(
        tmp_path,
        {
            "a.md": "It was signed on 0001-01-01. 0 days later, on 2001-01-01, it ended.\n",
            "b.md": "In 1000 the town was founded. 999 years earlier, in 1500, nothing happened.\n",
        },
    )
    assert [code for *_, code in codes(tmp_path)] == ["NC403", "NC403"]


@pytest.mark.parametrize("tagged", ["date: !!timestamp not-a-date", "flag: !!bool maybe"])
def test_cr3_a_bad_tagged_value_is_invalid_yaml(tmp_path: Path, tagged: str) -> None:
    write_vault(tmp_path, {"a.md": f"---\n{tagged}\n---\nx\n", "c.md": "# c\n"})
    for cache in (True, False):
        assert codes(tmp_path, cache=cache) == [("a.md", 2, 1, "NC302")]
    assert codes(tmp_path, "c.md", cache=False) == []  # the bad note elsewhere breaks no rule


def test_cr4_a_chain_of_aliases_does_not_overflow_the_stack(tmp_path: Path) -> None:
    lines = [f"a{i}: &a{i} " + "[" * 300 + (f"*a{i - 1}" if i else "x") + "]" * 300 for i in range(4)]
    write_vault(tmp_path, {"a.md": "---\n" + "\n".join(lines) + "\n---\nbody\n"})
    assert codes(tmp_path, jobs=1) == []


def test_cr5_file_names_that_are_not_utf8(tmp_path: Path) -> None:
    write_vault(tmp_path, {"a.md": "# a\n", **{f"n{i}.md": "# n\n" for i in range(70)}})
    (tmp_path / os.fsdecode(b"caf\xe9.md")).write_bytes(b"See ![[x.png]].\n")
    (tmp_path / os.fsdecode(b"photo-\xe9t\xe9.png")).write_bytes(b"x")
    for _ in range(2):  # cold, then the run memo
        done = notecheck(tmp_path, ".")
        assert done.returncode == 1, done.stderr
        assert done.stdout.decode("utf-8").splitlines()[0] == "caf\\xe9.md:1:5: NC101 attachment 'x.png' not found"
    shown = json.loads(notecheck(tmp_path, "--output-format", "json", ".").stdout.decode("utf-8"))
    assert shown[0]["path"] == "caf\\xe9.md"


def test_nc1_upload_date_at_the_end_of_the_calendar(tmp_path: Path) -> None:
    write_vault(tmp_path, {"a.md": VIDEO.format(extra="uploadDate: 9999-12-31\n", body="In 2001 it ended [00:00:01].")})
    assert codes(tmp_path) == []


def test_nc2_infinite_and_nan_durations_and_cue_times(tmp_path: Path) -> None:
    write_vault(
        tmp_path,
        {
            "a.md": VIDEO.format(extra="duration: .inf\n", body="It ended [00:00:01]."),
            "b.md": VIDEO.format(extra="", body="It says 3,900 [00:00:02].").replace("abcdefghijk", "bbcdefghijk"),
            "bbcdefghijk.json": '[{"start": NaN, "duration": 1, "text": "x"}, {"start": 1, "duration": Infinity}]',
        },
    )
    assert codes(tmp_path) == [("a.md", 4, 11, "NC304")]


def test_nc3_a_timeline_year_0(tmp_path: Path) -> None:
    write_vault(
        tmp_path,
        {
            "t.md": '---\ntitle: t\ntimeline:\n  - date: "0000"\n    event: founding\n---\nx\n',
            "a.md": "In 1990 the founding of [[t]] happened.\n",
        },
    )
    assert codes(tmp_path) == [("t.md", 4, 5, "NC406")]


def test_nc4_a_deeply_nested_info_json_is_ignored(tmp_path: Path) -> None:
    write_vault(
        tmp_path,
        {
            "n1.md": VIDEO.format(extra="", body="In 2019 it happened [00:00:01]."),
            "any.info.json": "[" * 100000 + "]" * 100000,
        },
    )
    assert codes(tmp_path) == []


def test_nc5_and_sec6_a_schema_is_checked_when_loaded_and_never_quoted(tmp_path: Path) -> None:
    write_vault(tmp_path, {"a.md": "---\ntitle: a\n---\nx\n", "s.json": '{"$ref": "#/$defs/missing"}'})
    (tmp_path / "creds.json").write_text('["API-KEY-12345", {"password": "hunter2"}]')
    for schema, says in (
        ("s.json", "its $ref '#/$defs/missing' points to nothing"),
        ("creds.json", "is not a valid JSON Schema"),
        ("../outside.json", "is outside the vault"),
    ):
        (tmp_path / ".notecheck.toml").write_text(f'[frontmatter]\nschema = "{schema}"\n')
        done = notecheck(tmp_path, ".")
        assert done.returncode == 2 and says in done.stderr.decode(), done.stderr
        assert b"hunter2" not in done.stderr and b"Traceback" not in done.stderr
    os.mkfifo(tmp_path / "fifo.json")
    (tmp_path / ".notecheck.toml").write_text('[frontmatter]\nschema = "fifo.json"\n')
    done = subprocess.run(
        [sys.executable, "-m", "notecheck", "."], cwd=tmp_path, capture_output=True, timeout=60, check=False
    )
    assert done.returncode == 2 and b"not a regular file" in done.stderr


def test_sec4_sec5_text_output_escapes_control_characters(tmp_path: Path) -> None:
    note = '---\ntitle: t\nvideoId: "\\e]0;owned\\a\\e[2J"\n---\nSee ![[\x1b[1A\x1b[2Kx.png]].\n'
    forged = '---\ntitle: t\nvideoId: "x\\n::error file=README.md,line=1::fake\\nREADME.md:1:1: NC101 fake"\n---\nx\n'
    write_vault(tmp_path, {"a.md": note, "b.md": forged})
    for output in ("text", "github"):
        done = notecheck(tmp_path, "--output-format", output, ".")
        assert b"\x1b" not in done.stdout and b"\x07" not in done.stdout
        lines = done.stdout.decode().splitlines()
        assert not [line for line in lines if line.startswith(("::error file=README", "README.md"))]
    text = notecheck(tmp_path, ".").stdout.decode()
    assert "attachment '\\x1b[1A\\x1b[2Kx.png' not found" in text


def test_sec2_files_outside_the_vault_fifos_and_devices_are_never_read(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    outside = tmp_path / "secret.vtt"
    outside.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:05.000\nhello\n\nAWS_SECRET=abc123 --> x\n")
    write_vault(vault, {"note.md": VIDEO.format(extra="", body="It says 4242 [00:00:02].")})
    (vault / "abcdefghijk.vtt").symlink_to(outside)
    (vault / "sub").mkdir()
    (vault / "sub" / ".gitignore").symlink_to("/dev/zero")
    (vault / "any.info.json").symlink_to("/dev/zero")
    os.mkfifo(vault / "sub" / "fifo")
    (vault / "y.md").symlink_to(vault / "sub" / "fifo")
    done = subprocess.run(
        [sys.executable, "-m", "notecheck", "."], cwd=vault, capture_output=True, timeout=120, check=False
    )
    assert b"AWS_SECRET" not in done.stdout and b"Traceback" not in done.stderr
    assert b"y.md:1:1: NC002 cannot check: not a regular file; not read" in done.stdout
    assert b"NC001" not in done.stdout


def test_sec3_never_writes_outside_the_vault_through_the_cache_folder(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    write_vault(vault, {"a.md": "# a\n"})
    (vault / ".notecheck_cache").mkdir()
    (vault / ".notecheck_cache" / ".gitignore").symlink_to(tmp_path / "created-outside")
    assert check(vault).findings == []
    assert not (tmp_path / "created-outside").exists()
    (vault / ".notecheck_cache" / ".gitignore").unlink()
    (vault / ".notecheck_cache").rmdir()
    (tmp_path / "elsewhere").mkdir()
    (vault / ".notecheck_cache").symlink_to(tmp_path / "elsewhere")
    assert check(vault).findings == []
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_dl3_a_safe_fix_never_changes_where_a_link_points(tmp_path: Path) -> None:
    write_vault(tmp_path, {"x.md.md": "# x\n## Only in double\n", "x.md": "# y\n", "n.md": "[[x.md#Only in double]]\n"})
    assert codes(tmp_path, "n.md") == []
    check(tmp_path, fix=True)
    assert (tmp_path / "n.md").read_text() == "[[x.md#Only in double]]\n"


def test_dl5_the_diff_applies_with_patch_and_git_apply(tmp_path: Path) -> None:
    import shutil

    notes = {
        "a.md": "# a\n",
        "nofinal.md": b"A [[a |b]]",
        "bom.md": b"\xef\xbb\xbf[[a |b]]\n",
        "cr.md": b"x\r[[a |b]]\r",
        "crlf.md": b"x\r\n[[a |b]]\r\n",
        "u2028.md": "x\u2028y [[a |b]]\n".encode(),
        "n.md": "[[a |b]]\n",
    }
    write_vault(tmp_path / "vault", notes)
    diff = notecheck(tmp_path / "vault", "--diff", ".").stdout
    fixed = tmp_path / "fixed"
    shutil.copytree(tmp_path / "vault", fixed)
    assert notecheck(fixed, "--fix", ".").returncode in (0, 1)
    for tool in (["patch", "-p1", "--quiet"], ["git", "apply", "--unsafe-paths"]):
        target = tmp_path / tool[0]
        shutil.copytree(tmp_path / "vault", target)
        done = subprocess.run(tool, cwd=target, input=diff, capture_output=True, check=False)
        assert done.returncode == 0, (tool, done.stdout, done.stderr)
        for name in notes:
            assert (target / name).read_bytes() == (fixed / name).read_bytes(), (tool, name)


def test_w1_a_fix_that_could_not_be_written_is_not_counted(tmp_path: Path, monkeypatch) -> None:
    from notecheck.runner import fixer

    write_vault(tmp_path, {"n.md": "[[a |b]]\n", "a.md": "# a\n"})

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(fixer, "write_atomically", refuse)
    result = check(tmp_path, fix=True)
    assert result.fixed == 0 and [f.code for f in result.findings] == ["NC104"]
    assert result.warnings and "not fixed" in result.warnings[0]


def test_h11_jobs_are_capped_at_the_cores(tmp_path: Path, monkeypatch) -> None:
    from notecheck.config import Config
    from notecheck.runner import pool as phase1
    from notecheck.runner.run import RunOptions, RunResult, VaultRun

    write_vault(tmp_path, {"a.md": "# a\n"})
    run = VaultRun(tmp_path, Config(), RunOptions(paths=[tmp_path], jobs=500, cache=False), RunResult())
    assert run.phase1.jobs == phase1.default_jobs()


def _dying(rels: list[str]) -> None:
    os._exit(9)  # as the out-of-memory killer would end a worker


def test_cr6_a_worker_that_dies_loses_nothing(tmp_path: Path, monkeypatch) -> None:
    from notecheck.runner import pool as phase1

    notes = {f"n{i:03}.md": f"# N{i}\n\nSee [[n{(i + 1) % 120:03}#Nope]] and [[]].\n" for i in range(120)}
    write_vault(tmp_path, notes)
    one_job = places(check(tmp_path, jobs=1, cache=False).findings)

    monkeypatch.setattr(phase1, "_work", _dying)
    result = check(tmp_path, jobs=2, cache=False)
    assert places(result.findings) == one_job and len(one_job) == 240
    assert result.warnings == [
        "a worker process died (out of memory?); the notes it held were checked in the main process"
    ]


def test_h4_fix_scans_the_vault_for_duplicates_once(tmp_path: Path, monkeypatch) -> None:
    from notecheck.runner.run import UnparsedNotes

    notes = {f"n{i:02}.md": f"---\ntitle: N{i}\nvideoId: video{i:06d}\n---\nSee [[a |b]] [7:05].\n" for i in range(30)}
    write_vault(tmp_path, {**notes, "a.md": "# a\n"})
    asked: list[str] = []
    real = UnparsedNotes.video_id

    def counting(self, rel):
        asked.append(rel)
        return real(self, rel)

    monkeypatch.setattr(UnparsedNotes, "video_id", counting)
    result = check(tmp_path, fix=True, cache=False)
    assert result.fixed == 60 and result.findings == []
    assert len(asked) <= len(notes) + 1  # once per note of the vault, not once per note per fixed note


def test_w3_decomposed_names_and_headings_resolve(tmp_path: Path) -> None:
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Café Zürich")
    write_vault(
        tmp_path,
        {
            f"{nfd}.md": "# c\n",
            "Ziel.md": "# Ziel\n## Überblick\n",
            "n.md": "[[Café Zürich]] and [[Ziel#" + unicodedata.normalize("NFD", "Überblick") + "]]\n",
        },
    )
    assert codes(tmp_path, "n.md") == []


def test_dl1_line_separators_in_front_matter_keep_positions_and_code_blocks(tmp_path: Path) -> None:
    note = '---\ntitle: "x\u2028\u2028\u2028y"\nrel: "[[a |b]]"\n---\n```\ncode: [[a |zz]]\n```\n'
    write_vault(tmp_path, {"a.md": "# a\n", "n.md": note})
    assert codes(tmp_path, "n.md") == [("n.md", 3, 7, "NC104")]  # the front matter's link, not the code block's
    check(tmp_path, "n.md", fix=True)
    assert (tmp_path / "n.md").read_text(encoding="utf-8") == note.replace("[[a |b]]", "[[a|b]]")


def test_w13_front_matter_links_are_read_inside_their_scalar_only(tmp_path: Path) -> None:
    note = '---\ntitle: "[[a |b]]" # [[a |c]]\nrel: ["[[a |d]]", "[[a |e]]"]\nmore: |\n  see [[a |f]]\n---\nx\n'
    write_vault(tmp_path, {"a.md": "# a\n", "n.md": note})
    assert codes(tmp_path, "n.md") == [
        ("n.md", 2, 9, "NC104"),
        ("n.md", 3, 8, "NC104"),
        ("n.md", 3, 20, "NC104"),
        ("n.md", 5, 7, "NC104"),
    ]


def test_dl2_an_unsafe_fix_never_breaks_the_front_matter(tmp_path: Path) -> None:
    write_vault(
        tmp_path, {"it's done.md": "# x\n", "n.md": "---\ntitle: t\nrel: '[[its done]]'\n---\nSee [[its done]].\n"}
    )
    check(tmp_path, "n.md", fix=True, unsafe_fixes=True)
    assert (tmp_path / "n.md").read_text() == "---\ntitle: t\nrel: '[[its done]]'\n---\nSee [[it's done]].\n"


def test_dl4_fix_keeps_the_owner_and_hard_links(tmp_path: Path) -> None:
    write_vault(tmp_path / "vault", {"n.md": "[[a |b]]\n", "a.md": "# a\n"})
    note = tmp_path / "vault" / "n.md"
    os.link(note, tmp_path / "hard.txt")
    if os.getuid() == 0:
        os.chown(tmp_path / "vault" / "a.md", 65534, 65534)
    check(tmp_path / "vault", fix=True)
    assert note.read_text() == "[[a|b]]\n" == (tmp_path / "hard.txt").read_text()
    if os.getuid() == 0:
        (tmp_path / "vault" / "a.md").write_text("# a\n\n[[a |b]]\n")
        os.chown(tmp_path / "vault" / "a.md", 65534, 65534)
        check(tmp_path / "vault", fix=True)
        assert (tmp_path / "vault" / "a.md").stat().st_uid == 65534


def test_h8_info_json_files_are_read_only_for_the_videos_checked(tmp_path: Path, monkeypatch) -> None:
    from notecheck.vault.metadata import MetadataIndex

    files = {
        f"media/Talk {i} [video{i:06d}].info.json": json.dumps({"id": f"video{i:06d}", "duration": 60})
        for i in range(50)
    }
    files["v.md"] = "---\ntitle: t\nvideoId: video000007\n---\nIt ends [00:02:00].\n"
    write_vault(tmp_path, files)
    read: list[str] = []
    real = MetadataIndex._read_info

    def counting(self, rel):
        read.append(rel)
        return real(self, rel)

    monkeypatch.setattr(MetadataIndex, "_read_info", counting)
    assert codes(tmp_path, "v.md", cache=False) == [("v.md", 5, 10, "NC203")]
    assert read == ["media/Talk 7 [video000007].info.json"]


def test_w4_a_path_through_a_symlinked_folder_and_a_missing_vault(tmp_path: Path) -> None:
    write_vault(tmp_path / "vault", {"a.md": "[[]]\n"})
    (tmp_path / "lv").symlink_to(tmp_path / "vault")
    for given in ("lv/a.md", "lv"):
        done = notecheck(tmp_path, given)
        assert done.returncode == 1 and b"NC107" in done.stdout and not done.stderr, (given, done.stderr)
    missing = notecheck(tmp_path, "--vault", str(tmp_path / "nonexistent"), ".")
    assert missing.returncode == 2 and b"no such folder" in missing.stderr
    assert b"All checks passed" not in missing.stdout


def test_w6_an_unreadable_folder_and_pyproject_are_said(tmp_path: Path, monkeypatch) -> None:
    write_vault(tmp_path, {"a.md": "# A\n", "locked/x.md": "[[gone]]\n"})
    real_scandir = os.scandir

    def scandir(path):  # as a folder of mode 000 is for a user who is not root
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = check(tmp_path)
    assert result.warnings == ["locked: folder cannot be read (Permission denied); its notes are not checked"]
    monkeypatch.undo()
    from notecheck.config import has_config

    (tmp_path / "pyproject.toml").write_text("[tool.notecheck]\n")
    monkeypatch.setattr(Path, "read_text", lambda self, **kw: (_ for _ in ()).throw(PermissionError(13, "denied")))
    assert has_config(tmp_path) == tmp_path / "pyproject.toml"  # then loading it is exit 2, not the defaults


def test_w7_usage_messages(tmp_path: Path) -> None:
    write_vault(tmp_path, {"a.md": "# A\n"})
    device = notecheck(tmp_path, "--config", "/dev/null")
    assert device.returncode == 2 and b"--config /dev/null: not a regular file" in device.stderr
    nothing = notecheck(tmp_path, "--select", "")
    assert nothing.returncode == 2 and b"--select: give at least one rule code" in nothing.stderr
    assert b"All checks passed" not in nothing.stdout


def test_w8_keys_are_compared_as_property_names(tmp_path: Path) -> None:
    write_vault(tmp_path, {"a.md": '---\ntitle: t\n1: a\n"1": b\nnull: c\n~: d\nyes: e\n---\n'})
    assert [place for place in codes(tmp_path) if place[3] == "NC306"] == [
        ("a.md", 4, 1, "NC306"),
        ("a.md", 6, 1, "NC306"),
    ]


def test_w11_messages_never_repeat_huge_text(tmp_path: Path) -> None:
    big = "9" * 5000
    srt = "1\n00:00:01,000 --> 00:00:04,000\nHello there.\n"
    write_vault(
        tmp_path,
        {
            "talk.md": VIDEO.format(extra="", body=f"They counted {big} soldiers [00:00:02]."),
            "Talk [abcdefghijk].srt": srt,
            "b.md": "---\ntitle: [" + ", ".join(["'" + "x" * 100 + "'"] * 500) + "]\n---\n",
        },
    )
    found = check(tmp_path).findings
    assert {f.code for f in found} >= {"NC207", "NC304"}
    assert all(len(f.message) < 300 for f in found), [len(f.message) for f in found]


def test_w2_tab_indented_continuation_lines_keep_their_columns(tmp_path: Path) -> None:
    write_vault(
        tmp_path,
        {
            "t.md": "- item\n\t[[a | d]] continuation [[b]]\n\n1. one\n\t\t[[a | d]]\n",
            "a.md": "# a\n",
            ".notecheck.toml": '[links]\npipe-style = "compact"\n',
        },
    )
    assert codes(tmp_path) == [("t.md", 2, 2, "NC104"), ("t.md", 2, 25, "NC101"), ("t.md", 5, 3, "NC104")]
    check(tmp_path, fix=True)
    assert (tmp_path / "t.md").read_text() == "- item\n\t[[a|d]] continuation [[b]]\n\n1. one\n\t\t[[a|d]]\n"


def test_h1_aliases_of_a_long_string_are_refused_by_size(tmp_path: Path) -> None:
    long = "x" * 1_000_000
    refs = ", ".join(["*a"] * 400)  # 400 MB once expanded, from a 1 MB note
    write_vault(
        tmp_path,
        {
            "bomb.md": f'---\npad: &a "{long}"\ntitle: [{refs}]\nduration: [{refs}]\n---\nbody\n',
            "big.md": f'---\ntitle: "{long}"\nalso: &b short\nagain: *b\n---\nbody\n',  # a long note, no bomb
        },
    )
    found = codes(tmp_path)
    assert found == [("bomb.md", 2, 1, "NC302")]
    message = next(f.message for f in check(tmp_path).findings)
    assert "once aliases are expanded" in message


def test_w9_numbers_are_read_as_yaml_1_2_reads_them(tmp_path: Path) -> None:
    from notecheck.note.frontmatter import parse_front_matter

    text = "---\na: 1:30:00:00\nb: 1e3\nc: 010\nd: 0b101010101\ne: 0o17\nf: 12:30\n---\n"
    data = parse_front_matter(text.split("\n")).data
    assert data == {"a": "1:30:00:00", "b": 1000.0, "c": 10, "d": "0b101010101", "e": 15, "f": "12:30"}
    write_vault(tmp_path, {"a.md": VIDEO.format(extra="duration: 1:30:00:00\n", body="x")})
    assert ("a.md", 4, 11, "NC304") in codes(tmp_path)  # as the quoted "1:30:00:00" is
