"""``json-lines``: one JSON object per line, in the shape of ``json``'s items, for tools
that read a stream (``jq -c``, log shippers)."""

from __future__ import annotations

import json

from notecheck.cli.output.base import Format
from notecheck.cli.output.common import finding_json
from notecheck.model import Finding


class JsonLines(Format):
    def add(self, findings: list[Finding]) -> None:
        for f in findings:
            self.stream.write(json.dumps(finding_json(f), ensure_ascii=False) + "\n")
