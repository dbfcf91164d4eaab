// Network: actors as nodes (size: events), actor -> recipient edges (width: events; colour: share of
// cooperation vs conflict in PLOVER quad classes, red = all conflict, green = all cooperation).
// Node positions come from the server (networkx spring layout) in the JSON twin.
(function () {
  "use strict";
  var svg = document.getElementById("network-chart");
  if (!svg || !window.K) return;
  var tip = K.tooltip(svg.parentNode);

  function balanceColor(q) {
    var coop = (q.verbal_cooperation || 0) + (q.material_cooperation || 0);
    var conf = (q.verbal_conflict || 0) + (q.material_conflict || 0);
    if (!coop && !conf) return "#9aa1ab";
    var t = coop / (coop + conf); // 0 = conflict, 1 = cooperation
    var a = [179, 38, 30], b = [154, 161, 171], c = [46, 139, 87];
    var from = t < 0.5 ? a : b, to = t < 0.5 ? b : c, u = t < 0.5 ? t * 2 : (t - 0.5) * 2;
    var rgb = from.map(function (v, i) { return Math.round(v + (to[i] - v) * u); });
    return "rgb(" + rgb.join(",") + ")";
  }

  fetch(svg.dataset.src).then(function (r) { return r.json(); }).then(function (data) {
    var s = K.size(svg), pad = 60;
    var nodes = data.nodes || [], edges = data.edges || [];
    if (!nodes.length) {
      K.text(svg, s.w / 2, s.h / 2, "No events with both an actor and a recipient yet.", { "text-anchor": "middle" });
      svg.dataset.ready = "true";
      return;
    }
    var byId = {};
    nodes.forEach(function (n) {
      n.px = pad + n.x * (s.w - 2 * pad);
      n.py = pad / 2 + n.y * (s.h - pad);
      byId[n.id] = n;
    });
    var maxW = Math.max.apply(null, edges.map(function (e) { return e.weight; }).concat([1]));
    var maxN = Math.max.apply(null, nodes.map(function (n) { return n.events; }).concat([1]));
    var defs = K.el("defs", {}, svg);
    var gEdges = K.el("g", {}, svg), gNodes = K.el("g", {}, svg);
    edges.forEach(function (e, i) {
      var a = byId[e.source], b = byId[e.target];
      if (!a || !b) return;
      var color = balanceColor(e.quads || {});
      var marker = K.el("marker", { id: "arrow-" + i, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 5,
        markerHeight: 5, orient: "auto-start-reverse" }, defs);
      K.el("path", { d: "M0,0 L10,5 L0,10 z", fill: color }, marker);
      var rb = 5 + 14 * Math.sqrt(b.events / maxN), dx = b.px - a.px, dy = b.py - a.py, len = Math.hypot(dx, dy) || 1;
      // a slight curve so that A->B and B->A stay apart
      var mx = (a.px + b.px) / 2 - dy * 0.12, my = (a.py + b.py) / 2 + dx * 0.12;
      var ex = b.px - dx / len * (rb + 2), ey = b.py - dy / len * (rb + 2);
      var path = K.el("path", { d: "M" + a.px + "," + a.py + " Q" + mx + "," + my + " " + ex + "," + ey,
        fill: "none", stroke: color, "stroke-width": 1 + 6 * e.weight / maxW, "stroke-opacity": 0.75,
        "marker-end": "url(#arrow-" + i + ")", class: "edge" }, gEdges);
      var types = Object.keys(e.types || {}).map(function (t) { return t + " " + e.types[t]; }).join(", ");
      path.addEventListener("mousemove", function (ev) {
        tip.show(ev, a.name + " → " + b.name + ": " + e.weight + " event(s); " + types);
      });
      path.addEventListener("mouseleave", tip.hide);
    });
    nodes.forEach(function (n) {
      var r = 5 + 14 * Math.sqrt(n.events / maxN);
      var g = K.el("g", { class: "node", transform: "translate(" + n.px + "," + n.py + ")" }, gNodes);
      K.el("circle", { r: r, fill: n.type === "PERSON" ? "#e8b94a" : n.type === "STATE" ? "#4f8fd6" : "#8d6bd1" }, g);
      K.text(g, 0, -r - 4, n.name + (n.country && n.type !== "STATE" ? " (" + n.country + ")" : ""),
        { "text-anchor": "middle" });
      g.addEventListener("mousemove", function (ev) { tip.show(ev, n.name + " · " + n.type + " · " + n.events + " event(s)"); });
      g.addEventListener("mouseleave", tip.hide);
      g.addEventListener("click", function () { if (n.url) location.href = n.url; });
    });
    svg.dataset.ready = "true";
  });
})();
