// Article reader: click an event in the margin and its sentence lights up; the cite button fetches
// the citation in the chosen format. Article text is never touched here: it was escaped by the server.
(function () {
  "use strict";
  var buttons = Array.prototype.slice.call(document.querySelectorAll("button.margin-event"));
  var runs = Array.prototype.slice.call(document.querySelectorAll(".sent"));

  function clear() {
    runs.forEach(function (el) { el.classList.remove("lit"); });
    buttons.forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
  }

  function light(index, scroll) {
    clear();
    var key = " " + index + " ";
    var hit = runs.filter(function (el) { return (el.dataset.ev || "").indexOf(key) >= 0; });
    hit.forEach(function (el) { el.classList.add("lit"); });
    buttons.forEach(function (b) { if (b.dataset.ev === String(index)) b.setAttribute("aria-pressed", "true"); });
    if (scroll && hit.length) hit[0].scrollIntoView({ block: "center", behavior: "smooth" });
    if (history.replaceState) history.replaceState(null, "", "#event-" + index);
  }

  buttons.forEach(function (b) {
    b.addEventListener("click", function () {
      if (b.getAttribute("aria-pressed") === "true") { clear(); return; }
      light(b.dataset.ev, true);
    });
  });
  // Clicking a sentence that carries events selects its first event in the margin.
  runs.forEach(function (el) {
    el.addEventListener("click", function (e) {
      if (e.target.closest("a")) return;
      var first = (el.dataset.ev || "").trim().split(" ")[0];
      var btn = buttons.filter(function (b) { return b.dataset.ev === first; })[0];
      if (btn) { light(first, false); btn.scrollIntoView({ block: "nearest" }); }
    });
  });
  var m = /^#event-(\d+)$/.exec(location.hash);
  if (m) light(m[1], true);

  // Cite: CSL-JSON, BibTeX or RIS from /api/articles/{id}/cite.
  var article = document.querySelector("article.reader");
  var citeBtn = document.getElementById("cite-button");
  var panel = document.getElementById("cite-panel");
  var out = document.getElementById("cite-text");
  var dl = document.getElementById("cite-download");
  if (!article || !citeBtn) return;
  var base = "/api/articles/" + encodeURIComponent(article.dataset.articleId) + "/cite?format=";
  function cite(fmt) {
    out.textContent = "…";
    fetch(base + encodeURIComponent(fmt)).then(function (r) {
      return r.text().then(function (t) { return { ok: r.ok, text: t }; });
    }).then(function (res) {
      if (!res.ok) {
        var msg = res.text;
        try { msg = JSON.parse(res.text).message; } catch (e) { /* not JSON */ }
        out.textContent = "Could not cite: " + msg;
        dl.hidden = true;
        return;
      }
      out.textContent = res.text;
      dl.href = base + encodeURIComponent(fmt) + "&download=true";
      dl.hidden = false;
    });
  }
  citeBtn.addEventListener("click", function () {
    var open = panel.hidden;
    panel.hidden = !open;
    citeBtn.setAttribute("aria-expanded", String(open));
    if (open && !out.textContent) cite("csl-json");
  });
  document.querySelectorAll(".cite-format").forEach(function (b) {
    b.addEventListener("click", function () { cite(b.dataset.format); });
  });
})();
