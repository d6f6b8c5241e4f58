"""The guize command line, run as a real subprocess: build, ingest, query, compare."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
RAW = ROOT / "data" / "raw"


def guize(
    *args: str, check: bool = False, extra_env: dict | None = None
) -> subprocess.CompletedProcess:
    env = {**os.environ, **(extra_env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "guize.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"guize {args} exited {proc.returncode}: {proc.stderr}")
    return proc


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    store = tmp_path_factory.mktemp("cli") / "store"
    proc = guize("build", "--source", str(RAW), "--store", str(store), check=True)
    return store, proc


def test_build_reports_progress_per_document(built):
    _, proc = built
    names = sorted(p.name for p in RAW.glob("*.txt"))
    for i, name in enumerate(names, 1):
        assert f"[{i}/{len(names)}] {name} → " in proc.stderr
    assert f"built {len(names)} of {len(names)} documents, 0 failed" in proc.stderr


def test_query_table_and_json(built):
    store, _ = built
    q = "PREFIX gz: <https://w3id.org/guize/ontology#> SELECT ?key WHERE { ?d a gz:WorkRules ; gz:docKey ?key } ORDER BY ?key"
    table = guize("query", q, "--store", str(store), check=True).stdout
    assert "370800-jizhengfa-2022-4" in table and "(6 rows)" in table
    out = json.loads(
        guize("query", q, "--store", str(store), "--format", "json", check=True).stdout
    )
    assert len(out["results"]["bindings"]) == 6


def test_malformed_query_exits_2_with_parser_message(built):
    store, _ = built
    proc = guize("query", "SELECT ?x WHERE { ?x", "--store", str(store))
    assert proc.returncode == 2
    assert proc.stderr.startswith("guize: error: query:") and "Traceback" not in proc.stderr


def test_ingest_json_contract():
    out = json.loads(
        guize("ingest", str(RAW / "004_ea0f23940cb5d166.txt"), "--json", check=True).stdout
    )
    assert set(out) >= {"metadata", "chapters", "provisions", "cleaning", "warnings"}
    md = out["metadata"]
    assert set(md) >= {
        "issuer",
        "doc_number",
        "date",
        "adopted_by",
        "repeals",
        "status",
        "superseded_by",
        "place",
        "level",
        "head_title",
    }
    assert md["doc_number"] == "济政发〔2022〕4号"
    p = out["provisions"][0]
    assert set(p) >= {"number", "label", "chapter", "text", "raw_span"}
    assert {e["kind"] for e in out["cleaning"]} >= {"spam", "page-junk"}
    c = out["chapters"][0]
    assert set(c) >= {"number", "title", "provisions"}


@pytest.mark.parametrize(
    "content,reason",
    [
        (b"", "empty"),
        (bytes(range(256)) * 8, "binary"),
        (b"The quick brown fox. " * 50, "Chinese"),
        ("市政府召开会议，研究部署工作。".encode() * 30, "no provisions"),
    ],
)
def test_ingest_rejects_non_rules(tmp_path, content, reason):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    proc = guize("ingest", str(f), "--json")
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr
    assert reason.lower() in lines[0].lower()


def test_build_bare_folder_and_failed_document(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(RAW / "003_346de4b0a8a54efd.txt", src / "a.txt")
    (src / "broken.txt").write_bytes(b"\x00\x01\x02 not a document")
    store = tmp_path / "store"
    proc = guize("build", "--source", str(src), "--store", str(store))
    assert proc.returncode == 1
    assert "a.txt: warning: no sources.yaml entry" in proc.stderr
    assert "broken.txt: FAILED" in proc.stderr and "store unchanged" in proc.stderr
    q = "PREFIX gz: <https://w3id.org/guize/ontology#> SELECT ?d WHERE { ?d a gz:WorkRules }"
    assert "(1 row)" in guize("query", q, "--store", str(store), check=True).stdout
    # now a.txt turns bad: the rebuild fails for it and the store keeps the old graph
    (src / "a.txt").write_bytes(b"")
    proc = guize("build", "--source", str(src), "--store", str(store))
    assert proc.returncode == 1
    assert "(1 row)" in guize("query", q, "--store", str(store), check=True).stdout


def test_query_without_store_is_a_clear_error(tmp_path):
    proc = guize("query", "ASK {}", "--store", str(tmp_path / "nothing"))
    assert proc.returncode == 2 and "run `guize build` first" in proc.stderr


def test_build_refuses_a_graph_that_breaks_the_integrity_shapes(tmp_path):
    """The SHACL check runs on each document before it is written; a violation refuses it."""
    shapes = tmp_path / "shapes"
    shutil.copytree(ROOT / "shapes", shapes)
    with (shapes / "integrity.ttl").open("a", encoding="utf-8") as f:
        f.write(
            "\n<shapes/integrity#StrictTestShape> a sh:NodeShape ; sh:targetClass gz:WorkRules ;\n"
            "  sh:property [ sh:path gz:docKey ; sh:maxLength 3 ;\n"
            '    sh:message "测试用：文档键过长"@zh, "test only: document key too long"@en ] .\n'
        )
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(RAW / "guowuyuan-2004.txt", src / "gwy.txt")
    env_store = tmp_path / "store"
    env = {"GUIZE_SHAPES_DIR": str(shapes)}
    proc = guize("build", "--source", str(src), "--store", str(env_store), extra_env=env)
    assert proc.returncode == 1
    assert "gwy.txt: FAILED" in proc.stderr and "validate" in proc.stderr
    assert "document key too long" in proc.stderr
    q = "PREFIX gz: <https://w3id.org/guize/ontology#> ASK { ?d a gz:WorkRules }"
    assert guize("query", q, "--store", str(env_store), check=True).stdout.strip() == "false"
    # --no-check writes it all the same
    proc = guize(
        "build", "--no-check", "--source", str(src), "--store", str(env_store), extra_env=env
    )
    assert proc.returncode == 0
    assert guize("query", q, "--store", str(env_store), check=True).stdout.strip() == "true"


def test_validate_exit_codes(built, tmp_path):
    store, _ = built
    # the seeds: 瓜州 assumes rule-making power, 合作 and 瓜州 let other meetings decide
    # major matters (tests/unit/validate/test_seeds.py): violations, exit status 1
    proc = guize("validate", "--store", str(store), "--format", "json")
    out = json.loads(proc.stdout)
    assert proc.returncode == 1 and out["conforms"] is False
    assert {"severity", "focus_node", "message_zh", "message_en", "shape", "legal_basis"} <= set(
        out["results"][0]
    )
    # a new document, not added to the store
    proc = guize("validate", str(RAW / "003_346de4b0a8a54efd.txt"), "--shapes", "conformance")
    assert proc.returncode == 1 and "办公室主任" in proc.stdout and "规章" in proc.stdout
    assert "violations" in proc.stdout  # the text report's headline
    # an RDF file that breaks the law: a county's standing meeting chaired by a deputy head
    sys.path.insert(0, str(ROOT / "tests" / "shapes"))
    from shapes_support import load

    graph = load(
        ROOT / "tests" / "shapes" / "invalid" / "StandingMeetingChairRule__chaired-by-a-deputy.ttl",
        base="http://127.0.0.1:5000/",
    )
    bad = tmp_path / "bad.nt"
    graph.serialize(bad, format="nt", encoding="utf-8")
    proc = guize("validate", str(bad), "--format", "json")
    assert proc.returncode == 1
    shapes_hit = {r["shape"].rsplit("#", 1)[-1] for r in json.loads(proc.stdout)["results"]}
    assert "StandingMeetingChairRule" in shapes_hit
    unreadable = tmp_path / "x.ttl"
    unreadable.write_text("this is not turtle <", encoding="utf-8")
    proc = guize("validate", str(unreadable))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    matrix = guize(
        "validate", "--store", str(store), "--matrix", "--format", "csv", check=True
    ).stdout
    assert matrix.splitlines()[0].startswith("government,") and len(matrix.splitlines()) == 7


def _profile(built) -> dict:
    store, _ = built
    out = guize("compare", "--store", str(store), "--json", check=True).stdout
    return {d["id"]: d for d in json.loads(out)["documents"]}


def test_compare_powers_keep_every_action_and_condition(built):
    docs = _profile(built)
    jining = docs["370800-jizhengfa-2022-4"]
    # 济宁 61(七): the emergency signature needs authorisation, and says so
    (emergency,) = [
        p
        for p in jining["powers"]
        if p["action"] == "sign-off" and (p["condition"] or {}).get("event") == "emergency"
    ]
    assert emergency["holder"] == [{"code": "secretary-general", "label": "市政府秘书长"}]
    assert emergency["modality"] == "permission"
    assert emergency["condition"]["authorisation_required"] is True
    assert "经市长或副市长授权" in emergency["condition"]["text"]
    assert emergency["object"] == "government-document" and emergency["sources"]
    # 攀枝花 51: 签署或签发 is two actions, in signing and in powers
    panzhihua = docs["510400-panfufa-2019-6"]
    bill = next(s for s in panzhihua["signing"] if s["category"] == "bill")
    assert bill["actions"] == ["sign", "sign-off"]
    bill_powers = {p["action"] for p in panzhihua["powers"] if p["object"] == "bill"}
    assert bill_powers == {"sign", "sign-off"}
    # 连云港 50: the opening condition reaches the second signer
    lyg = docs["320700-lianzhengfa-2011-96"]
    conds = [s["condition"] or "" for s in lyg["signing"] if s["category"] == "office-document"]
    assert sum("属市政府办公室职权范围内的" in c for c in conds) == 2
    # convening and chairing are powers too, with the meeting as object
    chair = [p for p in jining["powers"] if p["action"] == "chair" and p["object"] == "standing"]
    assert {h["code"] for p in chair for h in p["holder"]} >= {"head", "executive-deputy-head"}
    assert all(p["object_scheme"] == "meeting" for p in chair)


def test_compare_meeting_competence_and_procedure(built):
    docs = _profile(built)
    jining = docs["370800-jizhengfa-2022-4"]
    standing = next(m for m in jining["meetings"] if m["kind"] == "standing")
    assert {"rules", "budget", "bills", "higher-instructions"} <= set(standing["decides"])
    steps = jining["decision_procedure"]["steps"]
    assert steps[:5] == [
        "public-participation",
        "expert-argumentation",
        "risk-assessment",
        "legality-review",
        "collective-discussion",
    ]
    assert "party-report" in steps and jining["decision_procedure"]["sources"]
    assert jining["rule_making"]["claimed"] and jining["party_reporting"]["required"]
    # a county that assumes it makes rules; a county-level city and an old city rule that do not
    assert docs["620922-2020-02-24"]["rule_making"]["claimed"] is True
    assert docs["623001-hezhengfa-2023-38"]["rule_making"] == {"claimed": False, "sources": []}
    assert docs["320700-lianzhengfa-2011-96"]["party_reporting"]["required"] is False
    csv_text = guize("compare", "--store", str(built[0]), "--csv", check=True).stdout
    header = csv_text.splitlines()[0].split(",")
    for column in ("standing.decides", "powers", "decision_procedure", "rule_making"):
        assert column in header


def test_build_writes_inferred_graphs_and_no_inferred_skips_them(built, tmp_path):
    store, proc = built
    assert " inferred " in proc.stderr
    q = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRENDS(STR(?g), '/inferred')) }"
    out = json.loads(
        guize("query", q, "--store", str(store), "--format", "json", check=True).stdout
    )
    assert out["results"]["bindings"][0]["n"]["value"] == "6"
    bare = tmp_path / "bare"
    one = tmp_path / "one"
    one.mkdir()
    shutil.copy(RAW / "guowuyuan-2004.txt", one)
    guize("build", "--source", str(one), "--store", str(bare), "--no-inferred", check=True)
    out = json.loads(guize("query", q, "--store", str(bare), "--format", "json", check=True).stdout)
    assert out["results"]["bindings"][0]["n"]["value"] == "0"


def test_compare_has_posts_bodies_and_legal_basis(built):
    store, _ = built
    prof = json.loads(guize("compare", "--store", str(store), check=True).stdout)
    docs = {d["id"]: d for d in prof["documents"]}
    jining, hezuo = docs["370800-jizhengfa-2022-4"], docs["623001-hezhengfa-2023-38"]
    assert {"code": "head", "label": "市长", "body": "government"} in jining["posts"]
    codes = {p["code"] for p in jining["posts"]}
    assert {"deputy-head", "executive-deputy-head", "secretary-general"} <= codes
    assert jining["legal_basis"] == [
        "宪法",
        "地方各级人民代表大会和地方各级人民政府组织法",
        "山东省人民政府工作规则",
    ]
    assert "国务院组织法" in docs["guowuyuan-guofa-2004-18"]["legal_basis"]
    assert {"code": "party-committee", "label": "市委"} in hezuo["bodies"]
    # the plenary's 列席 is its own post, not the members' (issue 9)
    plenary = next(m for m in hezuo["meetings"] if m["kind"] == "plenary")
    member_labels = {r["label"] for r in plenary["members"]}
    assert "相关乡镇、街道和部门主要负责同志" not in member_labels
    assert "相关乡镇、街道和部门主要负责同志" in {
        r["label"] for r in plenary["non_voting_attendees"]
    }
    csv_head = guize("compare", "--csv", "--store", str(store), check=True).stdout.splitlines()[0]
    assert {"posts", "bodies", "legal_basis", "post_count"} <= set(csv_head.split(","))


def test_reason_reports_consistency_and_what_was_inferred(built):
    store, _ = built
    proc = guize("reason", "--store", str(store), "--documents", "2", "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["consistent"] is True and out["unsatisfiable_classes"] == []
    assert out["documents"] == 2 and out["key_clashes"] == []
    counts = next(iter(out["inferred"].values()))
    assert counts["attends"] > 0 and counts["member"] > 0
    assert out["rules"]["property chains"] == 8
