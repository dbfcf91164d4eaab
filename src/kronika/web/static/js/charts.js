// Small SVG helpers shared by the charts. We draw our own SVG instead of bundling a chart library:
// the pictures are a time axis, bars and a pre-laid-out graph, a few hundred lines in all, and
// they must run under a strict Content-Security-Policy with no outside network.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var QUAD = { 0: "#8a8f98", 1: "#2e8b57", 2: "#1b6e3c", 3: "#d9822b", 4: "#b3261e" };
  var SERIES = ["#1f5fa8", "#c2410c", "#7c3aed", "#0f766e", "#be185d", "#4d7c0f"];

  function el(tag, attrs, parent) {
    var e = document.createElementNS(NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(e);
    return e;
  }
  function text(parent, x, y, str, attrs) {
    var t = el("text", Object.assign({ x: x, y: y }, attrs || {}), parent);
    t.textContent = str;
    return t;
  }
  function clear(svg) { while (svg.firstChild) svg.removeChild(svg.firstChild); }
  function size(svg) {
    var r = svg.getBoundingClientRect();
    return { w: Math.max(r.width, 300), h: Math.max(r.height, 150) };
  }

  // An ISO value at its granularity -> [start, end) in ms (UTC); null for values with no calendar place.
  function isoRange(v) {
    if (!v) return null;
    var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(v);
    if (!m) return null;
    var y = +m[1], mo = m[2] ? +m[2] - 1 : null, d = m[3] ? +m[3] : null;
    if (d !== null) return [Date.UTC(y, mo, d), Date.UTC(y, mo, d + 1)];
    if (mo !== null) return [Date.UTC(y, mo, 1), Date.UTC(y, mo + 1, 1)];
    var w = /^\d{4}-W(\d{2})/.exec(v);
    if (w) { var s = Date.UTC(y, 0, 1 + (+w[1] - 1) * 7); return [s, s + 7 * 864e5]; }
    return [Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1)];
  }

  function tooltip(host) {
    var tip = document.createElement("div");
    tip.className = "chart-tip";
    tip.hidden = true;
    host.appendChild(tip);
    return {
      show: function (evt, str) {
        var r = host.getBoundingClientRect();
        tip.textContent = str;
        tip.hidden = false;
        tip.style.left = Math.min(evt.clientX - r.left + 12, r.width - 200) + "px";
        tip.style.top = (evt.clientY - r.top + 12) + "px";
      },
      hide: function () { tip.hidden = true; }
    };
  }

  // Vertical bars: items [{label, value, color?, title?}].
  function bars(svg, items, opts) {
    opts = opts || {};
    clear(svg);
    var s = size(svg), pad = { l: 34, r: 8, t: 10, b: opts.rotate ? 70 : 24 };
    if (!items.length) { text(svg, s.w / 2, s.h / 2, "no data", { "text-anchor": "middle" }); return; }
    var max = Math.max.apply(null, items.map(function (d) { return d.value; })) || 1;
    var bw = (s.w - pad.l - pad.r) / items.length;
    var h = s.h - pad.t - pad.b;
    [0, max].forEach(function (v) {
      var y = pad.t + h - (v / max) * h;
      el("line", { x1: pad.l, x2: s.w - pad.r, y1: y, y2: y, class: "lane" }, svg);
      text(svg, pad.l - 4, y + 4, String(v), { "text-anchor": "end" });
    });
    var every = Math.ceil(items.length / Math.max(1, Math.floor((s.w - pad.l) / (opts.rotate ? 16 : 60))));
    items.forEach(function (d, i) {
      var bh = (d.value / max) * h, x = pad.l + i * bw;
      var r = el("rect", { x: x + bw * 0.12, y: pad.t + h - bh, width: Math.max(1, bw * 0.76), height: bh,
        fill: d.color || SERIES[0], rx: 2 }, svg);
      var t = el("title", {}, r); t.textContent = d.title || (d.label + ": " + d.value);
      if (i % every === 0) {
        var lx = x + bw / 2, ly = pad.t + h + 14;
        text(svg, lx, ly, d.label, opts.rotate ? { "text-anchor": "end", transform: "rotate(-45 " + lx + " " + ly + ")" }
          : { "text-anchor": "middle" });
      }
    });
  }

  window.K = { el: el, text: text, clear: clear, size: size, isoRange: isoRange, tooltip: tooltip, bars: bars,
    QUAD: QUAD, SERIES: SERIES };
})();
