"""The extraction lexicon (data/lexicon/extraction.yaml), compiled for one government level.

The YAML patterns are level-neutral; :class:`Context` fills ``{head}``, ``{gov}``, ``{lvl}`` and
``{superior}`` from the document's head title so that 县长, 区长 or 省长 documents need no new
entries.  Compiled contexts are cached by (head, rank).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from guize.assets import bundled
from guize.ingest.numerals import chinese_number
from guize.yamltext import load_yaml

#: The extraction lexicon guize ships with (``data/lexicon/extraction.yaml`` in a checkout).
LEXICON_FILE = bundled("lexicon") / "extraction.yaml"

#: A number as written: Arabic (half or full width) or Chinese digits.
NUMBER = r"[0-9０-９]+|[零〇一二两三四五六七八九十百]+"
FRACTION = r"(?P<frac>半数|一半|[一二三四五六七八九十]+分之[一二三四五六七八九十]+)"


def to_int(text: str) -> int | None:
    """Value of a number as written (1, １, 一, 两, 十二)."""
    text = text.strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    return int(text) if text.isdigit() else chinese_number(text)


@dataclass(frozen=True)
class Lexicon:
    """The raw YAML mapping, validated for the sections the extractor reads."""

    data: dict

    SECTIONS = (
        "levels",
        "roles",
        "bodies",
        "addressees",
        "meetings",
        "meeting_verbs",
        "frequency",
        "quorum",
        "signing_verbs",
        "document_categories",
        "time_units",
        "deadline_bounds",
        "deadline_topics",
        "leave",
        "composition",
        "assist",
        "acting_head",
        "backup",
        "applicability",
        "norm_verbs",
        "modality",
        "condition_events",
        "matter_categories",
        "decision_steps",
        "party_reporting",
        "rule_making",
    )

    @classmethod
    def from_yaml(cls, text: str) -> Lexicon:
        """:raises ValueError: if a section is missing."""
        data = load_yaml(text) or {}
        missing = [s for s in cls.SECTIONS if s not in data]
        if missing:
            raise ValueError(f"extraction lexicon lacks section(s): {', '.join(missing)}")
        return cls(data)


@lru_cache(maxsize=4)
def _load(path: str) -> Lexicon:
    return Lexicon.from_yaml(Path(path).read_text(encoding="utf-8"))


def load_lexicon(path: Path | str = LEXICON_FILE) -> Lexicon:
    """Read and validate the extraction lexicon (cached).

    :raises OSError: if the file is missing; :raises ValueError: if a section is missing.
    """
    return _load(str(Path(path).resolve()))


def _alt(words) -> str:
    words = sorted({w for w in words if w}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w) if not w.startswith("(?") else w for w in words) + ")"


class Context:
    """The lexicon's patterns filled in for one head title (None: any level)."""

    def __init__(self, lex: Lexicon, head: str | None, rank: int | None = None) -> None:
        d = self.data = lex.data
        levels: dict = d["levels"]
        own = [lw for lw, v in levels.items() if v["head"] == head] if head else []
        if own:
            primary = max(own, key=lambda lw: levels[lw]["rank"])
            self.heads = [head]
            self.level_words = [primary]
            self.rank = rank or levels[primary]["rank"]
        else:
            primary = None
            self.heads = [v["head"] for v in levels.values() if not v.get("only_when_known")]
            self.level_words = [lw for lw, v in levels.items() if not v.get("only_when_known")]
            self.rank = rank
        self.head = head if own else None
        self.gov_words = [g for lw in self.level_words for g in _gov_names(lw, levels[lw])] + [
            "政府"
        ]
        if primary == "国务院":
            self.party_words = ["党中央", "中共中央"]
        else:
            self.party_words = [f"{lw}委" for lw in self.level_words if lw != "国务院"] + ["党委"]
        sup = [
            lw
            for lw, v in levels.items()
            if self.rank and v["rank"] < self.rank and lw not in self.level_words
        ]
        always = d.get("superior_always", []) if self.rank and self.rank > 1 else []
        self.superior_gov = [g for lw in sup for g in _gov_names(lw, levels[lw])] + [
            w for w in always if "政府" in w or w == "国务院"
        ]
        self.superior_party = [f"{lw}委" for lw in sup if lw != "国务院"] + [
            w for w in always if w in ("党中央", "中央")
        ]
        below = [
            lw
            for lw, v in levels.items()
            if self.rank and v["rank"] > self.rank and lw not in self.level_words
        ]
        self.subordinate_words = below or ["县", "区", "旗", "乡", "镇"]
        self._compile()

    # -- templating --------------------------------------------------------------------------
    def fill(self, pattern: str) -> str:
        sup_all = self.superior_gov + self.superior_party
        subs = {
            "{head}": _alt(self.heads),
            "{gov}": _alt(self.gov_words),
            "{lvl}": _alt(self.level_words),
            "{superior}": _alt(sup_all) if sup_all else "(?!)",
            "{party}": _alt(self.party_words) + "(?![员会])",
            "{superior_gov}": _alt(self.superior_gov) if self.superior_gov else "(?!)",
            "{superior_party}": (_alt(self.superior_party) + "(?![员会])")
            if self.superior_party
            else "(?!)",
            "{subordinate}": _alt(self.subordinate_words),
            "{N}": f"(?:{NUMBER})",
            "{fraction}": FRACTION,
        }
        for key, value in subs.items():
            pattern = pattern.replace(key, value)
        return pattern

    def rx(self, pattern: str) -> re.Pattern:
        return re.compile(self.fill(pattern))

    # -- compiled sections -------------------------------------------------------------------
    def _compile(self) -> None:
        d, rx = self.data, self.rx
        self.roles = [(code, rx(p)) for code, pats in d["roles"].items() for p in pats]
        self.person_suffix = re.compile(f"(?:{d['person_suffix']})$")
        self.person_codes = [(re.compile(p["pattern"]), p["code"]) for p in d["person_codes"]]
        self.bodies = [(b["code"], rx(b["pattern"])) for b in d["bodies"]]
        self.addressees = [(code, rx(p)) for code, pats in d["addressees"].items() for p in pats]
        self.fillers = rx(d["fillers"])
        self.separators = re.compile(d["list_separators"])
        self.not_role_list = re.compile(d["not_a_role_list"])
        self.meetings = [(kind, rx(p)) for kind, pats in d["meetings"].items() for p in pats]
        self.head_duty = rx("{head}负责制")
        verbs = d["meeting_verbs"]
        self.meeting_verb = re.compile(
            "|".join(f"(?P<v{i}>{v['verb']})" for i, v in enumerate(verbs))
        )
        self.meeting_verb_roles = {f"v{i}": tuple(v["roles"]) for i, v in enumerate(verbs)}
        self.meeting_negation = re.compile(d["meeting_verb_negation"])
        self.role_markers = re.compile(d["role_markers"])
        self.delegation = re.compile(d["delegation"])
        self.entrusted_by = rx(d["entrusted_by"])
        self.hedges = rx(d["hedges"])
        self.head_absent = rx(d["head_absent"])
        self._frequency()
        self._quorum()
        self._signing()
        self._deadlines()
        self._misc()
        self._norms()

    def _frequency(self) -> None:
        f = self.data["frequency"]
        per = _alt(f["per"])
        n = f"(?:{NUMBER})"
        self.freq = re.compile(
            f"(?P<hedge>{f['hedges']})?每(?P<per>{per})(?:{f['verbs']})?(?:会议)?(?:一般)?"
            f"(?P<atleast>{f['at_least']})?(?:{f['verbs']})?"
            f"(?P<min>{n})(?:次)?(?:{f['range_separators']}(?P<max>{n}))?次"
        )
        self.freq_per = f["per"]
        self.freq_text_only = re.compile(
            f"(?P<hedge>{f['hedges']})?(?:{'|'.join(map(re.escape, f['text_only']))})"
        )

    def _quorum(self) -> None:
        q = self.data["quorum"]
        self.quorum_context = re.compile(q["context"])
        self.quorum_bases = re.compile(q["bases"])
        self.quorum_rules = [
            (self.rx(r["pattern"]), bool(r["strict"]), r.get("note")) for r in q["rules"]
        ]
        a = self.data["agenda"]
        self.agenda_topic, self.agenda_verb = a["topic"], re.compile(a["verb"])
        self.agenda_markers = re.compile(a["markers"])

    def _signing(self) -> None:
        d = self.data
        verbs = d["signing_verbs"]
        guard = d.get("signing_verb_guard", "")
        self.sign_verb = re.compile(
            "|".join(f"(?P<s{i}>{v['verb']}){guard}" for i, v in enumerate(verbs))
        )
        self.sign_actions = {f"s{i}": tuple(v["actions"]) for i, v in enumerate(verbs)}
        self.sign_markers = re.compile(d["signing_markers"])
        self.categories: list[tuple[str, re.Pattern, bool]] = []
        for code, spec in d["document_categories"].items():
            fallback = isinstance(spec, dict) and spec.get("fallback", False)
            pats = spec["patterns"] if isinstance(spec, dict) else spec
            self.categories.extend((code, self.rx(p), fallback) for p in pats)
        self.conditions = self.rx(d["conditions"])

    def _deadlines(self) -> None:
        d = self.data
        units = _alt(d["time_units"])
        b = d["deadline_bounds"]
        n = f"(?P<n>{NUMBER})"
        self.time_units = d["time_units"]
        self.deadline = [
            ("ahead", re.compile(f"(?:{b['ahead']})\\s*{n}\\s*(?P<unit>{units})")),
            ("within", re.compile(f"(?:{b['within-before']})\\s*{n}\\s*(?P<unit>{units})")),
            ("at-least", re.compile(f"(?:{b['at-least']})\\s*{n}\\s*(?P<unit>{units})")),
            (
                "within",
                re.compile(
                    f"(?<![0-9年月])(?:在|于)?{n}\\s*(?P<unit>{units})(?:{b['within-after']})"
                ),
            ),
        ]
        self.deadline_topics = [
            (re.compile(t["pattern"]), t["topic"]) for t in d["deadline_topics"]
        ]

    def _misc(self) -> None:
        d, rx = self.data, self.rx
        lv = d["leave"]
        self.absence = rx(lv["absence"])
        self.leave_verbs = re.compile(lv["verbs"])
        # the last pattern reads roles right after a verb: a lookahead, so that 报告单报县政府办公室
        # is tried at every 报
        self.leave_addressed = [rx(p) for p in lv["addressed"][:-1]] + [
            rx(f"(?={lv['addressed'][-1]})")
        ]
        self.leave_condition_end = re.compile(lv["condition_end"])
        self.leave_subject_stop = re.compile(lv["subject_stop"])
        self.advance_unspecified = re.compile(lv["advance_unspecified"])
        self.leave_after = re.compile(lv["after"])
        self.composition = [rx(p) for p in d["composition"]]
        self.head_resp = rx(d["head_responsibility"])
        self.assist = [rx(p) for p in d["assist"]]
        ah = d["acting_head"]
        self.acting_condition = rx(ah["condition"])
        self.acting_actions = [(code, rx(p)) for code, p in ah["actions"].items()]
        self.acting_entrusted = rx(ah["entrusted"])
        bk = d["backup"]
        self.backup_cue, self.backup_absence = rx(bk["cue"]), rx(bk["absence"])
        self.backup_verbs, self.backup_holder = rx(bk["verbs"]), rx(bk["holder"])
        self.applicability = [rx(p) for p in d["applicability"]]
        pw = d.get("post_wording") or {}
        self.post_strip = rx(pw.get("strip_leading", "(?!)"))
        self.post_replace = [(re.compile(r["pattern"]), r["with"]) for r in pw.get("replace", [])]
        self.post_separators = re.compile(pw.get("separators", "(?!)"))
        lb = d.get("legal_basis") or {}
        self.enacting = re.compile(lb.get("enacting", "(?!)"))
        self.basis_cue = re.compile(
            "|".join(f"(?P<{k.replace('-', '_')}>{v})" for k, v in lb.get("cues", {}).items())
            or "(?!)"
        )
        self.body_kinds = [
            (code, rx(p)) for code, pats in (d.get("body_kinds") or {}).items() for p in pats
        ]

    def _norms(self) -> None:
        d, rx = self.data, self.rx
        verbs = d["norm_verbs"]
        self.norm_verb = re.compile("|".join(f"(?P<n{i}>{v['verb']})" for i, v in enumerate(verbs)))
        self.norm_actions = {f"n{i}": v["action"] for i, v in enumerate(verbs)}
        self.norm_markers = re.compile(d["norm_markers"])
        self.government_acts = [(code, rx(p)) for code, p in d["government_acts"].items()]
        self.government_act_not = re.compile(d["government_act_not"])
        self.modality = [(code, re.compile(p)) for code, p in d["modality"].items()]
        self.norm_hedges = re.compile(d["norm_hedges"])
        self.condition_events = [(code, rx(p)) for code, p in d["condition_events"].items()]
        self.authorised_by = rx(d["authorised_by"])
        self.tasks_cue = re.compile(d["meeting_tasks_cue"])
        self.item_decides = re.compile(d["meeting_item_decides"])
        self.generic_meeting_decides = re.compile(d["generic_meeting_decides"])
        self.matters = [(code, rx(p)) for code, p in d["matter_categories"].items()]
        self.decision_scope = re.compile(d["decision_scope"])
        self.decision_steps = [(code, rx(p)) for code, p in d["decision_steps"].items()]
        self.party_reporting = [rx(p) for p in d["party_reporting"]]
        self.rule_making = [rx(p) for p in d["rule_making"]]
        self.rule_making_not = re.compile(d["rule_making_not"])


def _gov_names(level_word: str, spec: dict) -> list[str]:
    return list(spec["gov"]) if spec.get("gov") else [f"{level_word}人民政府", f"{level_word}政府"]


@lru_cache(maxsize=32)
def _context(lex_id: int, head: str | None, rank: int | None) -> Context:
    return Context(_LEXICONS[lex_id], head, rank)


_LEXICONS: dict[int, Lexicon] = {}


def context_for(lex: Lexicon, head: str | None, rank: int | None = None) -> Context:
    """The compiled context for a head title and tier rank (cached per lexicon)."""
    _LEXICONS[id(lex)] = lex
    return _context(id(lex), head, rank)
