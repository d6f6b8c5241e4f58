/* guize comparison page: filter the matrix by level, validity and feature group (client side). */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var table = document.getElementById("matrix");
  if (!form || !table) return;

  function checked(name) {
    var out = {};
    Array.prototype.forEach.call(form.querySelectorAll('input[name="' + name + '"]'), function (box) {
      out[box.value] = box.checked;
    });
    return out;
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

  form.addEventListener("change", apply);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  apply();
})();
