"""A cold cache costs no more than no cache: a run parses what it checks and what those
notes need, never the whole vault; old caches are pruned; 'notecheck clean' removes it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import check, write_vault

from notecheck.runner.cache import CACHE_DIR, KEEP_OTHER_CACHES


@pytest.mark.parametrize("cache", [True, False])
def test_a_cold_run_over_one_note_parses_that_note_only(tmp_path: Path, monkeypatch, cache: bool) -> None:
    from notecheck.runner import pool as phase1

    notes = {f"n{i:02}.md": f"---\ntitle: N{i}\nvideoId: video{i:06d}\n---\nText [00:00:{i:02}].\n" for i in range(30)}
    notes["n29.md"] = "---\ntitle: N0\nvideoId: video000000\n---\nText.\n"  # one duplicate, found all the same
    write_vault(tmp_path, notes)
    parsed: list[str] = []
    real = phase1.Phase1._parse

    def counting(self, rel):
        parsed.append(rel)
        return real(self, rel)

    monkeypatch.setattr(phase1.Phase1, "_parse", counting)
    found = check(tmp_path, "n00.md", cache=cache).findings
    assert [(f.code, f.path) for f in found] == [("NC308", "n00.md")]
    assert parsed == ["n00.md"]
    parsed.clear()
    assert check(tmp_path, "n00.md", cache=cache).findings == found
    assert parsed == ([] if cache else ["n00.md"])  # the second run reads the other ids from the cache


def test_caches_of_other_configurations_are_pruned(tmp_path: Path) -> None:
    write_vault(tmp_path, {"a.md": "# a\n"})
    directory = tmp_path / CACHE_DIR
    directory.mkdir()
    for index in range(5):
        old = directory / f"cache-old{index}.sqlite"
        old.write_bytes(b"")
        os.utime(old, (time.time() - 1000 * (index + 1),) * 2)
    check(tmp_path)
    left = sorted(path.name for path in directory.glob("cache-*.sqlite"))
    assert len(left) == 1 + KEEP_OTHER_CACHES
    assert "cache-old0.sqlite" in left and "cache-old1.sqlite" in left  # the most recently used


def test_clean_removes_the_cache(tmp_path: Path) -> None:
    write_vault(tmp_path, {"a.md": "# a\n"})
    check(tmp_path)
    assert (tmp_path / CACHE_DIR).is_dir()
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "notecheck", "clean"], cwd=tmp_path, capture_output=True, text=True, env=env
    )
    assert done.returncode == 0 and done.stdout.startswith("Removed ")
    assert not (tmp_path / CACHE_DIR).exists()
    again = subprocess.run(
        [sys.executable, "-m", "notecheck", "clean", "."], cwd=tmp_path, capture_output=True, text=True
    )
    assert (again.returncode, again.stdout) == (0, f"No cache in {tmp_path.resolve()}\n")
