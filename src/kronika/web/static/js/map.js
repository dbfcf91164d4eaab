// The map page: Natural Earth country outlines (vendored TopoJSON, no tile server) shaded by the
// events located in each country, and a dot per event located in a known city, coloured by quad.
(function () {
  "use strict";
  var host = document.getElementById("map");
  if (!host || !window.L || !window.topojson) return;
  var QUAD = { 0: "#8a8f98", 1: "#2e8b57", 2: "#1b6e3c", 3: "#d9822b", 4: "#b3261e" };
  var map = L.map(host, { worldCopyJump: true, minZoom: 1, maxZoom: 8, zoomSnap: 0.5 }).setView([40, 30], 2);
  map.attributionControl.addAttribution("Natural Earth");

  function shade(n, max) {
    if (!n) return "#f2f2ef";
    var t = Math.sqrt(n / max);
    var l = Math.round(88 - 45 * t);
    return "hsl(215, 45%, " + l + "%)";
  }

  Promise.all([
    fetch(host.dataset.basemap).then(function (r) { return r.json(); }),
    fetch(host.dataset.src, { headers: { Accept: "application/json" } }).then(function (r) { return r.json(); })
  ]).then(function (got) {
    var world = got[0], data = got[1];
    var counts = data.by_country || {};
    var max = Math.max.apply(null, [1].concat(Object.keys(counts).map(function (k) { return counts[k]; })));
    var land = topojson.feature(world, world.objects.countries);
    L.geoJSON(land, {
      style: function (f) {
        return { color: "#9aa3ad", weight: 0.6, fillColor: shade(counts[f.id] || 0, max), fillOpacity: 1 };
      },
      onEachFeature: function (f, layer) {
        var n = counts[f.id] || 0;
        layer.bindTooltip(f.properties.name + ": " + n + " event" + (n === 1 ? "" : "s"));
      }
    }).addTo(map);
    var pts = [];
    (data.events || []).forEach(function (e) {
      var m = L.circleMarker([e.lat, e.lon], {
        radius: 6, color: "#fff", weight: 1, fillColor: QUAD[e.quad || 0], fillOpacity: 0.9
      }).addTo(map);
      var a = document.createElement("a");
      a.href = "/events/" + encodeURIComponent(e.id);
      a.textContent = e.type + " · " + (e.date || "undated") + " · " + (e.location || "");
      m.bindPopup(a);
      pts.push([e.lat, e.lon]);
    });
    if (pts.length) map.fitBounds(pts, { padding: [40, 40], maxZoom: 5 });
  }).catch(function (err) {
    host.textContent = "The map could not be drawn: " + err;
  });
})();
