/* dateline: draws Vega-Lite charts and, in the one-file report, routes between pages and
   filters/paginates the story list. Article text is never inserted as HTML: only textContent. */
(function () {
  "use strict";
  function draw(el) {
    if (el.getAttribute("data-done")) return;
    el.setAttribute("data-done", "1");
    var holder = document.getElementById(el.getAttribute("data-spec"));
    if (!holder || !window.vegaEmbed) return;
    var spec = JSON.parse(holder.textContent);
    var tplHolder = document.getElementById(holder.getAttribute("data-template") || "");
    if (tplHolder) {
      // the report inlines one template and, per story, only its data (see charts.fill_template)
      var data = spec;
      spec = JSON.parse(tplHolder.textContent);
      spec.data = { values: data.values };
      spec.height = data.height;
      spec.layer.forEach(function (layer) { layer.encoding.y.sort = data.order; });
    }
    window.vegaEmbed(el, spec, { actions: false, renderer: "svg" }).catch(function (err) {
      el.textContent = "The plot could not be drawn: " + err;
    });
  }
  function drawIn(root) {
    Array.prototype.forEach.call(root.querySelectorAll(".chart[data-spec]"), draw);
  }
  var current = null;
  function route() {
    var id = decodeURIComponent(location.hash.slice(1)) || "overview";
    var target = document.getElementById(id);
    if (!target || !target.classList.contains("page")) target = document.getElementById("overview");
    if (current === null) {
      // first call: hide every page but the target (pages start hidden except the overview)
      Array.prototype.forEach.call(document.querySelectorAll("section.page:not([hidden])"), function (p) {
        if (p !== target) p.hidden = true;
      });
    } else if (current !== target) {
      current.hidden = true;
    }
    target.hidden = false;
    current = target;
    drawIn(target);
    window.scrollTo(0, 0);
  }
  function setupList() {
    var list = document.getElementById("story-list");
    if (!list) return;
    var rows = Array.prototype.slice.call(list.querySelectorAll("tr.story-row"));
    var input = document.getElementById("story-q");
    var info = document.getElementById("story-page-info");
    var prev = document.getElementById("story-prev");
    var next = document.getElementById("story-next");
    var size = parseInt(list.getAttribute("data-page-size"), 10) || 25;
    var page = 0;
    var keys = rows.map(function (r) { return r.getAttribute("data-search"); });
    var shown = rows.filter(function (r) { return !r.hidden; });
    function render() {
      var q = input.value.trim().toLowerCase();
      var hits = [];
      for (var i = 0; i < rows.length; i++) if (!q || keys[i].indexOf(q) >= 0) hits.push(rows[i]);
      var count = Math.max(1, Math.ceil(hits.length / size));
      if (page >= count) page = count - 1;
      var next = hits.slice(page * size, (page + 1) * size);
      // touch only the rows whose visibility changes: the document may hold thousands
      shown.forEach(function (r) { if (next.indexOf(r) < 0) r.hidden = true; });
      next.forEach(function (r) { r.hidden = false; });
      shown = next;
      info.textContent = hits.length + " stories · page " + (page + 1) + " of " + count;
      prev.disabled = page <= 0;
      next.disabled = page >= count - 1;
    }
    input.addEventListener("input", function () { page = 0; render(); });
    prev.addEventListener("click", function () { page -= 1; render(); });
    next.addEventListener("click", function () { page += 1; render(); });
    render();
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (document.querySelector("section.page")) {
      setupList();
      window.addEventListener("hashchange", route);
      route();
    } else {
      drawIn(document);
    }
  });
})();
