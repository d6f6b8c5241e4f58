"""Peer comparison (guize.compare_peers): on the profile of the six documents of data/raw, and
on variants of it (a quorum, a frequency, a member, a holder, a level changed)."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path

import pytest

from guize import compare
from guize.build import build
from guize.compare_peers import PEERS, SHAPES, group_of
from guize.compare_peers import compare as peers
from guize.iris import Iris
from guize.store import open_store
from guize.vocab import load_vocabulary

ROOT = Path(__file__).resolve().parents[3]
BASE = "http://peers.test/"
V = load_vocabulary()


@pytest.fixture(scope="module")
def profile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    store = open_store(tmp_path_factory.mktemp("peers") / "store")
    report = build(ROOT / "data" / "raw", store, Iris(BASE), log=lambda _m: None)
    assert report.ok, report.failed
    yield compare.profile(store, BASE)
    store.close()


def doc(prof: dict, key: str) -> dict:
    return next(d for d in prof["documents"] if d["id"] == key)


def of_shape(c, kind: str) -> list:
    return [r for r in c.results if r.shape == SHAPES[kind]]


def standing(d: dict) -> dict:
    return next(m for m in d["meetings"] if m["kind"] == "standing")


def test_results_are_info_under_the_stable_namespace(profile):
    for d in profile["documents"]:
        c = peers(d, profile["documents"], V)
        assert d["iri"] not in {p["iri"] for p in c.peers}  # never its own peer
        for r in c.results:
            assert r.severity == "info" and r.shape.startswith(PEERS)
            assert r.document == d["iri"] and r.message_zh and r.message_en
            assert any(p["place"] in r.message_zh for p in c.peers)  # the peers are named
            assert r.as_json()["shape"] == r.shape


def test_a_document_alone_at_its_tier_has_no_peers(profile):
    national = next(d for d in profile["documents"] if d["level"] == "national")
    c = peers(national, profile["documents"], V)
    assert c.peers == [] and c.results == []
    assert "没有" in c.note_zh and "no other government" in c.note_en


def test_peers_are_the_tier_not_the_level():
    assert group_of("county-city", V) == group_of("county", V) == "county"
    assert group_of("prefecture-city", V) == "prefectural"
    assert group_of(None, V) is None


def test_seed_quorums_stricter_and_looser(profile):
    docs = profile["documents"]
    with_quorum = [d for d in docs if d["level"] == "prefecture-city" and standing(d)["quorum"]]
    assert len(with_quorum) == 2  # one "more than 1/2", one "at least 1/2"
    strict = next(d for d in with_quorum if standing(d)["quorum"]["strict"])
    loose = next(d for d in with_quorum if not standing(d)["quorum"]["strict"])
    s = of_shape(peers(strict, docs, V), "quorum")
    lo = of_shape(peers(loose, docs, V), "quorum")
    assert len(s) == 1 and "严于" in s[0].message_zh and "stricter" in s[0].message_en
    assert len(lo) == 1 and "宽于" in lo[0].message_zh and "looser" in lo[0].message_en
    assert s[0].focus_node == standing(strict)["iri"]
    assert s[0].source_provision in standing(strict)["sources"]


def test_a_changed_quorum_departs_or_falls_in_line(profile):
    docs = copy.deepcopy(profile["documents"])
    strict = next(
        d for d in docs if d["level"] == "prefecture-city" and (standing(d)["quorum"] or {}).get("strict")
    )  # fmt: skip
    standing(strict)["quorum"] = {"text": "三分之二以上", "fraction": "2/3", "strict": False}
    assert "严于" in of_shape(peers(strict, docs, V), "quorum")[0].message_zh
    standing(strict)["quorum"] = {"text": "三分之一以上", "fraction": "1/3", "strict": False}
    assert "宽于" in of_shape(peers(strict, docs, V), "quorum")[0].message_zh
    others = [d for d in docs if d is not strict and d["level"] == "prefecture-city"]
    for d in others:  # every peer now at one share: nobody departs
        standing(d)["quorum"] = {"text": "", "fraction": "1/3", "strict": False}
    assert of_shape(peers(strict, docs, V), "quorum") == []


def test_a_frequency_outside_the_peers_range(profile):
    docs = copy.deepcopy(profile["documents"])
    city = next(d for d in docs if d["level"] == "prefecture-city")
    standing(city)["frequency"] = {"text": "每周召开两次", "per": "week", "min": 2, "max": 2}
    found = of_shape(peers(city, docs, V), "frequency")
    assert len(found) == 1 and "104" in found[0].message_zh and "more often" in found[0].message_en
    standing(city)["frequency"] = {"text": "每年召开一次", "per": "year", "min": 1, "max": 1}
    assert "less often" in of_shape(peers(city, docs, V), "frequency")[0].message_en
    standing(city)["frequency"] = None
    assert of_shape(peers(city, docs, V), "frequency") == []


def test_the_office_director_in_a_prefectural_standing_meeting(profile):
    docs = copy.deepcopy(profile["documents"])
    city = next(d for d in docs if d["level"] == "prefecture-city")
    assert of_shape(peers(city, docs, V), "member") == [] or all(
        "办公室主任" not in r.message_zh for r in of_shape(peers(city, docs, V), "member")
    )
    standing(city)["members"].append({"code": "office-director", "label": "市政府办公室主任"})
    found = [r for r in of_shape(peers(city, docs, V), "member") if r.value == "office-director"]
    assert len(found) == 1 and "办公室主任" in found[0].message_zh
    assert found[0].focus_node == standing(city)["iri"]
    assert found[0].path == "https://w3id.org/guize/ontology#member"


def test_county_tier_peers_share_the_office_director(profile):
    """Both county-tier seeds put the office director in the standing meeting: among them it
    is no departure (the law's view of it is the conformance shapes' business)."""
    docs = profile["documents"]
    for d in (d for d in docs if group_of(d["level"], V) == "county"):
        assert "office-director" in {r["code"] for r in standing(d)["members"]}
        standing_members = [
            r for r in of_shape(peers(d, docs, V), "member") if r.focus_node == standing(d)["iri"]
        ]
        assert not any(r.value == "office-director" for r in standing_members)


def test_a_power_given_to_a_post_no_peer_gives_it(profile):
    docs = copy.deepcopy(profile["documents"])
    city = next(d for d in docs if d["level"] == "prefecture-city")
    city["powers"].append(
        {
            "action": "sign",
            "holder": [{"code": "office-director", "label": "办公室主任"}],
            "object": "appointment",
            "object_scheme": "document-category",
            "modality": "power",
            "sources": [city["iri"] + "/art_1"],
        }
    )
    found = [
        r
        for r in of_shape(peers(city, docs, V), "holder")
        if r.value == "office-director" and r.source_provision == city["iri"] + "/art_1"
    ]
    if not any(
        p["action"] == "sign" and p["object"] == "appointment"
        for d in docs
        if d is not city and d["level"] == "prefecture-city"
        for p in d["powers"]
    ):
        pytest.skip("no prefectural peer states who signs appointments")
    assert len(found) == 1 and "任免" in found[0].message_zh
    assert "行政首长" in found[0].message_zh  # who the peers give it to


def test_unknown_level_says_so(profile):
    docs = copy.deepcopy(profile["documents"])
    d = docs[0]
    d["level"] = None
    c = peers(d, docs, V)
    assert c.results == [] and c.group is None and "未知" in c.note_zh


def test_a_draft_with_the_iri_of_a_stored_document_is_not_its_own_peer(profile):
    docs = profile["documents"]
    county = next(d for d in docs if d["level"] == "county")
    draft = copy.deepcopy(county)
    c = peers(draft, docs, V)
    assert county["iri"] not in {p["iri"] for p in c.peers}
    draft["iri"] = "urn:draft"
    assert county["iri"] in {p["iri"] for p in peers(draft, docs, V).peers}
    assert peers(draft, docs, V).as_json()["group"] == "county"
