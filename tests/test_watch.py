"""``notecheck --watch``: a report, then what each change made appear and go; Ctrl-C ends it."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from helpers import write_vault

from notecheck.cli.watch import poll_changes

COMMAND = str(Path(sys.executable).parent / "notecheck")


def read_until(process: subprocess.Popen[bytes], marker: str, seconds: float = 30) -> list[str]:
    """Lines of the process's output up to the one that holds ``marker``; the rest stays for the next call."""
    assert process.stdout is not None
    fd = process.stdout.fileno()
    buffered = READ.setdefault(fd, b"")
    deadline = time.monotonic() + seconds
    while marker.encode() not in buffered and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            buffered += chunk
    at = buffered.find(marker.encode())
    if at < 0:
        raise AssertionError(f"no {marker!r} in {buffered!r}")
    end = buffered.find(b"\n", at) + 1 or len(buffered)
    READ[fd] = buffered[end:]
    return buffered[:end].decode("utf-8").splitlines()


READ: dict[int, bytes] = {}


def test_watch_prints_what_a_change_made_appear_and_go(tmp_path: Path) -> None:
    write_vault(tmp_path, {"a.md": "See [[b]] and [[gone]].\n", "b.md": "# B\n"})
    process = subprocess.Popen(
        [COMMAND, "--watch"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1"},
    )
    try:
        first = read_until(process, "Watching")
        assert first[0] == "a.md:1:15: NC101 note 'gone' not found"
        assert first[1] == "Found 1 problem."
        time.sleep(0.5)
        (tmp_path / "a.md").write_text("See [[b]] and [[lost]].\n")
        change = read_until(process, " new, ")
        assert change[:2] == ["- a.md:1:15: NC101 note 'gone' not found", "+ a.md:1:15: NC101 note 'lost' not found"]
        assert change[2].endswith("1 new, 1 gone. Found 1 problem.")
    finally:
        process.send_signal(signal.SIGINT)
        status = process.wait(timeout=30)
    assert status == 0
    assert b"Traceback" not in (process.stderr.read() if process.stderr else b"")


def test_polling_sees_a_change_without_watchfiles(tmp_path: Path) -> None:
    write_vault(tmp_path, {"a.md": "# A\n"})
    changes = poll_changes(tmp_path, seconds=0.1)
    timer = threading.Timer(0.3, lambda: (tmp_path / "b.md").write_text("# B\n"))
    timer.start()
    try:
        assert next(changes) == {str(tmp_path / "b.md")}
    finally:
        timer.cancel()
