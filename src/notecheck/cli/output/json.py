"""``json``: one array of findings, written as the run makes them."""

from __future__ import annotations

import json
from typing import TextIO

from notecheck.cli.output.base import Format, Style
from notecheck.cli.output.common import finding_json
from notecheck.model import Finding


class Json(Format):
    def __init__(self, stream: TextIO, style: Style) -> None:
        super().__init__(stream, style)
        self._items = 0

    def add(self, findings: list[Finding]) -> None:
        for f in findings:
            item = json.dumps(finding_json(f), indent=2, ensure_ascii=False).replace("\n", "\n  ")
            self.stream.write(("[\n  " if not self._items else ",\n  ") + item)
            self._items += 1

    def close(self) -> None:
        self.stream.write("\n]\n" if self._items else "[]\n")
