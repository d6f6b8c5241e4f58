"""The pages' interface strings in both languages, in one table: key → (Chinese, English).

Templates read them with ``t('key')`` (the page's language) or ``tb('key')`` (the page's
language with the other beside it, for headings); Python code with :func:`text`.  Labels of
domain concepts (levels, roles, meeting kinds …) are not here: they come from the SKOS files
(:mod:`guize.vocab`).

>>> text("search", "en")
'Search'
>>> text("no-such-key", "zh")
'no-such-key'
"""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # navigation
    "lang.switch": ("界面语言", "Language"),
    "nav.search": ("检索", "Search"),
    "nav.facts": ("事实", "Facts"),
    "nav.ontology": ("本体与词表", "Ontology"),
    "search": ("检索", "Search"),
    # error pages
    "error.400": ("请求有误", "Bad request"),
    "error.404": ("找不到这一页", "Not found"),
    "error.405": ("不支持这种请求方式", "Method not allowed"),
    "error.406": ("无法提供所要的格式", "Not acceptable"),
    "error.413": ("请求太大", "Request too large"),
    "error.415": ("不支持的内容类型", "Unsupported media type"),
    "error.500": ("服务出错", "Internal error"),
    "error.503": ("服务暂不可用", "Service unavailable"),
    "error.other": ("出错了", "Something went wrong"),
    "error.hint.400": (
        "请求中的某个参数无法使用，请检查后重试。",
        "A parameter of the request could not be used; check it and try again.",
    ),
    "error.hint.404": (
        "这个地址在本服务上没有对应的内容。",
        "Nothing on this service answers at this address.",
    ),
    "error.hint.405": (
        "这个地址不接受这种请求方式（例如 POST）。",
        "This address does not take this kind of request (e.g. POST).",
    ),
    "error.hint.other": ("请稍后再试，或从下面的入口继续。", "Try again later, or go on below."),
    "error.details": ("技术细节（英文）", "Technical details"),
    "error.way-on": ("从这里继续", "Go on from here"),
    "error.known-docs": ("库中的工作规则", "The work rules in the store"),
    "error.home": ("首页", "Home"),
    # search
    "search.title": ("全文检索", "Full-text search"),
    "search.lead": (
        "在所有工作规则（或其中一份）的条文中查找词句；结果链接到条文。",
        "Find words in the provisions of every work rule (or one); results link to the provision.",
    ),
    "search.q": ("查找", "Find"),
    "search.in": ("范围", "In"),
    "search.all-docs": ("全部文件", "all documents"),
    "search.go": ("检索", "Search"),
    "search.none": ("没有找到。", "Nothing found."),
    "search.count": ("条条文含有", "provisions contain"),
    "search.more": ("下一页", "Next page"),
    "search.prev": ("上一页", "Previous page"),
    "search.this-doc": ("在本文件中检索", "Search this document"),
    "search.bad-q": (
        "检索词不能超过 100 个字符。",
        "The search text is limited to 100 characters.",
    ),
    "search.bad-doc": ("没有这份文件。", "No such document."),
    "search.bad-iri": ("不是本服务的条文 IRI。", "Not a provision IRI of this service."),
    "search.no-provision": ("库中没有这一条文。", "The store has no such provision."),
    "search.bad-page": ("页码无效。", "Not a valid page number."),
    # facets
    "facts.title": ("事实", "Facts"),
    "facts.lead": (
        "每条抽取出的事实，按类别、政府、职务筛选；每条链接到出处条文。可下载 CSV、JSON。",
        "Every extracted fact, filtered by kind, government and post; each links to its provision. "
        "Download as CSV or JSON.",
    ),
    "facts.kind": ("类别", "Kind"),
    "facts.government": ("政府", "Government"),
    "facts.role": ("职务", "Post"),
    "facts.any": ("（全部）", "(any)"),
    "facts.apply": ("筛选", "Filter"),
    "facts.clear": ("清除筛选", "Clear filters"),
    "facts.fact": ("事实", "fact"),
    "facts.provision": ("条文", "provision"),
    "facts.quote": ("原文", "words"),
    "facts.count": ("条事实", "facts"),
    "facts.bad": ("筛选参数无效：", "A filter value is not known: "),
    "facts.more": ("下一页", "Next page"),
    # document page
    "doc.expired": ("本文件已失效。", "This document is no longer in force."),
    "doc.successor": ("现行文件：", "Superseded by:"),
    "doc.successor-missing": (
        "（继任文件不在库中）",
        "(the successor is not in the store)",
    ),
    "doc.cite": ("复制引用", "Copy citation"),
    "doc.copied": ("已复制", "Copied"),
    "doc.check": ("合法性", "lawfulness"),
    "doc.check-law": (
        "按组织法等法律要求检查本文件（校验报告）",
        "Check this document against the Organic Law (validation report)",
    ),
    "doc.posts": ("职务与会议", "Posts and meetings"),
    "doc.posts-lead": (
        "本文件提到的职务和会议制度，各链接到最先提到它的条文。",
        "The posts and meetings this document names, each linked to the provision that first names it.",
    ),
    "doc.post": ("职务", "post"),
    "doc.meeting": ("会议", "meeting"),
    "doc.warnings": ("解析提示", "Parser warnings"),
    # ontology reference
    "onto.title": ("本体与词表参考", "Ontology and vocabulary reference"),
    "onto.lead": (
        "每个类、属性和词表概念：中英文名称、定义、定义域与值域、在库中的用法与一例。",
        "Every class, property and vocabulary concept: its names, definition, domain and range, "
        "how often the store uses it, and an example.",
    ),
    "onto.classes": ("类", "Classes"),
    "onto.properties": ("属性", "Properties"),
    "onto.schemes": ("词表", "Vocabularies"),
    "onto.domain": ("定义域", "domain"),
    "onto.range": ("值域", "range"),
    "onto.super": ("上位", "broader"),
    "onto.used": ("库中用到", "used in the store"),
    "onto.times": ("次", "times"),
    "onto.unused": ("库中未用到", "not used in the store"),
    "onto.example": ("例", "example"),
    "onto.definition": ("定义", "definition"),
    "onto.files": ("文件", "files"),
    # query page
    "query.endpoint": ("查询端点", "Endpoint"),
    "query.copy": ("复制", "Copy"),
    "query.copy-curl": ("复制为 curl", "Copy as curl"),
    "query.copy-python": ("复制为 Python", "Copy as Python"),
    "query.union": (
        "默认图是所有文档命名图的并集，目录中的查询依赖这一点。在别处加载全量下载时，"
        "请打开“默认图为所有命名图之并集”的选项，或把查询写成按命名图查询：",
        "The default graph is the union of every document's named graph, and the catalogue's "
        "queries rely on it. Loading the dumps elsewhere, turn on the union default graph, or "
        "write the queries per named graph:",
    ),
    "query.reference": ("本体与词表参考", "Ontology and vocabulary reference"),
    "query.download": ("下载结果", "Download the results"),
    # matrix
    "matrix.codebook": ("编码手册（CSV + 说明）", "Codebook (CSV + description)"),
    "matrix.words": ("原文", "the rules' words"),
    "matrix.value": ("规范值", "normalised"),
    "matrix.left-out": ("未列入图中", "Not in the chart"),
    "matrix.no-wd-deadline": ("没有以工作日计的期限：", "no deadline in working days: "),
    "matrix.open-provision": ("打开条文", "open the provision"),
    "matrix.left-out-why": (
        "没有可折算的频次：",
        "no frequency that converts to sittings per year: ",
    ),
    # linked-data pages
    "ld.statements": ("陈述", "Statements"),
    "ld.referenced-by": ("被引用", "Referenced by"),
    "ld.property": ("属性", "property"),
    "ld.value": ("值", "value"),
    "ld.subject": ("主语", "subject"),
    "ld.formats": ("其他格式", "Other formats"),
    "ld.truncated": ("结果已截断，只显示前", "Cut off: only the first"),
    "ld.statements-n": ("条陈述", "statements are shown"),
    # cleaning kinds (short names on the chips)
    "cut.spam": ("垃圾词", "spam"),
    "cut.page-junk": ("网页杂项", "page junk"),
    "cut.conversion-artifact": ("转换残留", "conversion artifact"),
    "cut.line-join": ("合并断行", "line joined"),
    "cut.line-split": ("插入换行", "line split"),
    "cut.whitespace": ("空白", "whitespace"),
    "cut.traditional-to-simplified": ("繁转简", "traditional to simplified"),
    "cut.punctuation": ("标点宽度", "punctuation width"),
    "cut.line-ending": ("换行符", "line ending"),
    "cut.encoding": ("编码", "encoding"),
    # codebook (columns of matrix.csv, their types, the readme)
    "cb.id": ("文件键", "document key"),
    "cb.place": ("地方", "place"),
    "cb.province": ("省份", "province"),
    "cb.level": ("行政层级", "administrative level"),
    "cb.status": ("效力", "validity"),
    "cb.head_title": ("首长称谓", "head's title"),
    "cb.doc_number": ("文号", "document number"),
    "cb.issued": ("成文日期", "document date"),
    "cb.chapter_count": ("章数", "chapters"),
    "cb.provision_count": ("条数", "provisions"),
    "cb.supersedes": ("废止的文件（文号）", "documents it repeals (numbers)"),
    "cb.superseded_by": ("替代它的文件（文号）", "documents that replace it (numbers)"),
    "cb.composition": ("政府组成人员", "members of the government"),
    "cb.head_responsibility": ("首长负责制", "head-responsibility system"),
    "cb.acting_head": ("首长外出时主持工作", "acting head (head away)"),
    "cb.other_meetings": ("其他会议", "other meetings"),
    "cb.deadline_count": ("期限条数", "number of deadlines"),
    "cb.leave_rules": ("请假规定条数", "number of leave rules"),
    "cb.signing": ("签发", "signing of"),
    "cb.held": ("设有此会议", "held"),
    "cb.frequency": ("召开频次", "frequency"),
    "cb.quorum": ("法定人数", "quorum"),
    "cb.type.string": ("文字，照录", "text, as written"),
    "cb.type.date": ("日期，YYYY-MM-DD", "date, YYYY-MM-DD"),
    "cb.type.integer": ("整数", "integer"),
    "cb.type.boolean": (
        "True/False；False 表示未抽取到，不等于规则没有规定",
        "True/False; False means nothing was extracted, not that the rules are silent",
    ),
    "cb.type.code": ("一个代码，见 codes 列", "one code, listed in the codes column"),
    "cb.type.codes": (
        "以 ; 分隔的职务代码，见 codes 列；空表示未抽取到",
        "role-kind codes separated by ;, listed in the codes column; empty: nothing extracted",
    ),
    "cb.type.frequency": (
        "最少-最多/时间单位（单位代码见 codes 列），如 1-1/month",
        "least-most/time unit (unit codes in the codes column), e.g. 1-1/month",
    ),
    "cb.readme": (
        "guize 比较矩阵。matrix.csv：每份工作规则一行，已编码；codebook.csv：matrix.csv 每一列的名称、"
        "类型、代码及其含义；cells.csv：比较页每个有值的格子、规则原文用语及其出处条文（IRI）。",
        "guize comparison matrix. matrix.csv: one coded row per work rule; codebook.csv: every "
        "column of matrix.csv with its names, type, codes and their meaning; cells.csv: every "
        "filled cell of the comparison page, the rules' own words and the provisions (IRIs) "
        "behind it.",
    ),
    # fact lines: naming properties and code values
    "prop.label": ("名称", "label"),
    "prop.altLabel": ("别称", "also called"),
    "prop.comment": ("说明", "comment"),
    "value.ahead": ("提前", "ahead"),
    "value.within": ("以内", "within"),
    "value.at-least": ("至少", "at least"),
    "value.at-most": ("至多", "at most"),
    # citation
    "cite.provision": ("条", "provision"),
}


def text(key: str, lang: str) -> str:
    """The string ``key`` in ``lang`` (``zh`` or ``en``); the key itself when unknown."""
    pair = STRINGS.get(key)
    if pair is None:
        return key
    return pair[1] if lang == "en" else pair[0]


def localize(message: str, lang: str) -> str | None:
    """A message that is one of the table's strings (in either language), in ``lang``;
    None for any other message.

    >>> localize("No such document.", "zh")
    '没有这份文件。'
    """
    for zh, en in STRINGS.values():
        if message in (zh, en):
            return en if lang == "en" else zh
    return None


def pair(key: str) -> tuple[str, str]:
    """(zh, en) of ``key``; the key twice when unknown."""
    return STRINGS.get(key, (key, key))
