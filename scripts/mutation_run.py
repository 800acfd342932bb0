#!/usr/bin/env python3
"""A mutation run (cosmic-ray) over the suppressions and the fixer (and the engine's phases):
every mutant cosmic-ray's operators make, each tested by the tests that cover those
modules; the survivors are listed by file, line and operator.

Usage: pip install cosmic-ray && python scripts/mutation_run.py [--list] [module ...]

It works on a copy of the repository in a temporary folder (cosmic-ray edits files in
place), so the working tree is never left mutated. Mutants inside type annotations are
skipped: with ``from __future__ import annotations`` they never run, so they can only
survive. Exit status 1 when a mutant survives. ``scripts/mutants.py`` keeps the seven
hand-written boundary mutants that once survived, which must stay killed.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# By default the suppressions and the fixer (about 200 mutants, half an hour on this
# machine); name engine/phases.py too for the engine's phases (about 200 more).
MODULES = ["src/notecheck/engine/suppress.py", "src/notecheck/runner/fixer.py"]
TESTS = ["tests/test_mutants.py", "tests/test_suppressions.py", "tests/test_fix.py", "tests/test_engine.py"]


def annotation_lines(path: Path) -> set[tuple[int, int]]:
    """(line, column) of every character position inside an annotation, roughly: the
    positions cosmic-ray reports as a mutation's start."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    inside: set[tuple[int, int]] = set()
    for node in ast.walk(tree):
        annotations = []
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            annotations.append(node.returns)
            arguments = node.args
            every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs, arguments.vararg, arguments.kwarg]
            annotations.extend(argument.annotation for argument in every if argument is not None)
        elif isinstance(node, ast.AnnAssign):
            annotations.append(node.annotation)
        for annotation in annotations:
            if annotation is None:
                continue
            for part in ast.walk(annotation):
                if hasattr(part, "lineno"):
                    for column in range(part.col_offset, (part.end_col_offset or part.col_offset) + 1):
                        inside.add((part.lineno, column))
    return inside


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", default=MODULES, help="files to mutate, relative to the repository")
    parser.add_argument("--list", action="store_true", help="only count the mutants")
    options = parser.parse_args()
    if shutil.which("cosmic-ray") is None:
        print("cosmic-ray is not installed: pip install cosmic-ray", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="notecheck-mutation-") as folder:
        copy = Path(folder) / "repo"
        shutil.copytree(
            ROOT, copy, ignore=shutil.ignore_patterns(".git", ".venv", ".ci-venv", "__pycache__", ".*cache")
        )
        config = copy / "cosmic-ray.toml"
        command = f"{sys.executable} -m pytest -q -x -p no:cacheprovider {' '.join(TESTS)}"
        config.write_text(
            "[cosmic-ray]\n"
            f"module-path = {json.dumps(options.modules)}\n"
            "timeout = 120.0\nexcluded-modules = []\n"
            f"test-command = {json.dumps(command)}\n"
            '[cosmic-ray.distributor]\nname = "local"\n',
            encoding="utf-8",
        )
        session = copy / "session.sqlite"
        env = {**os.environ, "PYTHONPATH": str(copy / "src")}  # the copy's code, not the installed one
        subprocess.run(["cosmic-ray", "init", str(config), str(session)], cwd=copy, check=True, env=env)
        skipped = _skip_annotations(copy, session, options.modules)
        jobs = _dump(copy, session, env)
        print(f"{len(jobs)} mutants, {skipped} of them in annotations (skipped)")
        if options.list:
            return 0
        subprocess.run(["cosmic-ray", "exec", str(config), str(session)], cwd=copy, check=True, env=env)
        survivors = []
        killed = 0
        for mutation, result in _dump(copy, session, env):
            if result is None or result.get("worker_outcome") == "skipped":
                continue
            if result.get("test_outcome") == "survived":
                survivors.append(mutation)
            else:
                killed += 1
        for mutation in sorted(survivors, key=lambda m: (m["module_path"], m["start_pos"])):
            line, column = mutation["start_pos"]
            where = f"{mutation['module_path']}:{line}:{column + 1}"
            print(f"SURVIVED {where} {mutation['operator_name']} (in {mutation['definition_name']})")
        print(f"{killed} killed, {len(survivors)} survived")
    return 1 if survivors else 0


def _dump(copy: Path, session: Path, env: dict[str, str]) -> list[tuple[dict, dict | None]]:
    out = subprocess.run(
        ["cosmic-ray", "dump", str(session)], cwd=copy, env=env, capture_output=True, text=True, check=True
    )
    jobs = []
    for line in out.stdout.splitlines():
        item, result = json.loads(line)
        jobs.append((item["mutations"][0], result))
    return jobs


def _skip_annotations(copy: Path, session: Path, modules: list[str]) -> int:
    """Mark the mutants inside annotations as skipped, as cosmic-ray's own filters do."""
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import WorkerOutcome, WorkResult

    inside = {path: annotation_lines(copy / path) for path in modules}
    count = 0
    with use_db(str(session), WorkDB.Mode.open) as db:
        for item in db.pending_work_items:
            mutation = item.mutations[0]
            path = Path(mutation.module_path)
            rel = (path.relative_to(copy) if path.is_absolute() else path).as_posix()
            line, column = mutation.start_pos
            if (line, column) in inside.get(rel, set()):
                db.set_result(item.job_id, WorkResult(output="in an annotation", worker_outcome=WorkerOutcome.SKIPPED))
                count += 1
    return count


if __name__ == "__main__":
    raise SystemExit(main())
