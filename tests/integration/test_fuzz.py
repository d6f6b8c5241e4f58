"""Fuzzing: generated malformed and hostile queries, RDF and texts against the running service
and the CLI.  Fails on any 5xx other than a 503 that names a limit, a crash, a hang, or a
request reaching the loopback listener.

``make test`` runs a seeded subset (``FUZZ_INPUTS``, default 300); ``make fuzz`` runs ten
thousand with a fresh seed (``FUZZ_SEED``) and prints the figures.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter

import pytest
from fuzzing import cases, cli_queries
from guize_integration import REPO, raw

pytestmark = pytest.mark.integration

FUZZ_INPUTS = int(os.environ.get("FUZZ_INPUTS", "300"))
FUZZ_SEED = int(os.environ.get("FUZZ_SEED", "20261204"))
LIMIT_503 = ("time limit", "memory limit", "busy", "try again later")
HANG_S = 30.0  # hardened: 3 s per query or upload, 1 s in the queue


def test_generated_inputs_never_crash_5xx_hang_or_reach_out(hardened, listener):
    tally: Counter = Counter()
    failures: list[str] = []
    started_all = time.monotonic()
    for case in cases(FUZZ_INPUTS, FUZZ_SEED, listener.url):
        headers = {"Content-Type": case.content_type} if case.content_type else {}
        started = time.monotonic()
        try:
            resp = raw(case.method, hardened.url.rstrip("/") + case.path, case.body, headers)
        except OSError as exc:
            failures.append(f"no answer ({exc}) to {case.kind} {case.body[:200]!r}")
            if hardened.process.poll() is not None:
                pytest.fail(f"the service died:\n{hardened.output()}\nlast input: {case}")
            continue
        elapsed = time.monotonic() - started
        tally[(case.kind, resp.status)] += 1
        if elapsed > HANG_S:
            failures.append(f"{elapsed:.0f} s for {case.kind} {case.body[:200]!r}")
        if resp.status >= 500 and not (
            resp.status == 503 and any(m in resp.text for m in LIMIT_503)
        ):
            failures.append(f"{resp.status} {resp.text[:200]} for {case.kind} {case.body[:300]!r}")
    cli = Counter()
    for query in cli_queries(max(3, FUZZ_INPUTS // 100), FUZZ_SEED, listener.url):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "guize",
                "query",
                "-",
                "--store",
                str(hardened.root / "store"),
            ],
            cwd=REPO,
            input=query.encode("utf-8", "surrogatepass"),  # stdin: bytes that may not be UTF-8
            capture_output=True,
            timeout=120,
        )
        cli[done.returncode] += 1
        stderr = done.stderr.decode("utf-8", "replace")
        if done.returncode not in (0, 2) or "Traceback" in stderr:
            failures.append(f"CLI exit {done.returncode} for {query[:200]!r}: {stderr[-300:]}")
    elapsed_all = time.monotonic() - started_all
    summary = (
        f"{sum(tally.values())} HTTP inputs + {sum(cli.values())} CLI runs in {elapsed_all:.0f} s "
        f"(seed {FUZZ_SEED}); statuses {dict(sorted(tally.items()))}; CLI exits {dict(cli)}; "
        f"listener contacts {len(listener.hits)}; failures {len(failures)}"
    )
    print(summary)
    if os.environ.get("FUZZ_REPORT"):
        with open(os.environ["FUZZ_REPORT"], "a", encoding="utf-8") as out:
            out.write(summary + "\n")
    assert listener.hits == []
    assert hardened.process.poll() is None
    assert failures == [], "\n".join(failures[:20])
