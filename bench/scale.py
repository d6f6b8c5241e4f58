"""Scale benchmark (`make bench-scale`): guize on generated corpora of growing size.

For each size in ``SCALE_SIZES`` (default 100,300,1000,3000) it generates that many work rules
(:mod:`corpus`, seed ``SCALE_SEED``) in ``SCALE_DIR`` (default a temporary folder, removed
after) and measures, each as its own ``guize`` process the way a user runs it:

* the full build with the integrity check, ``--jobs SCALE_JOBS`` (default 2): wall time, time
  per document, peak memory (PSS of the build and its workers together: shared pages once);
* a rebuild with nothing changed, and one after one document changed (incremental);
* the store on disk: every file beside the store (all versions kept, the manifest) counted once;
* ``guize compare``: wall time;
* ``guize validate`` (all shapes, every document of the store): wall time (``SCALE_VALIDATE=0``
  skips it);
* ``guize serve``: p50/p99 of every catalogue query on the whole store (POST /sparql) and as
  the catalogue's answer pages give it (``/catalogue/NAME?page=N``, a random page of 10
  documents), of the home, matrix (/compare), documents list and document pages, and its peak
  memory while answering them.

``SCALE_SERVE_STORE=PATH`` measures only the pages of a store built already (JSON on standard
output, nothing appended), ``SCALE_WHOLE_STORE=0`` without the whole-store POSTs.

A table is appended to bench/RESULTS.md and printed, with the machine's load average (the
machine may be shared: say so beside the numbers).
"""

from __future__ import annotations

import json
import os
import platform
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import corpus

from guize.query.catalogue import catalogue

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PORT_BASE = "http://127.0.0.1:{port}/"
ANSWER_PAGE = 10  # documents per page of /catalogue/NAME (guize.web.pages.answers)
IRI_BASE = "http://127.0.0.1:5000/"  # what the stores are built with


class Peak(threading.Thread):
    """Samples the resident memory of a process and all its descendants (from /proc)."""

    def __init__(self, pid: int, every_s: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.every_s, self.peak, self._halt = pid, every_s, 0, threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            self.peak = max(self.peak, tree_memory(self.pid))
            self._halt.wait(self.every_s)

    def stop(self) -> int:
        self._halt.set()
        self.join()
        return self.peak


def tree_memory(root: int) -> int:
    """The memory of a process and all its descendants: the sum of their proportional set
    sizes (PSS, /proc/PID/smaps_rollup), so that pages they share -- a forked server's
    copy-on-write pages, the store's files mapped by every query worker -- count once, not once
    per process as a sum of RSS would."""
    parents: dict[int, int] = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = d.joinpath("stat").read_text().rsplit(")", 1)[1].split()
            parents[int(d.name)] = int(stat[1])
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        p = frontier.pop()
        kids = [c for c, pp in parents.items() if pp == p and c not in tree]
        tree.update(kids)
        frontier.extend(kids)
    return sum(_pss(p) for p in tree)


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def guize(*args: str, env: dict | None = None) -> tuple[float, int, subprocess.CompletedProcess]:
    """Run ``guize ARGS``: (wall seconds, peak memory (PSS) of its process tree, the process)."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [str(BIN / "guize"), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    peak = Peak(proc.pid)
    peak.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    done = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
    return seconds, peak.stop(), done


def disk_bytes(store: Path) -> int:
    """Bytes of every file beside the store (its versions, lock, ledger), hard links once."""
    seen, total = set(), 0
    for path in store.parent.rglob("*"):
        try:
            st = path.lstat()
        except OSError:
            continue
        if path.is_file() and not path.is_symlink() and (st.st_dev, st.st_ino) not in seen:
            seen.add((st.st_dev, st.st_ino))
            total += st.st_size
    return total


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


ERRORS: list[str] = []
#: catalogue query → seconds of each of its answer pages in the last :func:`bench_serve`
ANSWER_TIMES: dict[str, list[float]] = {}


def fetch(url: str, data: bytes | None = None, headers: dict | None = None) -> float:
    """Seconds to the whole answer; an error answer is recorded in ERRORS and counts as its
    time (a timeout answers 503 after the query time limit)."""
    started = time.perf_counter()
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=300) as resp:
            resp.read()
    except urllib.error.HTTPError as exc:
        ERRORS.append(f"{url.split('/', 3)[-1][:60]}: {exc.code}")
    return time.perf_counter() - started


def percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return statistics.median(ordered), p99


def bench_serve(
    store: Path, keys: list[str], reps: int, whole_store: bool = True
) -> dict[str, tuple[float, float]]:
    """p50/p99 (s) per group of requests, and the server's peak memory under them.

    :param whole_store: also POST each catalogue query over the whole store to ``/sparql``
        (minutes at thousands of documents: each may run to the query time limit).
    """
    port = free_port()
    base = PORT_BASE.format(port=port)
    proc = subprocess.Popen(
        [str(BIN / "guize"), "serve", "--store", str(store), "--port", str(port)]
        + ["--base-iri", IRI_BASE],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    peak = Peak(proc.pid)
    peak.start()
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                with urllib.request.urlopen(base + "health/ready", timeout=10):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("guize serve did not start") from None
                time.sleep(0.5)
        groups: dict[str, list[float]] = {
            "catalogue": [],
            "home": [],
            "matrix": [],
            "documents": [],
        }
        groups["document"] = []
        groups["description"] = []  # linked data: a provision's IRI dereferenced, as Turtle
        groups["answers"] = []
        rng = random.Random(0)
        pages = max(1, -(-len(keys) // ANSWER_PAGE))
        turtle = {"Accept": "text/turtle"}
        groups["first home"] = [fetch(base)]  # the service's first answer: nothing cached
        for path in ("compare", "documents"):  # first answers fill the caches
            fetch(base + path)
        for _ in range(reps):
            for q in catalogue().values():
                if whole_store:
                    body = urllib.parse.urlencode({"query": f"BASE <{IRI_BASE}>\n{q.text}"})
                    headers = {
                        "Content-Type": "application/x-www-form-urlencoded",
                        "Accept": "application/sparql-results+json",
                    }
                    groups["catalogue"].append(fetch(base + "sparql", body.encode(), headers))
                page = rng.randint(1, pages)  # the same question, a page of documents at a time
                groups["answers"].append(fetch(base + f"catalogue/{q.name}?page={page}"))
                ANSWER_TIMES.setdefault(q.name, []).append(groups["answers"][-1])
            groups["home"].append(fetch(base))
            groups["matrix"].append(fetch(base + "compare"))
            groups["documents"].append(fetch(base + "documents"))
            groups["document"].append(fetch(base + "documents/" + rng.choice(keys)))
            groups["description"].append(fetch(f"{base}eli/{rng.choice(keys)}/art_1", None, turtle))
        out = {k: percentiles(v) for k, v in groups.items() if v}
    finally:
        proc.terminate()
        proc.wait(30)
        out_peak = peak.stop()
    out["serve_peak"] = (out_peak, out_peak)
    return out


def one_size(n: int, root: Path, jobs: int, seed: int, validate: bool, reps: int) -> dict:
    src, store = root / f"src-{n}", root / f"store-{n}" / "store"
    t0 = time.perf_counter()
    corpus.generate(src, n, seed=seed)
    row: dict = {"n": n, "generate_s": time.perf_counter() - t0}
    env = {"GUIZE_BASE_IRI": IRI_BASE}
    secs, peak, proc = guize(
        "build", "--source", str(src), "--store", str(store), "--jobs", str(jobs), env=env
    )
    if proc.returncode not in (0, 1):
        raise RuntimeError(proc.stderr[-2000:])
    row.update(build_s=secs, build_peak=peak, failed=proc.stderr.count(": FAILED:"))
    row["per_doc_s"] = secs / n
    print(f"  build {secs:.1f} s, peak {mib(peak)} MiB, failed {row['failed']}", file=sys.stderr)
    secs, _, _ = guize(
        "build", "--source", str(src), "--store", str(store), "--jobs", str(jobs), env=env
    )
    row["unchanged_s"] = secs
    changed = sorted(src.glob("*.txt"))[n // 2]
    changed.write_text(changed.read_text("utf-8") + "\n附件：联系方式\n", "utf-8")
    secs, _, proc = guize(
        "build", "--source", str(src), "--store", str(store), "--jobs", str(jobs), env=env
    )
    row["incremental_s"] = secs
    row["store_bytes"] = disk_bytes(store)
    row["served_bytes"] = sum(
        p.stat().st_size for p in Path(os.path.realpath(store)).iterdir() if p.is_file()
    )
    secs, peak, proc = guize("compare", "--store", str(store), env=env)
    row.update(compare_s=secs, compare_peak=peak)
    print(
        f"  rebuilds {row['unchanged_s']:.1f} / {row['incremental_s']:.1f} s, "
        f"store {mib(row['store_bytes'])} MiB, compare {secs:.1f} s",
        file=sys.stderr,
    )
    if validate:
        secs, peak, _ = guize("validate", "--store", str(store), "--format", "json", env=env)
        row.update(validate_s=secs, validate_peak=peak)
        print(f"  validate {secs:.1f} s", file=sys.stderr)
    keys = document_keys(store)
    ERRORS.clear()
    row["serve"] = bench_serve(store, keys, reps)
    row["errors"] = list(ERRORS)
    return row


def mib(b: int) -> str:
    return f"{b / 2**20:.0f}"


def report(rows: list[dict], jobs: int, load: str) -> str:
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"## Scale {now}",
        "",
        f"`make bench-scale`: generated corpora (bench/corpus.py), build `--jobs {jobs}` with the "
        f"integrity check; {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; load average before/after: {load}.",
        "",
        "| docs | build (s) | s/doc | failed | build peak (PSS, MiB) | unchanged rebuild (s) | "
        "one changed (s) | store on disk, all versions (MiB) | served version (MiB) | compare (s) | "
        "validate (s) | serve peak (PSS, MiB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        v = f"{r['validate_s']:.1f}" if "validate_s" in r else "–"
        lines.append(
            f"| {r['n']} | {r['build_s']:.1f} | {r['per_doc_s']:.2f} | {r['failed']} | "
            f"{mib(r['build_peak'])} | {r['unchanged_s']:.1f} | {r['incremental_s']:.1f} | "
            f"{mib(r['store_bytes'])} | {mib(r['served_bytes'])} | {r['compare_s']:.1f} | {v} | "
            f"{mib(r['serve']['serve_peak'][0])} |"
        )
    lines += [
        "",
        "p50 / p99 (ms) of the service's answers:",
        "",
        "| docs | catalogue queries, whole store (POST /sparql) | catalogue answers, a page of "
        f"{ANSWER_PAGE} documents (/catalogue/NAME) | home | matrix (/compare) | documents list | "
        "a document | a provision's IRI as Turtle |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        s = r["serve"]
        columns = ("catalogue", "answers", "home", "matrix", "documents", "document", "description")
        cells = [f"{s[k][0] * 1000:.0f} / {s[k][1] * 1000:.0f}" if k in s else "–" for k in columns]
        lines.append(f"| {r['n']} | " + " | ".join(cells) + " |")
    for r in rows:
        if r.get("errors"):
            lines.append(
                f"\n{r['n']} documents: error answers: " + "; ".join(sorted(set(r["errors"])))
            )
    return "\n".join(lines) + "\n"


def document_keys(store: Path) -> list[str]:
    """The keys of the store's work-rules documents (``guize query``)."""
    listed = (
        "PREFIX gz: <https://w3id.org/guize/ontology#> "
        "SELECT ?k WHERE { ?d a gz:WorkRules ; gz:docKey ?k }"
    )
    env = {"GUIZE_BASE_IRI": IRI_BASE}
    _, _, proc = guize("query", listed, "--store", str(store), "--format", "csv", env=env)
    return [k.strip() for k in proc.stdout.splitlines()[1:] if k.strip()]


def serve_only(store: Path, reps: int, whole_store: bool) -> int:
    """The pages (and, with ``whole_store``, the whole-store catalogue queries) of a store
    built already: p50/p99 in ms and the serve peak, as JSON on standard output."""
    keys = document_keys(store)
    load = os.getloadavg()
    out = bench_serve(store, keys, reps, whole_store)
    figures = {k: [round(1000 * v[0]), round(1000 * v[1])] for k, v in out.items()}
    figures["serve_peak"] = mib(out["serve_peak"][0])
    print(
        json.dumps(
            {
                "documents": len(keys),
                "reps": reps,
                "load": [load, os.getloadavg()],
                "errors": ERRORS,
                "p50_p99_ms": figures,
            },
            indent=1,
        )
    )
    return 0


def main() -> int:
    served = os.environ.get("SCALE_SERVE_STORE")
    if served:  # measure the pages of a store built already, nothing else
        whole = os.environ.get("SCALE_WHOLE_STORE", "1") != "0"
        return serve_only(Path(served), int(os.environ.get("SCALE_REPS", "5")), whole)
    sizes = [int(s) for s in os.environ.get("SCALE_SIZES", "100,300,1000,3000").split(",") if s]
    jobs = int(os.environ.get("SCALE_JOBS", "2"))
    seed = int(os.environ.get("SCALE_SEED", "0"))
    validate = os.environ.get("SCALE_VALIDATE", "1") != "0"
    reps = int(os.environ.get("SCALE_REPS", "5"))
    keep = os.environ.get("SCALE_DIR")
    root = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="guize-scale-"))
    root.mkdir(parents=True, exist_ok=True)
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    rows = []
    try:
        for n in sizes:
            print(f"scale: {n} documents …", file=sys.stderr)
            rows.append(one_size(n, root, jobs, seed, validate, reps))
            print(report(rows[-1:], jobs, load), file=sys.stderr)
    finally:
        if not keep:
            shutil.rmtree(root, ignore_errors=True)
    load += " / " + " ".join(f"{x:.1f}" for x in os.getloadavg())
    text = report(rows, jobs, load)
    with (ROOT / "bench" / "RESULTS.md").open("a", encoding="utf-8") as f:
        f.write("\n" + text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
