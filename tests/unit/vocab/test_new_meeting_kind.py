"""Adding a meeting kind is data, not code: one concept in a copy of the vocabulary and the
lexicon line that finds it, and the kind reaches the comparison profile, the CSV, the matrix page
and the frequency chart with its labels and in its order."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from guize.config import Settings
from guize.store import open_store
from guize.web.app import create_app

ROOT = Path(__file__).resolve().parents[3]
BASE = "http://guize.test/"

NEW_KIND = """
mk:joint a skos:Concept , gz:MeetingKind ;
    skos:inScheme <https://w3id.org/guize/vocab/meeting-kind> ;
    skos:topConceptOf <https://w3id.org/guize/vocab/meeting-kind> ;
    skos:notation "joint" ;
    gz:sortOrder 0 ;
    skos:prefLabel "联席会议"@zh , "joint meeting"@en ;
    skos:definition "政府与有关部门共同研究跨部门事项的会议。"@zh ,
        "A meeting of the government with the departments concerned on cross-cutting matters."@en .
"""

#: A small work rule (not a seed) whose fifth article sets up the new kind of meeting.
RULES = """示例市人民政府关于印发示例市人民政府工作规则的通知
示政发〔2024〕7号
各县、区人民政府，市政府各部门：
现将《示例市人民政府工作规则》印发给你们，请认真贯彻执行。
示例市人民政府
2024年3月1日
示例市人民政府工作规则
第一章 总则
第一条 为了规范市政府工作，根据《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》，制定本规则。
第二条 市政府实行市长负责制。市长领导市政府的工作。
第二章 会议制度
第三条 市政府实行全体会议和常务会议制度。
第四条 市政府常务会议由市长、副市长、秘书长组成，由市长召集和主持。常务会议原则上每月召开一次。
第五条 市政府联席会议由市长、副市长和有关部门主要负责人组成，由市长召集和主持。联席会议原则上每季度召开一次。
第三章 附则
第六条 本规则自印发之日起施行。
"""


def guize(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "guize", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "GUIZE_BASE_IRI": BASE, **env},
        check=False,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("new-kind")
    shutil.copytree(ROOT / "ontology", root / "ontology")
    with (root / "ontology" / "vocab" / "meeting-kind.ttl").open("a", encoding="utf-8") as f:
        f.write(NEW_KIND)
    shutil.copytree(ROOT / "data" / "lexicon", root / "lexicon")
    lexicon = root / "lexicon" / "extraction.yaml"
    text = lexicon.read_text(encoding="utf-8")
    other = re.search(r"(?m)^  other: \[.*\]\n", text)
    assert other, "the lexicon's meetings: other line moved"
    lexicon.write_text(
        text[: other.end()] + '  joint: ["(?:{gov})?联席会议"]\n' + text[other.end() :],
        encoding="utf-8",
    )
    (root / "raw").mkdir()
    (root / "raw" / "rules.txt").write_text(RULES, encoding="utf-8")
    env = {"GUIZE_ONTOLOGY_DIR": str(root / "ontology"), "GUIZE_LEXICON_DIR": str(root / "lexicon")}
    done = guize("build", "--source", str(root / "raw"), "--store", str(root / "store"), env=env)
    assert done.returncode == 0, done.stderr
    return {"root": root, "env": env}


def test_the_profile_has_the_new_kind(built):
    done = guize("compare", "--store", str(built["root"] / "store"), env=built["env"])
    assert done.returncode == 0, done.stderr
    (doc,) = json.loads(done.stdout)["documents"]
    joint = [m for m in doc["meetings"] if m["kind"] == "joint"]
    assert len(joint) == 1 and joint[0]["name"] == "市政府联席会议"
    assert {r["code"] for r in joint[0]["members"]} == {"head", "deputy-head", "department-head"}
    assert joint[0]["frequency"]["per"] == "quarter"
    assert joint[0]["sources"] and joint[0]["sources"][0].endswith("/art_5")


def test_the_csv_has_columns_for_it(built):
    done = guize("compare", "--csv", "--store", str(built["root"] / "store"), env=built["env"])
    assert done.returncode == 0, done.stderr
    (row,) = list(csv.DictReader(io.StringIO(done.stdout)))
    assert row["joint.held"] == "True"
    assert row["joint.members"] == "department-head;deputy-head;head"
    assert row["joint.frequency"] == "1-1/quarter"
    assert row["joint.chair"] == "head"


def test_the_matrix_page_and_the_chart_show_it_with_its_labels(built):
    root = built["root"]
    settings = Settings(
        base_iri=BASE,
        store_path=str(root / "store"),
        ontology_dir=str(root / "ontology"),
        dump_dir=str(root / "dumps"),
    )
    store = open_store(root / "store", read_only=True)
    client = create_app(settings, store=store).test_client()
    html = client.get("/compare", headers={"Accept": "text/html"}).get_data(as_text=True)
    groups = re.findall(r'data-group="meeting-([a-z-]+)"', html) or re.findall(
        r'id="group-meeting-([a-z-]+)"', html
    )
    assert groups and groups[0] == "joint", groups  # gz:sortOrder 0: before the plenary
    assert "联席会议" in html and "joint meeting" in html
    chart = re.search(
        r'<svg [^>]*class="chart"[^>]*aria-labelledby="freq-title.*?</svg>', html, re.S
    )
    assert chart and "市政府联席会议" in chart.group(0) and ">4<" in chart.group(0)
    legend = re.search(r'<p class="legend">(.*?)</p>', html, re.S)
    assert legend and "联席会议" in legend.group(1)


def test_without_the_concept_the_build_refuses_the_kind(built, tmp_path):
    env = {"GUIZE_LEXICON_DIR": built["env"]["GUIZE_LEXICON_DIR"]}  # the shipped vocabulary
    done = guize(
        "build", "--source", str(built["root"] / "raw"), "--store", str(tmp_path / "s"), env=env
    )
    assert done.returncode == 1
    assert "integrity violation" in done.stderr and "meeting-kind/joint" in done.stderr
