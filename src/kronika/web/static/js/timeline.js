// Timeline: story events on a zoomable time axis, one lane per PLOVER type, coloured by quad class.
// Wheel zooms around the pointer, drag pans, the buttons zoom and fit. Clicking an event opens its
// entry (with its sources) in the list below. Data: the page's JSON twin (/api/timeline?...).
(function () {
  "use strict";
  var svg = document.getElementById("timeline-chart");
  if (!svg || !window.K) return;
  var host = svg.parentNode, tip = K.tooltip(host);
  var DAY = 864e5;
  var events = [], lanes = [], domain = null, full = null, focusT = null;

  function label(ev) {
    var names = function (xs) { return (xs || []).map(function (a) { return a.name; }).join(", "); };
    return (ev.date || "?") + " · " + ev.type + (ev.mode ? " (" + ev.mode + ")" : "") + " · " +
      (names(ev.actors) || "?") + " → " + (names(ev.recipients) || "—") +
      " · " + (ev.sources || []).length + " source(s)" +
      (ev.contested && ev.contested.length ? " · sources disagree: " + ev.contested.join(", ") : "");
  }

  function ticks(d0, d1, width) {
    var span = d1 - d0, out = [], fmt;
    var date = new Date(d0), y = date.getUTCFullYear(), m = date.getUTCMonth();
    var maxTicks = Math.max(2, Math.floor(width / 80));
    if (span > 3 * 365 * DAY) {
      var step = Math.max(1, Math.ceil(span / 365 / DAY / maxTicks));
      for (var yy = y; Date.UTC(yy, 0, 1) <= d1; yy += step) out.push([Date.UTC(yy, 0, 1), String(yy)]);
    } else if (span > 60 * DAY) {
      var mstep = Math.max(1, Math.ceil(span / 30.4 / DAY / maxTicks));
      for (var k = 0; Date.UTC(y, m + k, 1) <= d1; k += mstep) {
        var t = Date.UTC(y, m + k, 1);
        fmt = new Date(t).toISOString().slice(0, 7);
        out.push([t, fmt]);
      }
    } else {
      var dstep = Math.max(1, Math.ceil(span / DAY / maxTicks));
      var start = Date.UTC(y, m, date.getUTCDate());
      for (var t2 = start; t2 <= d1; t2 += dstep * DAY) out.push([t2, new Date(t2).toISOString().slice(0, 10)]);
    }
    return out.filter(function (t) { return t[0] >= d0; });
  }

  function draw() {
    K.clear(svg);
    var s = K.size(svg), pad = { l: 96, r: 16, t: 12, b: 28 };
    if (!events.length) {
      K.text(svg, s.w / 2, s.h / 2, "No dated events match these filters.", { "text-anchor": "middle" });
      return;
    }
    var laneH = Math.min(40, (s.h - pad.t - pad.b) / lanes.length);
    var x = function (t) { return pad.l + (t - domain[0]) / (domain[1] - domain[0]) * (s.w - pad.l - pad.r); };
    var axis = K.el("g", { class: "axis" }, svg);
    var bottom = pad.t + laneH * lanes.length;
    ticks(domain[0], domain[1], s.w - pad.l).forEach(function (t) {
      var tx = x(t[0]);
      K.el("line", { x1: tx, x2: tx, y1: pad.t, y2: bottom, class: "lane" }, axis);
      K.text(axis, tx, bottom + 16, t[1], { "text-anchor": "middle" });
    });
    lanes.forEach(function (type, i) {
      var y = pad.t + i * laneH;
      K.el("line", { x1: pad.l, x2: s.w - pad.r, y1: y + laneH, y2: y + laneH, class: "lane" }, axis);
      K.text(axis, pad.l - 8, y + laneH / 2 + 4, type, { "text-anchor": "end" });
    });
    var clip = K.el("clipPath", { id: "tl-clip" }, K.el("defs", {}, svg));
    K.el("rect", { x: pad.l, y: 0, width: s.w - pad.l - pad.r, height: s.h }, clip);
    var g = K.el("g", { "clip-path": "url(#tl-clip)" }, svg);
    events.forEach(function (ev) {
      var x0 = x(ev._r[0]), x1 = x(ev._r[1]);
      var lane = lanes.indexOf(ev.type), cy = pad.t + lane * laneH + laneH / 2;
      var n = (ev.sources || []).length || 1, h = Math.min(laneH - 6, 8 + 3 * n);
      var w = Math.max(h, x1 - x0);
      var mark = K.el("rect", { x: w > h ? x0 : (x0 + x1) / 2 - h / 2, y: cy - h / 2, width: w, height: h, rx: h / 2,
        fill: K.QUAD[ev.quad || 0], class: "dot" + (ev.contested && ev.contested.length ? " contested" : ""),
        "fill-opacity": 0.85, "data-event-id": ev.id }, g);
      mark.addEventListener("mousemove", function (e) { tip.show(e, label(ev)); });
      mark.addEventListener("mouseleave", tip.hide);
      mark.addEventListener("click", function () { focusT = (ev._r[0] + ev._r[1]) / 2; openEvent(ev.id); });
    });
  }

  function openEvent(id) {
    var li = document.getElementById("event-" + id);
    if (!li) return;
    document.querySelectorAll("li.event.focus").forEach(function (x) { x.classList.remove("focus"); });
    li.classList.add("focus");
    var d = li.querySelector("details");
    if (d) d.open = true;
    li.scrollIntoView({ block: "center", behavior: "smooth" });
  }

  function zoom(factor, centerFrac) {
    var c = domain[0] + (domain[1] - domain[0]) * (centerFrac === undefined ? 0.5 : centerFrac);
    var span = Math.max(2 * DAY, (domain[1] - domain[0]) * factor);
    domain = [c - (c - domain[0]) * span / (domain[1] - domain[0]), 0];
    domain[1] = domain[0] + span;
    draw();
  }

  svg.addEventListener("wheel", function (e) {
    if (!domain) return;
    e.preventDefault();
    var r = svg.getBoundingClientRect(), frac = Math.min(1, Math.max(0, (e.clientX - r.left - 96) / (r.width - 112)));
    zoom(e.deltaY < 0 ? 0.8 : 1.25, frac);
  }, { passive: false });
  var drag = null;
  svg.addEventListener("mousedown", function (e) { drag = { x: e.clientX, d: domain.slice() }; });
  window.addEventListener("mouseup", function () { drag = null; });
  window.addEventListener("mousemove", function (e) {
    if (!drag || !domain) return;
    var r = svg.getBoundingClientRect(), dx = (e.clientX - drag.x) / (r.width - 112) * (drag.d[1] - drag.d[0]);
    domain = [drag.d[0] - dx, drag.d[1] - dx];
    draw();
  });
  // The buttons zoom around the event last clicked (else the middle), keeping it in place.
  function focusFrac() {
    if (focusT === null || focusT < domain[0] || focusT > domain[1]) return 0.5;
    return (focusT - domain[0]) / (domain[1] - domain[0]);
  }
  document.getElementById("tl-zoom-in").addEventListener("click", function () { zoom(0.6, focusFrac()); });
  document.getElementById("tl-zoom-out").addEventListener("click", function () { zoom(1.6, focusFrac()); });
  document.getElementById("tl-reset").addEventListener("click", function () { domain = full.slice(); draw(); });
  window.addEventListener("resize", function () { if (domain) draw(); });

  fetch(svg.dataset.src).then(function (r) { return r.json(); }).then(function (data) {
    var order = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
      "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
    events = (data.events || []).filter(function (ev) { ev._r = K.isoRange(ev.date); return ev._r; });
    lanes = order.filter(function (t) { return events.some(function (ev) { return ev.type === t; }); });
    events.forEach(function (ev) { if (lanes.indexOf(ev.type) < 0) lanes.push(ev.type); });
    if (events.length) {
      var lo = Math.min.apply(null, events.map(function (e) { return e._r[0]; }));
      var hi = Math.max.apply(null, events.map(function (e) { return e._r[1]; }));
      var padT = Math.max(15 * DAY, (hi - lo) * 0.04);
      full = [lo - padT, hi + padT];
      domain = full.slice();
    }
    svg.style.height = Math.max(160, 52 + 36 * lanes.length) + "px"; // CSSOM, allowed by our CSP
    svg.dataset.ready = "true";
    draw();
  });
})();
