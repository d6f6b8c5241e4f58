/* guize query page: a small SPARQL highlighter (textarea under a highlighted <pre>), the
 * catalogue, running queries against /sparql with fetch(), results as a table, downloads.
 * No libraries, no network beyond this service. */
(function () {
  "use strict";

  var KEYWORDS = ("SELECT CONSTRUCT DESCRIBE ASK WHERE FROM NAMED PREFIX BASE OPTIONAL FILTER UNION MINUS " +
    "GRAPH SERVICE SILENT BIND AS VALUES GROUP BY ORDER ASC DESC LIMIT OFFSET HAVING DISTINCT REDUCED " +
    "NOT EXISTS IN UNDEF INSERT DELETE DATA WITH USING DEFAULT ALL LOAD CLEAR DROP CREATE ADD MOVE COPY TO INTO " +
    "SEPARATOR").split(" ");
  var FUNCTIONS = ("STR LANG LANGMATCHES DATATYPE BOUND IRI URI BNODE RAND ABS CEIL FLOOR ROUND CONCAT STRLEN " +
    "UCASE LCASE ENCODE_FOR_URI CONTAINS STRSTARTS STRENDS STRBEFORE STRAFTER YEAR MONTH DAY HOURS MINUTES " +
    "SECONDS TIMEZONE TZ NOW UUID STRUUID MD5 SHA1 SHA256 SHA384 SHA512 COALESCE IF STRLANG STRDT SAMETERM " +
    "ISIRI ISURI ISBLANK ISLITERAL ISNUMERIC REGEX SUBSTR REPLACE COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT").split(" ");
  var KW = {}, FN = {};
  KEYWORDS.forEach(function (k) { KW[k] = true; });
  FUNCTIONS.forEach(function (k) { FN[k] = true; });

  var PN = "A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D" +
    "\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD";
  var TOKEN = new RegExp([
    "(\\s+)",                                                     // 1 space
    "(#[^\\n]*)",                                                 // 2 comment
    "('''[\\s\\S]*?(?:'''|$)|\"\"\"[\\s\\S]*?(?:\"\"\"|$)|'(?:[^'\\\\\\n]|\\\\.)*'?|\"(?:[^\"\\\\\\n]|\\\\.)*\"?)", // 3 string
    "(<[^<>\"{}|^`\\\\\\s]*>)",                                   // 4 IRI
    "([?$][" + PN + "0-9_\\u00B7\\u0300-\\u036F\\u203F-\\u2040]+)", // 5 variable
    "(@[A-Za-z]+(?:-[A-Za-z0-9]+)*)",                             // 6 language tag
    "((?:[" + PN + "][" + PN + "0-9_.\\-]*)?:(?:[" + PN + "0-9_:%\\-]|\\.(?=[" + PN + "0-9_:%\\-]))*)", // 7 prefixed name
    "([+-]?(?:\\d+\\.?\\d*(?:[eE][+-]?\\d+)?|\\.\\d+))",          // 8 number
    "([A-Za-z_][A-Za-z0-9_]*)",                                   // 9 word
    "(\\^\\^)",                                                   // 10 datatype marker
    "([\\s\\S])"                                                  // 11 anything else
  ].join("|"), "g");

  function esc(s) {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  /* Tokens of a query: [{type, text}]. */
  function tokenize(text) {
    var out = [], m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(text)) !== null) {
      var t = m[0], type = "other";
      if (m[1] !== undefined) type = "space";
      else if (m[2] !== undefined) type = "comment";
      else if (m[3] !== undefined) type = "string";
      else if (m[4] !== undefined) type = "iri";
      else if (m[5] !== undefined) type = "var";
      else if (m[6] !== undefined) type = "lang";
      else if (m[7] !== undefined) type = "pname";
      else if (m[8] !== undefined) type = "number";
      else if (m[9] !== undefined) {
        var up = t.toUpperCase();
        type = KW[up] ? "keyword" : FN[up] ? "function" : (t === "a" ? "keyword" :
          (up === "TRUE" || up === "FALSE") ? "number" : "word");
      } else if (m[10] !== undefined) type = "punct";
      else type = "punct";
      out.push({ type: type, text: t });
      if (t.length === 0) TOKEN.lastIndex++;
    }
    return out;
  }

  function highlight(text) {
    return tokenize(text).map(function (tok) {
      if (tok.type === "space" || tok.type === "other") return esc(tok.text);
      return '<span class="tok-' + tok.type + '">' + esc(tok.text) + "</span>";
    }).join("") + "\n";
  }

  /* The query form (SELECT, ASK, CONSTRUCT, DESCRIBE) or "" if not found. */
  function queryForm(text) {
    var toks = tokenize(text);
    for (var i = 0; i < toks.length; i++) {
      if (toks[i].type === "keyword") {
        var up = toks[i].text.toUpperCase();
        if (up === "SELECT" || up === "ASK" || up === "CONSTRUCT" || up === "DESCRIBE") return up;
        if (up !== "PREFIX" && up !== "BASE") return up;
      }
    }
    return "";
  }

  /* --- page wiring ------------------------------------------------------------------------ */

  var cfg = document.getElementById("query-config");
  if (!cfg) return;
  var D = cfg.dataset;
  var endpoint = D.endpoint, base = D.base, root = D.root || "", docsPage = D.documents;
  var area = document.getElementById("query-text");
  var hl = document.getElementById("query-hl");
  var pre = hl.parentNode;
  var statusEl = document.getElementById("status");
  var errorEl = document.getElementById("error");
  var resultsEl = document.getElementById("results");
  var downloadsEl = document.getElementById("downloads");
  var permalink = document.getElementById("permalink");
  var catalogue = JSON.parse(document.getElementById("catalogue-data").textContent);
  var prefixes = JSON.parse(document.getElementById("prefixes-data").textContent);
  var PREFIX_MAP = [];
  prefixes.split("\n").forEach(function (line) {
    var m = /^PREFIX\s+([\w-]*):\s*<([^>]*)>/.exec(line);
    if (m) PREFIX_MAP.push([m[1], m[2]]);
  });

  function refresh() {
    hl.innerHTML = highlight(area.value);
    syncScroll();
    updateLinks();
  }
  function syncScroll() {
    pre.scrollTop = area.scrollTop;
    pre.scrollLeft = area.scrollLeft;
  }

  var FORMATS = {
    SELECT: ["json", "xml", "csv", "tsv"], ASK: ["json", "xml", "csv", "tsv"],
    CONSTRUCT: ["turtle", "ntriples", "jsonld", "rdfxml"], DESCRIBE: ["turtle", "ntriples", "jsonld", "rdfxml"]
  };
  var FORMAT_NAMES = {
    json: "JSON", xml: "XML", csv: "CSV", tsv: "TSV",
    turtle: "Turtle", ntriples: "N-Triples", jsonld: "JSON-LD", rdfxml: "RDF/XML"
  };
  function updateLinks() {
    var q = area.value;
    var form = queryForm(q);
    var fmts = FORMATS[form] || [];
    var enc = encodeURIComponent(q);
    downloadsEl.innerHTML = fmts.length ? esc(D.msgDownload) + ": " + fmts.map(function (f) {
      return '<a href="' + esc(endpoint + "?query=" + enc + "&format=" + f) + '" download>' + FORMAT_NAMES[f] + "</a>";
    }).join(" · ") : "";
    permalink.href = location.pathname + "?query=" + enc;
  }

  area.addEventListener("input", refresh);
  area.addEventListener("scroll", syncScroll);
  area.addEventListener("keydown", function (ev) {
    if ((ev.ctrlKey || ev.metaKey) && ev.key === "Enter") { ev.preventDefault(); run(); }
  });
  document.getElementById("query-form").addEventListener("submit", function (ev) { ev.preventDefault(); run(); });
  document.getElementById("clear").addEventListener("click", function () { area.value = ""; refresh(); area.focus(); });
  document.getElementById("add-prefixes").addEventListener("click", function () {
    var have = {};
    tokenize(area.value).forEach(function (t, i, all) { if (t.type === "pname" && /:$/.test(t.text)) have[t.text] = true; });
    var missing = prefixes.split("\n").filter(function (line) {
      var m = /^PREFIX\s+([\w-]*:)/.exec(line);
      return m && !have[m[1]] && area.value.indexOf(line) < 0;
    });
    if (missing.length) { area.value = missing.join("\n") + "\n" + area.value; refresh(); }
  });

  Array.prototype.forEach.call(document.querySelectorAll(".cat-item"), function (btn) {
    btn.addEventListener("click", function () {
      var entry = catalogue.filter(function (e) { return e.name === btn.dataset.name; })[0];
      if (!entry) return;
      area.value = entry.text;
      Array.prototype.forEach.call(document.querySelectorAll(".cat-item"), function (b) {
        b.removeAttribute("aria-current");
      });
      btn.setAttribute("aria-current", "true");
      refresh();
      if (history.replaceState) history.replaceState(null, "", location.pathname + "?name=" + encodeURIComponent(entry.name));
      run();
    });
  });

  /* --- terms ------------------------------------------------------------------------------- */

  function localHref(iri) {
    if (iri.indexOf(base) !== 0) return iri;
    var rest = iri.slice(base.length);
    var m = /^eli\/([^\/#]+)(?:\/(.*))?$/.exec(rest);
    if (m && (!m[2] || /^(art_|chp_)/.test(m[2]))) {
      return docsPage + "/" + encodeURIComponent(m[1]) + (m[2] ? "#" + m[2].split("#")[0] : "");
    }
    return root + "/" + rest;
  }
  function compact(iri) {
    for (var i = 0; i < PREFIX_MAP.length; i++) {
      var ns = PREFIX_MAP[i][1];
      if (iri.indexOf(ns) === 0 && /^[\w.-]*$/.test(iri.slice(ns.length))) return PREFIX_MAP[i][0] + ":" + iri.slice(ns.length);
    }
    if (iri.indexOf(base) === 0) return iri.slice(base.length);
    return iri;
  }
  var XSD = "http://www.w3.org/2001/XMLSchema#";
  function termHtml(t) {
    if (!t) return '<span class="unbound">—</span>';
    if (t.type === "uri") {
      return '<a class="iri" href="' + esc(localHref(t.value)) + '" title="' + esc(t.value) + '">' + esc(compact(t.value)) + "</a>";
    }
    if (t.type === "bnode") return '<span class="bnode">_:' + esc(t.value) + "</span>";
    if (t.type === "triple") return "&lt;&lt; " + termHtml(t.value.subject) + " " + termHtml(t.value.predicate) + " " + termHtml(t.value.object) + " &gt;&gt;";
    var cls = t.value.length > 40 ? "lit long" : "lit";
    var html = '<span class="' + cls + '"' + (t["xml:lang"] ? ' lang="' + esc(t["xml:lang"]) + '"' : "") + ">" + esc(t.value) + "</span>";
    if (t["xml:lang"]) html += '<span class="langtag">@' + esc(t["xml:lang"]) + "</span>";
    else if (t.datatype && t.datatype !== XSD + "string") {
      html += '<span class="dtype" title="' + esc(t.datatype) + '">^^' + esc(compact(t.datatype).replace(/^http:\/\/www\.w3\.org\/2001\/XMLSchema#/, "xsd:")) + "</span>";
    }
    return html;
  }

  /* N-Triples (as this service writes them) → [{subject, predicate, object}] of SPARQL-JSON-like terms. */
  function unescapeNt(s) {
    return s.replace(/\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})|\\(.)/g, function (_, u4, u8, c) {
      if (u4) return String.fromCharCode(parseInt(u4, 16));
      if (u8) return String.fromCodePoint(parseInt(u8, 16));
      return { t: "\t", n: "\n", r: "\r", b: "\b", f: "\f", '"': '"', "'": "'", "\\": "\\" }[c] || c;
    });
  }
  var NT_TERM = /\s*(?:<([^>]*)>|_:(\S+)|"((?:[^"\\]|\\.)*)"(?:@([A-Za-z0-9-]+)|\^\^<([^>]*)>)?)/y;
  function parseNTriples(text) {
    var triples = [];
    text.split("\n").forEach(function (line) {
      line = line.trim();
      if (!line || line[0] === "#") return;
      var terms = [], pos = 0;
      for (var k = 0; k < 3; k++) {
        NT_TERM.lastIndex = pos;
        var m = NT_TERM.exec(line);
        if (!m) return;
        pos = NT_TERM.lastIndex;
        if (m[1] !== undefined) terms.push({ type: "uri", value: unescapeNt(m[1]) });
        else if (m[2] !== undefined) terms.push({ type: "bnode", value: m[2] });
        else {
          var lit = { type: "literal", value: unescapeNt(m[3]) };
          if (m[4]) lit["xml:lang"] = m[4];
          if (m[5]) lit.datatype = m[5];
          terms.push(lit);
        }
      }
      triples.push({ subject: terms[0], predicate: terms[1], object: terms[2] });
    });
    return triples;
  }

  function table(vars, rows) {
    if (!rows.length) return '<p class="muted">' + esc(D.msgNone) + "</p>";
    var h = ['<table class="data results-table"><thead><tr><th scope="col" class="num">#</th>'];
    vars.forEach(function (v) { h.push('<th scope="col">?' + esc(v) + "</th>"); });
    h.push("</tr></thead><tbody>");
    rows.forEach(function (row, i) {
      h.push('<tr><td class="num muted">' + (i + 1) + "</td>");
      vars.forEach(function (v) { h.push("<td>" + termHtml(row[v]) + "</td>"); });
      h.push("</tr>");
    });
    h.push("</tbody></table>");
    return h.join("");
  }

  function showError(status, text) {
    var message = text;
    try {
      var body = JSON.parse(text);
      if (body && body.error) message = body.error;
    } catch (e) { /* not JSON: show as it is */ }
    errorEl.hidden = false;
    errorEl.innerHTML = "<strong>" + esc(D.msgError) + (status ? " (HTTP " + status + ")" : "") + "</strong><pre>" + esc(message) + "</pre>";
  }

  var running = null;
  function run() {
    var q = area.value;
    if (running) running.abort();
    var ctrl = window.AbortController ? new AbortController() : null;
    running = ctrl;
    errorEl.hidden = true;
    statusEl.textContent = D.msgRunning;
    resultsEl.setAttribute("aria-busy", "true");
    var started = performance.now();
    fetch(endpoint, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8",
        "Accept": "application/sparql-results+json, application/n-triples;q=0.9"
      },
      body: "query=" + encodeURIComponent(q),
      signal: ctrl ? ctrl.signal : undefined
    }).then(function (resp) {
      return resp.text().then(function (text) { return { resp: resp, text: text }; });
    }).then(function (r) {
      var ms = Math.round(performance.now() - started);
      resultsEl.removeAttribute("aria-busy");
      running = null;
      if (!r.resp.ok) {
        statusEl.textContent = "";
        resultsEl.innerHTML = "";
        showError(r.resp.status, r.text);
        return;
      }
      var truncated = r.resp.headers.get("X-Guize-Truncated");
      var note = truncated && truncated !== "false" ? " · " + D.msgTruncated : "";
      var ctype = r.resp.headers.get("Content-Type") || "";
      if (ctype.indexOf("n-triples") >= 0 || ctype.indexOf("text/plain") >= 0) {
        var triples = parseNTriples(r.text);
        resultsEl.innerHTML = table(["subject", "predicate", "object"], triples);
        addLabels();
        statusEl.textContent = triples.length + " " + D.msgTriples + " · " + ms + " ms" + note;
        return;
      }
      var data = JSON.parse(r.text);
      if (typeof data.boolean === "boolean") {
        resultsEl.innerHTML = '<p class="ask ' + (data.boolean ? "yes" : "no") + '">ASK → <strong>' + data.boolean + "</strong></p>";
        statusEl.textContent = ms + " ms";
        return;
      }
      var rows = data.results.bindings;
      resultsEl.innerHTML = table(data.head.vars || [], rows);
      addLabels();
      statusEl.textContent = rows.length + " " + D.msgRows + " · " + ms + " ms" + note;
    }).catch(function (err) {
      if (err && err.name === "AbortError") return;
      resultsEl.removeAttribute("aria-busy");
      statusEl.textContent = "";
      showError(0, D.msgNetwork + ": " + err);
    });
  }

  /* --- labels beside IRIs: one more query for the labels of the IRIs in the results ---------- */

  var LABEL_LIMIT = 200;
  function addLabels() {
    var seen = {}, iris = [];
    Array.prototype.forEach.call(resultsEl.querySelectorAll("a.iri"), function (a) {
      var iri = a.getAttribute("title");
      if (iri && !seen[iri] && iris.length < LABEL_LIMIT && !/[<>"{}|^`\\\s]/.test(iri)) { seen[iri] = true; iris.push(iri); }
    });
    if (!iris.length) return;
    var q = "SELECT ?s ?l WHERE { VALUES ?s { " + iris.map(function (i) { return "<" + i + ">"; }).join(" ") +
      " } ?s <http://www.w3.org/2000/01/rdf-schema#label>|<http://www.w3.org/2004/02/skos/core#prefLabel>|<http://data.europa.eu/eli/ontology#title> ?l }";
    fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8", "Accept": "application/sparql-results+json" },
      body: "query=" + encodeURIComponent(q)
    }).then(function (resp) { return resp.ok ? resp.json() : null; }).then(function (data) {
      if (!data) return;
      var best = {};
      data.results.bindings.forEach(function (b) {
        var l = b.l, lang = (l["xml:lang"] || "").split("-")[0], rank = lang === D.lang ? 0 : lang === "" ? 1 : 2;
        if (!best[b.s.value] || rank < best[b.s.value][1]) best[b.s.value] = [l.value, rank];
      });
      Array.prototype.forEach.call(resultsEl.querySelectorAll("a.iri"), function (a) {
        var found = best[a.getAttribute("title")];
        if (found && !(a.nextElementSibling && a.nextElementSibling.classList.contains("label-beside"))) {
          var span = document.createElement("span");
          span.className = "label-beside";
          span.textContent = found[0];
          a.parentNode.insertBefore(span, a.nextSibling);
        }
      });
    }).catch(function () { /* labels are a nicety */ });
  }

  /* --- copy: the endpoint, the query as curl or as Python (SPARQLWrapper) ------------------- */

  var snippetEl = document.getElementById("snippet");
  function copy(btn, text) {
    snippetEl.hidden = false;
    snippetEl.textContent = text;
    var done = function () { btn.classList.add("done"); btn.setAttribute("data-state", D.msgCopied); };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, done);
    else done();
  }
  function shellQuote(s) { return "'" + s.replace(/'/g, "'\\''") + "'"; }
  function curlText() {
    return "curl -H 'Accept: application/sparql-results+json' \\\n  --data-urlencode " +
      shellQuote("query=" + area.value) + " \\\n  " + D.endpointAbs;
  }
  function pythonText() {
    var q = area.value.replace(/\\/g, "\\\\").replace(/"""/g, '\\"\\"\\"');
    return "from SPARQLWrapper import JSON, SPARQLWrapper\n\n" +
      "sparql = SPARQLWrapper(\"" + D.endpointAbs + "\")\n" +
      "sparql.setQuery(\"\"\"" + q + "\"\"\")\n" +
      "sparql.setReturnFormat(JSON)\n" +
      "for row in sparql.query().convert()[\"results\"][\"bindings\"]:\n" +
      "    print({k: v[\"value\"] for k, v in row.items()})\n";
  }
  document.getElementById("copy-endpoint").addEventListener("click", function (ev) { copy(ev.currentTarget, D.endpointAbs); });
  document.getElementById("copy-curl").addEventListener("click", function (ev) { copy(ev.currentTarget, curlText()); });
  document.getElementById("copy-python").addEventListener("click", function (ev) { copy(ev.currentTarget, pythonText()); });

  refresh();
  if (/[?&]query=/.test(location.search)) run();
  else if (/[?&]name=/.test(location.search)) {
    var name = decodeURIComponent((/[?&]name=([^&]*)/.exec(location.search) || [])[1] || "");
    var btn = document.querySelector('.cat-item[data-name="' + name.replace(/"/g, "") + '"]');
    if (btn) btn.setAttribute("aria-current", "true");
    run();
  }
  window.guizeSparql = { tokenize: tokenize, highlight: highlight, queryForm: queryForm, parseNTriples: parseNTriples };
})();
