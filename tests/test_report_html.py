"""The HTML report as a person sees it: rendered in headless Chromium (Debian's package,
set up by scripts/system-deps), screenshotted, and its DOM read after the page's script ran."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import write_vault

REPO = Path(__file__).resolve().parent.parent
COMMAND = str(Path(sys.executable).parent / "notecheck")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    binary = shutil.which("chromium")
    assert binary, "chromium is missing: run scripts/system-deps (the README's test command does)"
    profile = tmp_path / "chromium-profile"
    return subprocess.run(
        [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def report(vault: Path, out: Path) -> Path:
    done = subprocess.run(
        [COMMAND, "--output-format", "html", "--output", str(out), "--no-cache", "."],
        cwd=vault,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.returncode == 1, done.stderr
    assert done.stdout == "" and out.stat().st_size > 0
    return out


def rendered(tmp_path: Path, page: Path) -> str:
    """The DOM after Chromium loaded the page and ran its script."""
    done = chromium(tmp_path, "--dump-dom", page.as_uri())
    assert "<h1>notecheck report</h1>" in done.stdout, done.stderr[-2000:]
    return done.stdout


def screenshot(tmp_path: Path, page: Path) -> Path:
    shot = tmp_path / "report.png"
    chromium(tmp_path, "--window-size=1200,1400", f"--screenshot={shot}", page.as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a drawn page, not a blank one
    return shot


def text_of(dom: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}"[^>]*>([^<]*)<', dom)
    assert match, element_id
    return match.group(1)


def test_the_example_vault_report(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    shutil.copytree(REPO / "examples" / "vault", vault)
    page = report(vault, tmp_path / "report.html")
    dom = rendered(tmp_path, page)
    screenshot(tmp_path, page)
    assert text_of(dom, "notes-checked") == "9" and text_of(dom, "findings-total") == "20"
    assert len(re.findall(r'<tr data-rule="NC\d{3}">', dom)) == 16
    assert dom.count('<li class="finding"') == 20
    assert re.findall(r'<tr data-target="([^"]+)" data-count="(\d+)"', dom) == [
        ("moldva", "1"),
        ("the black sea fleet", "1"),
    ]
    strip = re.search(r'<figure class="strip" data-path="videos/Crimea annexation, the fleet.md"[^>]*>', dom)
    assert strip and 'data-misscaled="3"' in strip.group(0) and 'data-outside="3"' in strip.group(0)
    past = re.search(r'<figure class="strip" data-path="videos/Transnistria explained.md"[^>]*>', dom)
    assert past and 'data-outside="1"' in past.group(0)  # 00:15:10 of a 14-minute video
    assert "length 00:14:00 from media/Transnistria explained [Tr4nsn1stR1].info.json" in dom
    assert 'id="page-NC101"' in dom and "<script" in dom and "http" not in dom.split("<script")[0].split("<body")[0]


MISSING = {"shared_missing_topic": 30, "second_missing_topic": 10, "rare_missing_topic": 2}


def test_a_generated_vault_of_1000_notes(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "bench"))
    from generate import generate

    vault = tmp_path / "vault"
    generate(vault, 1000, seed=3)
    notes = sorted((vault / "videos").glob("*.md"))
    start = 0
    for target, count in MISSING.items():
        for note in notes[start : start + count]:
            with note.open("a", encoding="utf-8") as file:
                file.write(f"\nSee [[{target}]].\n")
        start += count
    scaled = notes[500]
    scaled.write_text(
        "---\ntitle: Scaled\nvideoId: abcdefghijk\nduration: 900\n---\n"
        "One [00:01:40]. Two [03:20:00]. Three [05:10:00]. Four [08:30:00].\n",
        encoding="utf-8",
    )
    page = report(vault, tmp_path / "report.html")
    assert page.stat().st_size < 3_000_000
    dom = rendered(tmp_path, page)
    screenshot(tmp_path, page)
    assert text_of(dom, "notes-checked") == "1055"  # 1,000 videos, 50 topics, 5 channels
    ranking = re.findall(r'<tr data-target="([^"]+)" data-count="(\d+)"', dom)
    assert ranking[:3] == [(name.replace("_", " "), str(count)) for name, count in MISSING.items()]
    rel = scaled.relative_to(vault).as_posix()
    strip = re.search(rf'<figure class="strip" data-path="{re.escape(rel)}"[^>]*>', dom)
    assert strip and 'data-misscaled="3"' in strip.group(0)


@pytest.mark.parametrize("name", ["moldva"])
def test_the_report_is_self_contained(tmp_path: Path, name: str) -> None:
    write_vault(tmp_path / "v", {"a.md": f"See [[{name}]] <script>alert(1)</script>.\n"})
    page = report(tmp_path / "v", tmp_path / "r.html")
    text = page.read_text("utf-8")
    assert "<script>alert(1)</script>" not in text  # the note's text is escaped
    assert not re.search(r'(src|href)="(https?:)?//', text)  # nothing from the network
