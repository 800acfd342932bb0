"""NC204, NC206, NC208 and NC209 scored on the labelled set of real-format video notes
(``labelled_citations``): precision and recall per code, by note and line."""

from __future__ import annotations

import pytest
from helpers import check, write_vault
from labelled_citations import CHANNELS, SCORED, labelled_notes

NOTES = labelled_notes()
TARGETS = {"NC204": (0.9, 0.8), "NC206": (1.0, 0.95), "NC208": (1.0, 0.95), "NC209": (1.0, 0.95)}


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[set, set]]:
    root = tmp_path_factory.mktemp("labelled")
    files = {note.name: note.text for note in NOTES}
    files.update({f"{channel}.md": f"# {channel}\n" for channel in CHANNELS})
    write_vault(root, files)
    found = check(root, cache=False, jobs=1).findings
    result = {}
    for code in SCORED:
        expected = {(note.name, line) for note in NOTES for kind, line in note.expected if kind == code}
        got = {(f.path, f.span.line) for f in found if f.code == code}
        result[code] = (expected, got)
    return result


def test_the_set_is_large_and_has_every_case() -> None:
    assert len(NOTES) >= 60
    for code in SCORED:
        assert sum(1 for note in NOTES for kind, _ in note.expected if kind == code) >= 5, code
    assert sum(1 for note in NOTES if not note.expected) >= 20  # plausible notes that must stay clean
    assert (
        sum(note.text.count('class="yt-timestamp"') for note in NOTES)
        > sum(note.text.count("[00:") for note in NOTES) * 0.5
    )  # mostly anchors, as real notes


@pytest.mark.parametrize("code", SCORED)
def test_precision_and_recall(scored, code: str) -> None:
    expected, got = scored[code]
    true = expected & got
    precision = len(true) / len(got) if got else 1.0
    recall = len(true) / len(expected) if expected else 1.0
    wanted_precision, wanted_recall = TARGETS[code]
    assert precision >= wanted_precision, sorted(got - expected)
    assert recall >= wanted_recall, sorted(expected - got)
