#!/usr/bin/env python3
"""The package's import graph, read from the source (every import that runs, lazy ones
included; those for type checkers only are left out): modules, import levels, cycles,
and the imports that cross the layout's boundaries.

Usage: python scripts/import_graph.py [SRC_DIR]   (default: src/notecheck)
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = "notecheck"


def modules(root: Path) -> dict[str, Path]:
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that ``name`` imports, anywhere in its file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = set()  # imports under ``if TYPE_CHECKING:`` run for type checkers only
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            typing_only.update(id(inner) for inner in ast.walk(node))
    out = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        targets = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            targets = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name and target != PACKAGE:
                out.add(target)
    return out


def graph(root: Path) -> dict[str, set[str]]:
    found = modules(root)
    known = set(found)
    return {name: imports(name, path, known) for name, path in found.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on.add(node)
        for other in edges.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    sys.setrecursionlimit(10000)
    for node in edges:
        if node not in index:
            visit(node)
    return sorted(out)


def levels(edges: dict[str, set[str]]) -> int:
    """The longest chain of imports, each cycle counted as one module."""
    component_of = {}
    for number, component in enumerate(cycles(edges)):
        for name in component:
            component_of[name] = f"cycle{number}"
    condensed: dict[str, set[str]] = {}
    for name, targets in edges.items():
        source = component_of.get(name, name)
        condensed.setdefault(source, set()).update(
            component_of.get(t, t) for t in targets if component_of.get(t, t) != source
        )
    depth: dict[str, int] = {}

    def level(node: str) -> int:
        if node not in depth:
            depth[node] = 1 + max((level(t) for t in condensed.get(node, ())), default=0)
        return depth[node]

    return max((level(node) for node in condensed), default=0)


WING = {"note", "vault", "engine", "rules", "runner", "cli"}


def wing(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in WING else (parts[1] if len(parts) > 1 else "")


def violations(edges: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Imports that break the layout: note/ imports only model; vault/ only note/, model,
    config; engine/ never runner/ or cli/; rules/ only engine/, note/, vault/, model and
    never another family; only the front ends, cli/ and server/, import runner/ (runner/
    itself aside)."""
    bad = []
    for source, targets in edges.items():
        from_wing = wing(source)
        for target in sorted(targets):
            to_wing = wing(target)
            allowed = True
            if from_wing == "note":
                allowed = to_wing in ("note", "model")
            elif from_wing == "vault":
                allowed = to_wing in ("vault", "note", "model", "config")
            elif from_wing == "engine":
                allowed = to_wing not in ("runner", "cli")
            elif from_wing == "rules":
                same_family = target.split(".")[:3] == source.split(".")[:3]
                allowed = to_wing in ("engine", "note", "vault", "model", "config") or (
                    to_wing == "rules" and same_family
                )
            if to_wing == "runner" and from_wing not in ("cli", "server", "runner"):
                allowed = False
            if not allowed:
                bad.append((source, target))
    return sorted(bad)


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent / "src" / PACKAGE
    edges = graph(root)
    found = cycles(edges)
    print(f"{len(edges)} modules, {levels(edges)} import levels, {len(found)} cycles")
    for component in found:
        print("  cycle:", ", ".join(component))
    crossing = violations(edges)
    print(f"{len(crossing)} imports cross the layout's boundaries")
    for source, target in crossing:
        print(f"  {source} -> {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
