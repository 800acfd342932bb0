"""``notecheck init [DIR]``: a commented ``.notecheck.toml`` guessed from the vault.

It guesses what a new user would otherwise learn from the first noisy run: which folders
hold video notes, Obsidian's templates folder (a template's ``{{videoId}}`` is not an
error), the link style the vault already writes, and how many links point to notes that
do not exist under either ``unresolved`` mode. It never overwrites a configuration."""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from notecheck.config import CONFIG_FILE, has_config

EXIT_CLEAN, EXIT_ERROR = 0, 2
_SPACED = re.compile(r"\[\[[^\[\]|\n]*?\S \| \S[^\[\]\n]*?\]\]")
_COMPACT = re.compile(r"\[\[[^\[\]|\n]*?\S\|\S[^\[\]\n]*?\]\]")
_VIDEO_ID_LINE = re.compile(r"^videoId:", re.MULTILINE)


def cmd_init(argv: list[str]) -> int:
    from notecheck.vault.discovery import find_vault_root

    if len(argv) > 1 or any(arg.startswith("-") for arg in argv):
        print("usage: notecheck init [DIR]", file=sys.stderr)
        return EXIT_ERROR
    given = Path(argv[0]) if argv else Path.cwd()
    if not given.is_dir():
        print(f"notecheck: error: {given}: no such folder", file=sys.stderr)
        return EXIT_ERROR
    root = find_vault_root(given, given.resolve())
    existing = has_config(root)
    if existing is not None:
        print(f"notecheck: error: {existing} exists; init never overwrites a configuration", file=sys.stderr)
        return EXIT_ERROR
    text = initial_config(root)
    target = root / CONFIG_FILE
    try:
        with open(target, "x", encoding="utf-8") as file:  # "x": never over a file made meanwhile
            file.write(text)
    except OSError as err:
        print(f"notecheck: error: {target}: {err.strerror or err}", file=sys.stderr)
        return EXIT_ERROR
    print(f"Wrote {target}")
    return EXIT_CLEAN


def _notes(root: Path) -> dict[str, str]:
    """The vault's notes as text (notes over 16 MB are passed over)."""
    from notecheck.note.source import read_regular_file
    from notecheck.vault.discovery import DefaultExcludes, is_note, walk_vault

    excluded = DefaultExcludes()
    texts = {}
    for rel, ignored in walk_vault(root):
        if is_note(rel) and not ignored and not excluded.match_file(rel):
            try:
                texts[rel] = read_regular_file(root / rel, 16 << 20, root).decode("utf-8", "replace")
            except OSError:
                continue
    return texts


def templates_folder(root: Path) -> str | None:
    """Obsidian's templates folder, from ``.obsidian/templates.json`` (core Templates) or
    ``.obsidian/plugins/templater-obsidian/data.json`` (Templater)."""
    for settings, key in (
        (".obsidian/templates.json", "folder"),
        (".obsidian/plugins/templater-obsidian/data.json", "templates_folder"),
    ):
        try:
            data = json.loads((root / settings).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        folder = data.get(key) if isinstance(data, dict) else None
        if isinstance(folder, str) and folder.strip("/ "):
            return folder.strip("/ ")
    return None


def video_folders(notes: dict[str, str], skip: str | None) -> list[str]:
    """Top folders most of whose notes carry a ``videoId``: there a note without one is a
    mistake, not a topic note."""
    with_id: Counter[str] = Counter()
    every: Counter[str] = Counter()
    for rel, text in notes.items():
        if "/" not in rel or (skip and rel.startswith(skip + "/")):
            continue
        top = rel.split("/", 1)[0]
        every[top] += 1
        head = text[:4096]
        if head.startswith("---") and _VIDEO_ID_LINE.search(head):
            with_id[top] += 1
    return sorted(f"{top}/" for top, count in with_id.items() if count >= 2 and count >= 0.8 * every[top])


def _missing_links(root: Path, mode: str, exclude: list[str]) -> int:
    """How many links NC101 reports under ``unresolved = mode``."""
    from notecheck.runner.run import RunOptions, run

    overrides = [f'links.unresolved = "{mode}"', f"exclude = {json.dumps(exclude)}"]
    options = RunOptions(paths=[root], select=["NC101"], vault=root, cache=False, overrides=overrides)
    return len(run(options).findings)


def initial_config(root: Path) -> str:
    notes = _notes(root)
    templates = templates_folder(root)
    if templates is None and (root / "templates").is_dir():
        templates = "templates"
    exclude = [f"{templates}/"] if templates else []
    folders = video_folders(notes, templates)
    spaced = sum(len(_SPACED.findall(text)) for text in notes.values())
    compact = sum(len(_COMPACT.findall(text)) for text in notes.values())
    style = "spaced" if spaced > compact else "compact" if compact > spaced else "consistent"
    missing_all = _missing_links(root, "all", exclude)
    missing_typos = _missing_links(root, "typos", exclude)
    lines = [
        "# notecheck configuration, written by `notecheck init` from what this vault holds.",
        "# Every key: `notecheck --show-settings`; every rule: `notecheck rules`, `notecheck explain CODE`.",
        "",
        "# Notes not checked (gitignore-style globs). Obsidian's templates hold {{placeholders}}, not notes."
        if templates
        else "# Notes not checked (gitignore-style globs).",
        f"exclude = {json.dumps(exclude)}",
        "",
        '# Rules to leave out, by code or prefix: ignore = ["NC205"]',
        "ignore = []",
        "",
        "[links]",
        f"# Link style: this vault writes {spaced} aliased links as [[a | b]] and {compact} as [[a|b]].",
        f'pipe-style = "{style}"',
        '# Links to notes that do not exist: "all" reports each one (a gate for machine-written',
        '# notes), "typos" only those close to an existing name, attachments and embeds.',
        f'# Here: {missing_all} reported with "all", {missing_typos} with "typos".',
        'unresolved = "all"',
        "",
        "[frontmatter]",
    ]
    if folders:
        lines += [
            f"# Most notes of {', '.join(folders)} carry a videoId: a note there without one is flagged.",
            f"video-notes = {json.dumps([folder + '**' for folder in folders])}",
        ]
    else:
        lines += [
            "# Video notes are those with a videoId; name folders whose notes all should have one:",
            '# video-notes = ["videos/**"]',
        ]
    lines += ['required = ["title", "videoId"]', ""]
    return "\n".join(lines)
