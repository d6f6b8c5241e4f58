"""Pages for people (页面): home, query editor, comparison, documents, validation.

One blueprint, ``bp``; each view computes a format-free result (:mod:`.data`,
:mod:`.compare`, :mod:`.validate`, …) and renders it with a template in
``templates/pages/``.  Static files are served from ``static/pages/`` at ``/static/pages/``.

Language: Chinese by default with English beside the headings; ``?lang=en`` (or ``zh``)
switches and is remembered in the ``guize_lang`` cookie.

The views read the graph through the app's query executor (:mod:`guize.web.pages.store`).
Errors are raised as :mod:`guize.errors` exceptions for the app's one handler.
"""

from __future__ import annotations

import json
from typing import Any

from flask import (
    Blueprint,
    Response,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)

from guize import errors, formats, namespaces
from guize.assets import Assets
from guize.iris import Iris
from guize.namespaces import sparql_prologue
from guize.query.catalogue import catalogue
from guize.validate import ShapesError, ValidationInputError
from guize.web.context import services
from guize.web.pages import charts, chrome, conformance_matrix, data, paging, superseded
from guize.web.pages import compare as cmp
from guize.web.pages import conformance as conf_pages
from guize.web.pages import document as doc_pages
from guize.web.pages import validate as val
from guize.web.pages.codebook import codebook_zip
from guize.web.pages.labels import label, scheme
from guize.web.pages.reference import codify
from guize.web.pages.store import base, settings

bp = Blueprint(
    "pages",
    __name__,
    template_folder="templates",
    static_folder="static/pages",
    static_url_path="/static/pages",
)

#: Prefixes filled into the query editor, in this order (from the one prefix table).
EDITOR_PREFIXES = ("gz", "eli", "org", "rdf", "rdfs", "skos", "oa", "prov", "dcterms", "xsd")

bp.before_app_request(chrome.language)
bp.after_app_request(chrome.remember_language)
bp.app_context_processor(chrome.globals_)
for _global in (
    chrome.lang_url,
    chrome.t,
    chrome.tb,
    chrome.known_documents,
    chrome.localize,
    codify,
):
    bp.add_app_template_global(_global)


# --- views ------------------------------------------------------------------------------------


@bp.get("/")
def home() -> str:
    """What the dataset holds, and the ways in."""
    return render_template("pages/home.html", h=data.home())


@bp.get("/favicon.ico")
def favicon() -> Response:
    """The site's icon where browsers look for it by default (pages without a ``<link
    rel=icon>``: JSON answers, raw text, error pages)."""
    return send_from_directory(
        bp.static_folder, "favicon.svg", mimetype="image/svg+xml", max_age=86400
    )


@bp.get("/documents")
def documents() -> str:
    """The documents in the store, a page at a time (``?page=&per_page=``)."""
    docs = data.documents()
    page = paging.parse(request.args, len(docs), data.DOCUMENTS_PER_PAGE, data.MAX_PER_PAGE)
    return render_template(
        "pages/documents.html", docs=page.slice(docs), page=page, pager=paging.links(page)
    )


@bp.get("/documents/<key>")
def document(key: str) -> Any:
    """One document: notice metadata, text by chapter with facts marked, cleaning report."""
    if new := doc_pages.moved(key):
        return redirect(url_for("pages.document", key=new), code=301)
    d = doc_pages.document(key)
    return render_template(
        "pages/document.html",
        d=d,
        conf=conf_pages.document_section(d["iri"]),
        superseded=superseded.superseded_by(d["iri"]),
    )


@bp.get("/documents/<key>/raw")
def raw(key: str) -> Any:
    """The raw text with every cut the cleaning made marked in place."""
    if new := doc_pages.moved(key):
        return redirect(url_for("pages.raw", key=new), code=301)
    return render_template("pages/raw.html", r=doc_pages.raw_view(key))


@bp.get("/query")
def query() -> str:
    """The SPARQL editor with the query catalogue."""
    b = base()
    table = namespaces.prefixes(b)
    prefixes = sparql_prologue({p: table[p] for p in EDITOR_PREFIXES})
    entries = [
        {
            "name": q.name,
            "zh": q.title_zh,
            "en": q.title_en,
            "source": q.source,
            "description": q.description,
            "text": f"BASE <{b}>\n{q.text}",
        }
        for q in catalogue().values()
    ]
    initial = request.args.get("query")
    chosen = request.args.get("name")
    if not initial and chosen in catalogue():
        initial = next(e["text"] for e in entries if e["name"] == chosen)
    if not initial:
        initial = (
            f"{prefixes}\n\n# 各政府的工作规则 The work rules of each government\n"
            "SELECT ?doc ?title ?number ?date ?status WHERE {\n"
            "  ?doc a gz:WorkRules ; eli:title ?title ; gz:status ?status .\n"
            "  OPTIONAL { ?doc eli:id_local ?number }\n"
            "  OPTIONAL { ?doc eli:date_document ?date }\n"
            "}\nORDER BY ?date\n"
        )
    return render_template(
        "pages/query.html",
        entries=entries,
        prefixes=prefixes,
        initial=initial,
        entries_json=json.dumps(entries, ensure_ascii=False).replace("</", "<\\/"),
        prefixes_json=json.dumps(prefixes).replace("</", "<\\/"),
        sparql_url=f"{request.script_root}/sparql",
        endpoint_abs=f"{request.host_url.rstrip('/')}{request.script_root}/sparql",
        max_rows=settings().max_result_rows,
    )


@bp.get("/compare")
def compare() -> str:
    """The cross-government matrix, a page of governments at a time (``?page=&per_page=``),
    with filters and charts of those governments and their conformance row group."""
    page, prof = cmp.paged_profile(request.args, cmp.COLUMNS_PER_PAGE)
    matrix = cmp.matrix(prof)
    freq = charts.frequency_series(matrix["columns"])
    wd, other = charts.deadline_series(matrix["columns"])
    group = conformance_matrix.compare_group(matrix["columns"])
    if group["rows"]:
        matrix["groups"].append(group)
    places = [c["place"] for c in matrix["columns"]]
    return render_template(
        "pages/compare.html",
        freq_left_out=[p for p in places if p not in {s["place"] for s in freq}],
        deadline_left_out=[p for p in places if p not in {e["place"] for e in wd}],
        matrix=matrix,
        page=page,
        pager=paging.links(page),
        coverage=cmp.quick_facts(prof),
        kind_labels=[
            (k, label("meeting-kind", k), charts.kind_colour(k))
            for k in scheme("meeting-kind").sort(list(dict.fromkeys(s["kind"] for s in freq)))
        ],
        freq=freq,
        freq_svg=charts.frequency_svg(freq),
        deadlines=wd,
        other_deadlines=other,
        deadline_svg=charts.deadline_svg(wd),
    )


@bp.get("/compare.json")
def compare_json() -> Response:
    """The comparison profile as JSON (:func:`guize.compare.profile`), a page of documents at a
    time (``?page=&per_page=``; ``page=all``: every document); ``Link`` names the others."""
    page, prof = cmp.paged_profile(request.args, cmp.EXPORT_PER_PAGE, allow_all=True)
    body = json.dumps(cmp.json_profile(page, prof), ensure_ascii=False, indent=1)
    return Response(body, mimetype="application/json", headers=paging.headers(page))


@bp.get("/compare.csv")
def compare_csv() -> Response:
    """The comparison matrix as CSV (:func:`guize.compare.to_csv`), one row per document, paged
    as ``/compare.json``."""
    page, prof = cmp.paged_profile(request.args, cmp.EXPORT_PER_PAGE, allow_all=True)
    headers = {
        "Content-Disposition": 'attachment; filename="guize-compare.csv"',
        **paging.headers(page),
    }
    return Response(cmp.csv_profile(prof), mimetype="text/csv", headers=headers)


@bp.get("/compare/codebook.zip")
def codebook() -> Response:
    """The matrix as CSV with its codebook (every column, its codes) and the provisions behind
    every cell, zipped (:mod:`.codebook`)."""
    return Response(
        codebook_zip(),
        mimetype="application/zip",
        headers={"Content-Disposition": 'attachment; filename="guize-codebook.zip"'},
    )


@bp.get("/compare/topics")
def topics() -> str:
    """Provisions side by side, grouped by the topic of their chapter."""
    t = data.topics()
    codes = [x["code"] for x in t["topics"]]
    chosen = request.args.get("topic") or (
        "meetings" if "meetings" in codes else (codes[0] if codes else None)
    )
    if chosen is not None and chosen not in codes:
        raise errors.NotFound(f"no topic {chosen!r}; topics: {', '.join(codes)}")
    current = next((x for x in t["topics"] if x["code"] == chosen), None)
    return render_template("pages/topics.html", tp=t, current=current)


@bp.get("/validate")
def validate_form() -> str:
    """The validation form: paste or upload a document's text or RDF."""
    return render_template(
        "pages/validate.html",
        available=val.available(base(), _assets().shapes_dir),
        kinds=val.KINDS,
        report=None,
        error=None,
        text="",
        kind="auto",
    )


@bp.post("/validate")
def validate() -> Any:
    """Validate an upload (form field ``file`` or ``text``, or a raw body): the SHACL report as
    HTML, JSON or Turtle (``Accept`` or ``format=html|json|turtle``)."""
    fmt = _report_format()
    data_, filename, declared = _upload()
    if not data_.strip():
        return _validate_error(fmt, 400, "nothing to validate: paste text or choose a file")
    assets = _assets()
    try:
        report, kind = val.run(
            data_,
            filename,
            declared,
            base_iri=base(),
            ontology_dir=str(assets.ontology_dir),
            shapes_dir=str(assets.shapes_dir),
            lexicon_dir=str(assets.lexicon_dir),
        )
    except ShapesError as exc:
        return _validate_error(fmt, 503, f"validation is not available on this service ({exc})")
    except ValidationInputError as exc:
        return _validate_error(fmt, 400, str(exc), data_, declared)
    if fmt == "turtle":
        return Response(report.to_turtle(), mimetype="text/turtle")
    as_json = report.as_json()
    if fmt == "json":
        drafts = (report.profile or {}).get("documents") or []
        as_json = {**as_json, "peers": conf_pages.peers_of(drafts[0]) if drafts else None}
        return Response(
            json.dumps(as_json, ensure_ascii=False, indent=1), mimetype="application/json"
        )
    text = data_.decode("utf-8", "replace") if len(data_) <= 2_000_000 else ""
    return render_template(
        "pages/validate.html",
        available=True,
        kinds=val.KINDS,
        report=_readable(val.summary(as_json), report.profile),
        error=None,
        text=text,
        kind=kind,
        filename=filename,
    )


@bp.get("/documents/<key>/conformance")
def conformance(key: str) -> Any:
    """A document of the store checked against the law: the conformance results the build
    stored (no validation runs), shown as the validation form shows a pasted text's."""
    text = doc_pages.raw_text(key)
    report, doc = conf_pages.stored_report(Iris(base()).document(key))
    return render_template(
        "pages/validate.html",
        available=True,
        kinds=val.KINDS,
        report=_readable(val.summary(report), {"documents": [doc]} if doc else None),
        error=None,
        text=text,
        kind="text",
        filename=f"{key}.txt",
    )


def _readable(report: dict[str, Any], profile: dict | None = None) -> dict[str, Any]:
    """IRIs in a report shortened against the base; provisions linked when their document is
    here; the honest headline; the peer comparison of the profiled draft (None: no document)."""
    report["headline"] = conf_pages.headline(report["counts"])
    drafts = (profile or {}).get("documents") or []
    report["peers"] = conf_pages.peers_of(drafts[0]) if drafts else None
    for r in report["results"]:
        r.update(conf_pages.readable(r))
    b = base()
    known = {d["key"] for d in data.documents()}

    def short(iri: Any) -> str:
        s = str(iri or "")
        return s[len(b) :] if s.startswith(b) else s

    for r in report["results"]:
        r["focus_short"], r["path_short"], r["value_short"] = (
            short(r.get("focus_node")),
            short(r.get("path")),
            short(r.get("value")),
        )
        r["provision_short"] = short(r.get("source_provision"))
        key = data.doc_key_of(r.get("source_provision"))
        r["provision_href"] = data.href(r["source_provision"]) if key in known else None
    return report


def _report_format() -> str:
    asked = (request.args.get("format") or request.form.get("format") or "").lower()
    if asked in ("json", "turtle", "html"):
        return asked
    if asked == "ttl":
        return "turtle"
    best = request.accept_mimetypes.best_match(["application/json", "text/turtle", "text/html"])
    return {"text/turtle": "turtle", "text/html": "html"}.get(best or "", "json")


def _upload() -> tuple[bytes, str, str]:
    declared = request.form.get("kind") or request.args.get("kind") or "auto"
    for field in ("file", "text"):
        upload = request.files.get(field)
        if upload is not None and upload.filename:
            return upload.read(), upload.filename, declared
    if "text" in request.form:
        return request.form["text"].encode("utf-8"), "", declared
    ctype = (request.mimetype or "").lower()
    sent = formats.TEXT if ctype == "text/plain" else formats.by_media_type(ctype, formats.READABLE)
    return request.get_data(), "", sent.name if sent else declared


def _assets() -> Assets:
    return services().assets


def _validate_error(
    fmt: str, status: int, message: str, data_: bytes = b"", kind: str = "auto"
) -> Any:
    if fmt != "html":
        error = {400: errors.BadRequest, 503: errors.Unavailable}.get(status, errors.GuizeError)
        raise error(message)
    body = render_template(
        "pages/validate.html",
        available=status != 503,
        kinds=val.KINDS,
        report=None,
        error=message,
        text=data_.decode("utf-8", "replace"),
        kind=kind,
    )
    return Response(body, status=status, mimetype="text/html")
