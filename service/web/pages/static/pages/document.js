/* guize document page (and linked-data pages): a fact's marks light up together; a mark opens
 * its provision's fact list (click, touch, Enter); the element in the URL's hash (a provision,
 * paragraph, fact, post, meeting, cleaning entry, ontology term) is opened if folded, scrolled
 * to and highlighted; "copy citation" buttons copy their text. */
(function () {
  "use strict";
  function all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function marksFor(ids) {
    var found = [];
    ids.split(" ").forEach(function (id) {
      found = found.concat(all('mark.fact[data-facts~="' + id + '"]'), all('li.fact-item[data-fact="' + id + '"]'));
    });
    return found;
  }
  function toggle(ev, on) {
    var ids = ev.currentTarget.getAttribute("data-facts") || ev.currentTarget.getAttribute("data-fact");
    if (!ids) return;
    marksFor(ids).forEach(function (el) { el.classList.toggle("active", on); });
  }
  all("mark.fact, li.fact-item").forEach(function (el) {
    el.addEventListener("mouseenter", function (ev) { toggle(ev, true); });
    el.addEventListener("mouseleave", function (ev) { toggle(ev, false); });
    el.addEventListener("focus", function (ev) { toggle(ev, true); });
    el.addEventListener("blur", function (ev) { toggle(ev, false); });
  });
  function openFacts(mark) {
    var prov = mark.closest(".provision");
    if (!prov) return;
    var box = prov.querySelector("details.facts");
    if (!box) return;
    box.open = true;
    var ids = (mark.getAttribute("data-facts") || "").split(" ");
    all("li.fact-item", box).forEach(function (li) {
      li.classList.toggle("targeted", ids.indexOf(li.getAttribute("data-fact")) >= 0);
    });
  }
  all("mark.fact").forEach(function (mk) {
    mk.addEventListener("click", function () { openFacts(mk); });
    mk.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); openFacts(mk); }
    });
  });
  function target() {
    all(".targeted").forEach(function (el) { el.classList.remove("targeted"); });
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { id = location.hash.slice(1); }
    if (!id) return;
    var el = document.getElementById(id);
    while (!el && id.indexOf("/") > 0) {  // an item lands on its paragraph
      id = id.slice(0, id.lastIndexOf("/"));
      el = document.getElementById(id);
    }
    if (!el) return;
    for (var up = el.parentElement; up; up = up.parentElement) {
      if (up.tagName === "DETAILS") up.open = true;
    }
    el.classList.add("targeted");
    var prov = el.closest ? el.closest(".provision") : null;
    if (prov && prov !== el) prov.classList.add("targeted");
    el.scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", target);
  target();
  all("button.cite").forEach(function (btn) {
    btn.addEventListener("click", function () {
      var text = btn.getAttribute("data-cite");
      var done = function () { btn.textContent = btn.getAttribute("data-done"); btn.classList.add("done"); };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, done);
      } else { done(); }
    });
  });
})();
