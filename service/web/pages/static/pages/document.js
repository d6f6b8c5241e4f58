/* guize document page: a fact's marks light up together; the provision in the URL's hash is
 * highlighted (a link from the comparison matrix lands on it). */
(function () {
  "use strict";
  function marksFor(ids) {
    var found = [];
    ids.split(" ").forEach(function (id) {
      Array.prototype.forEach.call(document.querySelectorAll('mark.fact[data-facts~="' + id + '"]'), function (mk) {
        found.push(mk);
      });
      Array.prototype.forEach.call(document.querySelectorAll('li.fact-item[data-fact="' + id + '"]'), function (li) {
        found.push(li);
      });
    });
    return found;
  }
  function toggle(ev, on) {
    var ids = ev.currentTarget.getAttribute("data-facts") || ev.currentTarget.getAttribute("data-fact");
    if (!ids) return;
    marksFor(ids).forEach(function (el) { el.classList.toggle("active", on); });
  }
  Array.prototype.forEach.call(document.querySelectorAll("mark.fact, li.fact-item"), function (el) {
    el.addEventListener("mouseenter", function (ev) { toggle(ev, true); });
    el.addEventListener("mouseleave", function (ev) { toggle(ev, false); });
    el.addEventListener("focus", function (ev) { toggle(ev, true); });
    el.addEventListener("blur", function (ev) { toggle(ev, false); });
  });
  function target() {
    Array.prototype.forEach.call(document.querySelectorAll(".provision.targeted"), function (el) {
      el.classList.remove("targeted");
    });
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var el = document.getElementById(id);
    if (!el) return;
    var prov = el.closest ? el.closest(".provision") : null;
    (prov || el).classList.add("targeted");
  }
  window.addEventListener("hashchange", target);
  target();
})();
