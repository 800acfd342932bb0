"""``--statistics``: the number of findings per rule, as a table or (``--output-format
json``) as a JSON array of ``{code, name, count, fixable}``."""

from __future__ import annotations

import json

from notecheck.cli.output.common import Tally


def statistics_rows(tally: Tally) -> list[dict[str, object]]:
    return [
        {"code": code, "name": tally.names[code], "count": count, "fixable": code in tally.fixable_codes}
        for code, count in sorted(tally.by_code.items(), key=lambda item: (-item[1], item[0]))
    ]


def statistics_text(tally: Tally) -> str:
    rows = [
        f"{row['count']:>6}  {row['code']}  {row['name']:<28} {'[*]' if row['fixable'] else '   '}"
        for row in statistics_rows(tally)
    ]
    return "\n".join(rows) + ("\n" if rows else "")


def statistics_json(tally: Tally) -> str:
    return json.dumps(statistics_rows(tally), indent=2) + "\n"
