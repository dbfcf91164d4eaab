// Actor page charts: mentions per month, events by type, and the balance of cooperation vs conflict
// toward each counterpart per period. Data: the JSON block the server embedded (not executable).
(function () {
  "use strict";
  var node = document.getElementById("actor-data");
  if (!node || !window.K) return;
  var data = JSON.parse(node.textContent);

  var months = document.getElementById("mentions-chart");
  if (months) {
    K.bars(months, (data.mentions_by_month || []).map(function (m) {
      return { label: m.month, value: m.mentions, title: m.month + ": " + m.mentions + " mentions in " + m.articles + " article(s)" };
    }), { rotate: (data.mentions_by_month || []).length > 8 });
  }
  var types = document.getElementById("types-chart");
  if (types) {
    var quadOf = { AGREE: 1, CONSULT: 1, SUPPORT: 1, CONCEDE: 1, COOPERATE: 2, AID: 2, RETREAT: 2, REQUEST: 3,
      ACCUSE: 3, REJECT: 3, THREATEN: 3, PROTEST: 4, SANCTION: 4, MOBILIZE: 4, COERCE: 4, ASSAULT: 4 };
    var byType = data.events_by_type || {};
    K.bars(types, Object.keys(byType).map(function (t) {
      return { label: t, value: byType[t], color: K.QUAD[quadOf[t] || 0] };
    }), { rotate: true });
  }

  // Balance: per period, one pair of bars per counterpart, cooperation up and conflict down.
  var svg = document.getElementById("balance-chart");
  var rows = data.balance || [];
  if (!svg || !rows.length) return;
  var sides = data.between || [], names = data.between_names || sides;
  var periods = [];
  rows.forEach(function (r) { if (periods.indexOf(r.period) < 0) periods.push(r.period); });
  var s = K.size(svg), pad = { l: 40, r: 10, t: 26, b: 40 };
  var max = Math.max.apply(null, rows.map(function (r) { return Math.max(r.cooperation, r.conflict); }).concat([1]));
  var mid = pad.t + (s.h - pad.t - pad.b) / 2, half = (s.h - pad.t - pad.b) / 2;
  var pw = (s.w - pad.l - pad.r) / periods.length, bw = pw * 0.8 / Math.max(1, sides.length);
  K.el("line", { x1: pad.l, x2: s.w - pad.r, y1: mid, y2: mid, stroke: "#6b7280" }, svg);
  K.text(svg, pad.l - 4, pad.t + 4, String(max), { "text-anchor": "end" });
  K.text(svg, pad.l - 4, s.h - pad.b, String(max), { "text-anchor": "end" });
  K.text(svg, pad.l + 4, pad.t - 10, "cooperation ↑   conflict ↓");
  var every = Math.ceil(periods.length / Math.max(1, Math.floor((s.w - pad.l) / 70)));
  periods.forEach(function (p, i) {
    var x0 = pad.l + i * pw + pw * 0.1;
    if (i % every === 0) K.text(svg, x0 + pw * 0.4, s.h - pad.b + 16, p, { "text-anchor": "middle" });
    sides.forEach(function (side, j) {
      var r = rows.filter(function (x) { return x.period === p && x.counterpart === side; })[0];
      if (!r) return;
      var color = K.SERIES[j % K.SERIES.length], x = x0 + j * bw;
      var up = K.el("rect", { x: x, y: mid - r.cooperation / max * half, width: bw * 0.9,
        height: r.cooperation / max * half, fill: color }, svg);
      K.el("title", {}, up).textContent = p + " · " + names[j] + ": " + r.cooperation + " cooperation";
      var down = K.el("rect", { x: x, y: mid, width: bw * 0.9, height: r.conflict / max * half, fill: color,
        "fill-opacity": 0.5 }, svg);
      K.el("title", {}, down).textContent = p + " · " + names[j] + ": " + r.conflict + " conflict";
    });
  });
  names.forEach(function (n, j) {
    var x = s.w - pad.r - 140, y = pad.t + 4 + j * 16;
    K.el("rect", { x: x, y: y - 9, width: 10, height: 10, fill: K.SERIES[j % K.SERIES.length] }, svg);
    K.text(svg, x + 14, y, n);
  });
})();
