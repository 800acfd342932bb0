"""The user's example note is correct: in a vault that holds the notes it links to, the
default configuration flags nothing on it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from helpers import check, places

SEED = Path(__file__).parent / "data" / "seed" / "History of South Ossetias independence movements.md"
TARGETS = ("jameskerlindsay", "russias_relationship_with_south_ossetia", "south_ossetia_and_its_political_status")


@pytest.fixture
def seed_vault(tmp_path: Path) -> Path:
    shutil.copy(SEED, tmp_path / SEED.name)
    for target in TARGETS:
        (tmp_path / f"{target}.md").write_text(f"# {target}\n", encoding="utf-8")
    return tmp_path


def _seed_only(findings):
    return [finding for finding in findings if finding.path == SEED.name]


def test_seed_is_clean_by_default(seed_vault: Path) -> None:
    assert check(seed_vault).findings == []


def test_seed_under_compact_style_gets_48_link_format_findings_and_fix_repairs_exactly_those(seed_vault: Path) -> None:
    (seed_vault / ".notecheck.toml").write_text('[links]\npipe-style = "compact"\n')
    result = check(seed_vault)
    assert {f.code for f in result.findings} == {"NC104"}
    assert len(result.findings) == 48
    lines = SEED.read_text(encoding="utf-8").splitlines()
    for finding in result.findings:
        text = lines[finding.span.line - 1][finding.span.column - 1 : finding.span.end_column - 1]
        assert re.fullmatch(r"\[\[\w+ \| [^\]]+\]\]", text)
    assert places(result.findings)[0] == (SEED.name, 8, 1, "NC104")
    check(seed_vault, fix=True)
    assert check(seed_vault).findings == []
    fixed = (seed_vault / SEED.name).read_text(encoding="utf-8")
    assert fixed == SEED.read_text(encoding="utf-8").replace(" | ", "|")


def test_seed_alone_reports_each_missing_note_it_links_to(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / SEED.name)
    result = check(tmp_path)
    assert {f.code for f in result.findings} == {"NC101"}
    assert len(result.findings) == 49  # every link: 1 + 23 + 25
    assert places(result.findings)[0] == (SEED.name, 6, 7, "NC101")
    assert "note 'jameskerlindsay' not found" in result.findings[0].message


def test_seed_with_metadata_longer_than_its_last_citation(seed_vault: Path) -> None:
    info = {"id": "2QMKJlu5J8M", "duration": 871, "upload_date": "20220610", "title": "South Ossetia"}
    (seed_vault / "South Ossetia [2QMKJlu5J8M].info.json").write_text(json.dumps(info))
    assert check(seed_vault).findings == []


def test_seed_under_spaced_style_is_clean(seed_vault: Path) -> None:
    (seed_vault / ".notecheck.toml").write_text('[links]\npipe-style = "spaced"\n')
    assert check(seed_vault).findings == []


def test_seed_with_every_rule_selected_gives_no_timestamp_or_front_matter_finding(seed_vault: Path) -> None:
    result = check(seed_vault, select=["ALL"], extend_select=["NC205"])
    assert not [f for f in _seed_only(result.findings) if f.code.startswith(("NC2", "NC3"))]
