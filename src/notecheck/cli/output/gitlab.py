"""``gitlab``: a GitLab code quality report (a JSON array of issues), for the
``codequality`` artifact of a merge request.

The fingerprint is the path, the code, the message and how many findings of the same
three came before it in the note: stable when lines move, distinct within a note."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import TextIO

from notecheck.cli.output.base import Format, Style
from notecheck.cli.output.common import utf8_path
from notecheck.model import Finding


class Gitlab(Format):
    def __init__(self, stream: TextIO, style: Style) -> None:
        super().__init__(stream, style)
        self._items = 0
        self._seen: Counter[tuple[str, str, str]] = Counter()

    def add(self, findings: list[Finding]) -> None:
        for f in findings:
            path = utf8_path(f.path)
            key = (path, f.code, f.message)
            self._seen[key] += 1
            fingerprint = hashlib.sha256(repr((*key, self._seen[key])).encode("utf-8", "surrogateescape")).hexdigest()
            issue = {
                "description": f"{f.code} {utf8_path(f.message)}",
                "check_name": f"{f.code} {f.name}",
                "fingerprint": fingerprint,
                "severity": "major" if f.severity == "error" else "minor",
                "location": {
                    "path": path,
                    "positions": {
                        "begin": {"line": f.span.line, "column": f.span.column},
                        "end": {"line": f.span.end_line, "column": f.span.end_column},
                    },
                },
            }
            item = json.dumps(issue, indent=2, ensure_ascii=False).replace("\n", "\n  ")
            self.stream.write(("[\n  " if not self._items else ",\n  ") + item)
            self._items += 1

    def close(self) -> None:
        self.stream.write("\n]\n" if self._items else "[]\n")
