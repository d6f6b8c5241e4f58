"""Installable: ``pip install .`` (not editable) into a fresh virtualenv gives a ``guize`` that
builds a store from a folder of texts, answers a query and serves pages -- outside the checkout,
with the ontology, vocabularies, shapes, lexicon, query catalogue, templates and static files
all coming from the installed package."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from guize_integration import free_port

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
SKIP = (".git", ".venv", "build", "data/build", ".pytest_cache", ".ruff_cache")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with guize installed from a copy of this working tree; returns its bin/."""
    root = tmp_path_factory.mktemp("install")
    source = root / "source"

    def ignore(folder: str, names: list[str]) -> set[str]:
        rel = Path(folder).relative_to(ROOT)
        return {
            n
            for n in names
            if str(rel / n) in SKIP or n == "__pycache__" or n.endswith(".egg-info")
        }

    shutil.copytree(ROOT, source, ignore=ignore)
    subprocess.run([sys.executable, "-m", "venv", str(root / "venv")], check=True)
    pip = [str(root / "venv" / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    done = subprocess.run([*pip, str(source)], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    shutil.rmtree(source)  # nothing may be read from the checkout any more
    return root / "venv" / "bin"


def run(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GUIZE_", "PYTHON"))}
    return subprocess.run(
        [str(bin_dir / "guize"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_installed_package_reads_only_its_own_files(installed, tmp_path):
    probe = subprocess.run(
        [
            str(installed / "python"),
            "-c",
            "import guize, guize.assets as a; print(guize.__file__); "
            "print(*(a.bundled(n) for n in ('ontology', 'shapes', 'lexicon')), sep='\\n')",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    venv = installed.parent
    for line in probe.stdout.splitlines():
        assert Path(line).is_relative_to(venv), line
        assert Path(line).exists(), line
    assert run(installed, "--version", cwd=tmp_path).stdout.startswith("guize ")


def test_build_query_and_serve_outside_the_checkout(installed, tmp_path):
    (tmp_path / "texts").mkdir()
    for name in ("004_ea0f23940cb5d166.txt", "guowuyuan-2004.txt"):
        shutil.copy(ROOT / "data" / "raw" / name, tmp_path / "texts" / name)
    built = run(installed, "build", "--source", "texts", "--store", "store", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert "built 2 of 2 documents, 0 failed" in built.stderr
    answer = run(
        installed,
        "query",
        "PREFIX gz: <https://w3id.org/guize/ontology#> SELECT ?doc WHERE { ?doc a gz:WorkRules } ORDER BY ?doc",
        "--store",
        "store",
        "--format",
        "json",
        cwd=tmp_path,
    )
    assert answer.returncode == 0, answer.stderr
    docs = [b["doc"]["value"] for b in json.loads(answer.stdout)["results"]["bindings"]]
    assert [d.rsplit("/", 1)[-1] for d in docs] == [
        "370800-jizhengfa-2022-4",
        "guowuyuan-guofa-2004-18",
    ]
    compare = run(installed, "compare", "--csv", "--store", "store", cwd=tmp_path)
    assert compare.returncode == 0 and compare.stdout.count("\n") == 3, compare.stderr

    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GUIZE_", "PYTHON"))}
    env["GUIZE_QUERY_WORKERS"] = "1"
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [str(installed / "guize"), "serve", "--store", "store", "--port", str(port)],
            cwd=tmp_path,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        ready = _wait(url + "/health/ready", server, log)
        assert json.loads(ready)["graphs"] >= 2
        for path in ("/compare", "/documents/370800-jizhengfa-2022-4", "/query", "/validate"):
            with urllib.request.urlopen(url + path, timeout=60) as resp:
                assert resp.status == 200 and "guize" in resp.read().decode("utf-8")
        for path in ("/favicon.ico", "/static/pages/guize.css", "/ontology", "/vocab/meeting-kind"):
            with urllib.request.urlopen(url + path, timeout=60) as resp:
                assert resp.status == 200, path
    finally:
        server.terminate()
        server.wait(10)


def _wait(url: str, server: subprocess.Popen, log: Path) -> str:
    """The body of ``url`` once the server answers (up to a minute)."""
    for _ in range(600):
        if server.poll() is not None:
            raise AssertionError(f"guize serve died:\n{log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                return resp.read().decode()
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{url} never answered:\n{log.read_text()[-2000:]}")
