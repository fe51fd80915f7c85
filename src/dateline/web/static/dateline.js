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
    window.vegaEmbed(el, spec, { actions: false, renderer: "svg" }).catch(function (err) {
      el.textContent = "The plot could not be drawn: " + err;
    });
  }
  function drawIn(root) {
    Array.prototype.forEach.call(root.querySelectorAll(".chart[data-spec]"), draw);
  }
  var pages = document.querySelectorAll("section.page");
  function route() {
    var id = decodeURIComponent(location.hash.slice(1)) || "overview";
    var target = document.getElementById(id);
    if (!target || !target.classList.contains("page")) target = document.getElementById("overview");
    Array.prototype.forEach.call(pages, function (p) { p.hidden = p !== target; });
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
    function render() {
      var q = input.value.trim().toLowerCase();
      var hits = rows.filter(function (r) { return !q || r.getAttribute("data-search").indexOf(q) >= 0; });
      var count = Math.max(1, Math.ceil(hits.length / size));
      if (page >= count) page = count - 1;
      rows.forEach(function (r) { r.hidden = true; });
      hits.slice(page * size, (page + 1) * size).forEach(function (r) { r.hidden = false; });
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
    if (pages.length === 0) pages = document.querySelectorAll("section.page");
    if (pages.length) {
      setupList();
      window.addEventListener("hashchange", route);
      route();
    } else {
      drawIn(document);
    }
  });
})();
