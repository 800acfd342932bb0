#!/usr/bin/env python3
"""The floor: read and parse every note of a vault with bare markdown-it-py (commonmark)."""

import sys
from pathlib import Path

from markdown_it import MarkdownIt

md = MarkdownIt("commonmark")
for path in sorted(Path(sys.argv[1]).rglob("*.md")):
    md.parse(path.read_text(encoding="utf-8"))
