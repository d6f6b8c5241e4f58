/* guize comparison page: filter the matrix by level, validity and feature group (client side,
 * the choice kept in the URL: ?level=…&status=…&group=…&empty=show, only what is narrowed);
 * a cell's value opens the text of the provisions behind it (click, touch, Enter, Space). */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var table = document.getElementById("matrix");
  if (!form || !table) return;
  var NAMES = ["level", "status", "group"];

  function boxes(name) {
    return Array.prototype.slice.call(form.querySelectorAll('input[name="' + name + '"]'));
  }
  function checked(name) {
    var out = {};
    boxes(name).forEach(function (box) { out[box.value] = box.checked; });
    return out;
  }

  function fromUrl() {
    var params = new URLSearchParams(location.search);
    NAMES.forEach(function (name) {
      var wanted = params.getAll(name);
      if (!wanted.length) return;
      boxes(name).forEach(function (box) { box.checked = wanted.indexOf(box.value) >= 0; });
    });
    if (params.get("empty") === "show") form.querySelector('input[name="hide-empty"]').checked = false;
  }

  function toUrl() {
    var params = new URLSearchParams(location.search);
    NAMES.forEach(function (name) {
      params.delete(name);
      var all = boxes(name), on = all.filter(function (b) { return b.checked; });
      if (on.length < all.length) on.forEach(function (b) { params.append(name, b.value); });
    });
    params.delete("empty");
    if (!form.querySelector('input[name="hide-empty"]').checked) params.set("empty", "show");
    var qs = params.toString();
    if (history.replaceState) history.replaceState(null, "", location.pathname + (qs ? "?" + qs : "") + location.hash);
  }

  function apply() {
    var levels = checked("level"), statuses = checked("status"), groups = checked("group");
    var hideEmpty = form.querySelector('input[name="hide-empty"]').checked;
    var hiddenCols = {};
    Array.prototype.forEach.call(table.querySelectorAll("thead th.gov"), function (th) {
      var show = levels[th.dataset.level] !== false && statuses[th.dataset.status] !== false;
      if (!show) hiddenCols[th.dataset.col] = true;
      th.hidden = !show;
    });
    Array.prototype.forEach.call(table.querySelectorAll("td[data-col]"), function (td) {
      td.hidden = !!hiddenCols[td.dataset.col];
    });
    var visibleCols = table.querySelectorAll("thead th.gov:not([hidden])").length;
    Array.prototype.forEach.call(table.querySelectorAll("tbody.group"), function (body) {
      body.hidden = groups[body.dataset.group] === false;
      var anyRow = false;
      Array.prototype.forEach.call(body.querySelectorAll("tr[data-row]"), function (tr) {
        var filled = 0;
        Array.prototype.forEach.call(tr.querySelectorAll("td[data-col]"), function (td) {
          if (!td.hidden && !td.classList.contains("empty")) filled++;
        });
        tr.hidden = hideEmpty && filled === 0;
        if (!tr.hidden) anyRow = true;
      });
      var head = body.querySelector("tr.group-head th");
      if (head) head.colSpan = visibleCols + 1;
      if (!anyRow && hideEmpty) body.hidden = true;
    });
  }

  form.addEventListener("change", function () { apply(); toUrl(); });
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  fromUrl();
  apply();

  /* --- a cell opens the text of its provisions ----------------------------------------------- */
  var cfg = document.getElementById("matrix-config");
  var provisionUrl = cfg ? cfg.dataset.provision : null;
  function load(btn, box) {
    var iris = (btn.getAttribute("data-sources") || "").split(" ").filter(Boolean);
    box.textContent = "…";
    Promise.all(iris.map(function (iri) {
      return fetch(provisionUrl + "?iri=" + encodeURIComponent(iri), { headers: { "Accept": "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; });
    })).then(function (found) {
      box.textContent = "";
      found.filter(Boolean).forEach(function (p) {
        var para = document.createElement("p");
        var a = document.createElement("a");
        a.href = p.href;
        a.textContent = p.label || p.iri;
        para.appendChild(a);
        para.appendChild(document.createTextNode(" " + p.text));
        box.appendChild(para);
      });
      box.dataset.loaded = "1";
    });
  }
  Array.prototype.forEach.call(table.querySelectorAll("button.cell-open"), function (btn) {
    btn.addEventListener("click", function () {
      var box = btn.parentNode.querySelector(".cell-text");
      if (!box || !provisionUrl) return;
      var open = btn.getAttribute("aria-expanded") !== "true";
      btn.setAttribute("aria-expanded", open ? "true" : "false");
      box.hidden = !open;
      if (open && !box.dataset.loaded) load(btn, box);
    });
  });
})();
