"""ontology/glossary.md is generated from the Turtle and must be current (like ``cog --check``)."""

from __future__ import annotations

import importlib.util

from ontology_helpers import ONTOLOGY_DIR


def _make_glossary():
    spec = importlib.util.spec_from_file_location(
        "make_glossary", ONTOLOGY_DIR / "make_glossary.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_glossary_is_current():
    mg = _make_glossary()
    committed = (ONTOLOGY_DIR / "glossary.md").read_text(encoding="utf-8")
    assert committed == mg.render(ONTOLOGY_DIR), "run: .venv/bin/python ontology/make_glossary.py"


def test_glossary_maps_zh_en_iri_and_code():
    text = (ONTOLOGY_DIR / "glossary.md").read_text(encoding="utf-8")
    assert "| 工作规则 | work rules | `gz:WorkRules` |" in text
    assert "| `head` | 行政首长 | head of government |" in text
    assert "市长" in text and "`vocab/role-kind`" in text
    assert "| 文号 | local identifier (document number) | `eli:id_local` |" in text


def test_check_mode_reports_a_stale_glossary(tmp_path, monkeypatch):
    mg = _make_glossary()
    monkeypatch.setattr(mg, "GLOSSARY", tmp_path / "glossary.md")
    (tmp_path / "glossary.md").write_text("stale\n", encoding="utf-8")
    assert mg.main(["--check"]) == 1
    assert mg.main([]) == 0
    assert mg.main(["--check"]) == 0
