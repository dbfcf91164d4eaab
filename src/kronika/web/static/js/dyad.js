// The dyad chart: events between two actors per month, cooperation stacked above the axis and
// conflict below (PLOVER quad classes), drawn in SVG with the shared helpers of charts.js.
(function () {
  "use strict";
  var svg = document.getElementById("dyad-chart");
  if (!svg || !window.K) return;
  var K = window.K;
  var QUAD = { 1: "#2e8b57", 2: "#1b6e3c", 3: "#d9822b", 4: "#b3261e" };
  var UP = [["verbal_cooperation", 1], ["material_cooperation", 2]];
  var DOWN = [["verbal_conflict", 3], ["material_conflict", 4]];

  function draw(months) {
    K.clear(svg);
    var s = K.size(svg), pad = { l: 34, r: 8, t: 10, b: 28 };
    var w = s.w - pad.l - pad.r, h = s.h - pad.t - pad.b;
    var up = 1, down = 1;
    months.forEach(function (m) {
      up = Math.max(up, m.verbal_cooperation + m.material_cooperation);
      down = Math.max(down, m.verbal_conflict + m.material_conflict);
    });
    var zero = pad.t + h * up / (up + down);
    var unit = h / (up + down);
    var bw = Math.max(2, Math.min(40, w / Math.max(months.length, 1) - 4));
    K.el("line", { x1: pad.l, x2: pad.l + w, y1: zero, y2: zero, stroke: "#555", "stroke-width": 1 }, svg);
    K.text(svg, 4, pad.t + 10, String(up), { "font-size": 11, fill: "#444" });
    K.text(svg, 4, pad.t + h, String(down), { "font-size": 11, fill: "#444" });
    var every = Math.ceil(months.length / Math.max(1, Math.floor(w / 60)));
    months.forEach(function (m, i) {
      var x = pad.l + (i + 0.5) * (w / months.length) - bw / 2;
      var y = zero;
      UP.forEach(function (q) {
        var n = m[q[0]];
        if (!n) return;
        y -= n * unit;
        var r = K.el("rect", { x: x, y: y, width: bw, height: n * unit, fill: QUAD[q[1]] }, svg);
        K.el("title", {}, r).textContent = m.month + ": " + n + " " + q[0].replace("_", " ");
      });
      y = zero;
      DOWN.forEach(function (q) {
        var n = m[q[0]];
        if (!n) return;
        var r = K.el("rect", { x: x, y: y, width: bw, height: n * unit, fill: QUAD[q[1]] }, svg);
        K.el("title", {}, r).textContent = m.month + ": " + n + " " + q[0].replace("_", " ");
        y += n * unit;
      });
      if (i % every === 0) K.text(svg, x + bw / 2, s.h - 8, m.month, { "font-size": 11, "text-anchor": "middle", fill: "#333" });
    });
  }

  fetch(svg.dataset.src, { headers: { Accept: "application/json" } })
    .then(function (r) { return r.json(); })
    .then(function (d) {
      var months = d.months || [];
      draw(months);
      window.addEventListener("resize", function () { draw(months); });
    });
})();
