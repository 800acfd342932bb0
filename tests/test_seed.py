"""The user's example note is correct: nothing but link formatting may be flagged on it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from helpers import check, places

SEED = Path(__file__).parent / "data" / "seed" / "History of South Ossetias independence movements.md"


@pytest.fixture
def seed_vault(tmp_path: Path) -> Path:
    shutil.copy(SEED, tmp_path / SEED.name)
    return tmp_path


def test_seed_gets_48_link_format_findings_and_nothing_else(seed_vault: Path) -> None:
    result = check(seed_vault)
    assert {f.code for f in result.findings} == {"NC104"}
    assert len(result.findings) == 48
    lines = SEED.read_text(encoding="utf-8").splitlines()
    for finding in result.findings:
        text = lines[finding.span.line - 1][finding.span.column - 1 : finding.span.end_column - 1]
        assert re.fullmatch(r"\[\[\w+ \| [^\]]+\]\]", text)
    assert places(result.findings)[0] == (SEED.name, 8, 1, "NC104")


def test_seed_after_fix_has_no_findings(seed_vault: Path) -> None:
    check(seed_vault, fix=True)
    assert check(seed_vault).findings == []
    fixed = (seed_vault / SEED.name).read_text(encoding="utf-8")
    assert fixed == SEED.read_text(encoding="utf-8").replace(" | ", "|")


def test_seed_with_metadata_longer_than_its_last_citation(seed_vault: Path) -> None:
    info = {"id": "2QMKJlu5J8M", "duration": 871, "upload_date": "20220610", "title": "South Ossetia"}
    (seed_vault / "South Ossetia [2QMKJlu5J8M].info.json").write_text(json.dumps(info))
    result = check(seed_vault)
    assert {f.code for f in result.findings} == {"NC104"}


def test_seed_under_spaced_style_is_clean(seed_vault: Path) -> None:
    (seed_vault / ".notecheck.toml").write_text('[links]\npipe-style = "spaced"\n')
    assert check(seed_vault).findings == []


def test_seed_with_every_rule_selected_gives_no_timestamp_or_front_matter_finding(seed_vault: Path) -> None:
    result = check(seed_vault, select=["ALL"], extend_select=["NC205"])
    assert not [f for f in result.findings if f.code.startswith(("NC2", "NC3"))]
