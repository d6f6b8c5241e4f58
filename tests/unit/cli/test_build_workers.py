"""A build killed outright (SIGKILL: no handler runs) takes its worker processes with it: they
do not stay behind waiting for work that will never come."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "bench"))
import corpus  # noqa: E402


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(c) for c in text.split()]


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_workers_die_with_a_killed_build(tmp_path):
    corpus.generate(tmp_path / "src", 6, seed=5)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GUIZE_")}
    build = subprocess.Popen(
        [sys.executable, "-m", "guize.cli", "build", "--source", str(tmp_path / "src")]
        + ["--store", str(tmp_path / "store"), "--jobs", "2", "--no-check"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 120
        while len(workers) < 2 and time.monotonic() < deadline:
            assert build.poll() is None, "the build ended before its workers were seen"
            workers = [c for c in children(build.pid) if alive(c)]
            time.sleep(0.05)
        assert len(workers) >= 2, "no worker processes appeared"
        os.kill(build.pid, signal.SIGKILL)
        build.wait(10)
        deadline = time.monotonic() + 20
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = [w for w in workers if alive(w)]
        assert not left, f"workers {left} outlived the killed build"
    finally:
        if build.poll() is None:
            build.kill()
        for w in workers:  # whatever the outcome, nothing is left running
            try:
                os.kill(w, signal.SIGKILL)
            except OSError:
                pass
