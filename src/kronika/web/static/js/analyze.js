// Home page: paste text or choose a file, POST it to /api/analyze, show the record it returns.
// Everything shown comes from the server's JSON and is inserted with textContent, never as HTML.
(function () {
  "use strict";
  var form = document.getElementById("analyze-form");
  if (!form) return;
  var $ = function (id) { return document.getElementById(id); };
  var result = $("analyze-result"), status = $("an-status"), summary = $("an-summary");
  var pre = $("an-json"), download = $("an-download"), openLink = $("an-open"), submit = $("an-submit");

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function names(arg, ents) {
    var list = Array.isArray(arg) ? arg : (arg ? [arg] : []);
    return list.map(function (r) { return (ents[r.entity] || {}).name || r.text; }).join(", ");
  }
  function describe(rec) {
    var box = el("div", undefined, "record-summary");
    var md = rec.metadata || {};
    box.appendChild(el("h3", md.title || "Untitled article"));
    box.appendChild(el("p", [md.publication, md.published, (md.authors || []).map(function (a) { return a.name; }).join(", ")]
      .filter(Boolean).join(" · ") || "no metadata", "muted"));
    box.appendChild(el("p", (rec.entities || []).length + " actors · " + (rec.times || []).length + " times · " +
      (rec.events || []).length + " events · id " + rec.id, "counts"));
    var ents = {};
    (rec.entities || []).forEach(function (e) { ents[e.id] = e; });
    var ul = el("ul", undefined, "record-events");
    (rec.events || []).forEach(function (ev) {
      ul.appendChild(el("li", [(ev.date || {}).value || "no date", ev.type, names(ev.actor, ents) + " → " +
        (names(ev.recipient, ents) || "—")].join(" · ")));
    });
    box.appendChild(ul);
    return box;
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var file = $("an-file").files[0];
    var store = $("an-store") && $("an-store").checked;
    var headers = {};
    var token = $("an-token") && $("an-token").value;
    if (token) headers["Authorization"] = "Bearer " + token;
    var body;
    var fields = { title: $("an-title").value, published: $("an-published").value, url: $("an-url").value };
    if (file) {
      body = new FormData();
      body.append("file", file);
      Object.keys(fields).forEach(function (k) { if (fields[k]) body.append(k, fields[k]); });
    } else {
      fields.text = $("an-text").value;
      body = JSON.stringify(fields);
      headers["Content-Type"] = "application/json";
    }
    submit.disabled = true;
    result.hidden = false;
    status.className = "";
    status.textContent = "Analyzing…";
    summary.textContent = "";
    pre.textContent = "";
    openLink.hidden = true;
    fetch("/api/analyze" + (store ? "?store=true" : ""), { method: "POST", headers: headers, body: body })
      .then(function (r) {
        return r.json().then(function (data) { return { r: r, data: data }; });
      })
      .then(function (res) {
        var data = res.data;
        if (!res.r.ok) {
          status.className = "error";
          status.textContent = "Error " + data.status + " (" + data.error + "): " + data.message;
          return;
        }
        var records = data.records || [data];
        status.textContent = records.length === 1 ? "Analyzed." : "Analyzed " + records.length + " documents.";
        if (res.r.status === 201) status.textContent += " Stored in the knowledge base.";
        records.forEach(function (rec) { summary.appendChild(describe(rec)); });
        var json = JSON.stringify(data, null, 2);
        pre.textContent = json;
        download.href = URL.createObjectURL(new Blob([json], { type: "application/json" }));
        var loc = res.r.headers.get("Location");
        if (loc && loc.indexOf("/articles/") === 0) { openLink.href = loc; openLink.hidden = false; }
      })
      .catch(function (err) {
        status.className = "error";
        status.textContent = "The request failed: " + err;
      })
      .then(function () { submit.disabled = false; });
  });
})();
