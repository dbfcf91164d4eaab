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

  function post(body, headers, store) {
    return fetch("/api/analyze" + (store ? "?store=true" : ""), { method: "POST", headers: headers, body: body })
      .then(function (r) { return r.json().then(function (data) { return { r: r, data: data }; }); });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var files = Array.prototype.slice.call($("an-file").files);
    var store = $("an-store") && $("an-store").checked;
    var token = $("an-token") && $("an-token").value;
    var fields = { title: $("an-title").value, published: $("an-published").value, url: $("an-url").value };
    var requests = [];
    if (files.length) {
      files.forEach(function (file) {
        var body = new FormData();
        body.append("file", file);
        Object.keys(fields).forEach(function (k) { if (fields[k]) body.append(k, fields[k]); });
        requests.push({ body: body, headers: {} });
      });
    } else {
      fields.text = $("an-text").value;
      requests.push({ body: JSON.stringify(fields), headers: { "Content-Type": "application/json" } });
    }
    requests.forEach(function (req) { if (token) req.headers["Authorization"] = "Bearer " + token; });
    submit.disabled = true;
    result.hidden = false;
    status.className = "";
    status.textContent = "Analyzing…";
    summary.textContent = "";
    pre.textContent = "";
    openLink.hidden = true;
    var records = [], errors = [], stored = false, location = null;
    // One request per file, one after the other (the server analyzes one document at a time anyway).
    requests.reduce(function (chain, req) {
      return chain.then(function () {
        return post(req.body, req.headers, store).then(function (res) {
          if (!res.r.ok) {
            errors.push("Error " + res.data.status + " (" + res.data.error + "): " + res.data.message);
            return;
          }
          (res.data.records || [res.data]).forEach(function (rec) { records.push(rec); });
          if (res.r.status === 201) { stored = true; location = location || res.r.headers.get("Location"); }
        });
      });
    }, Promise.resolve())
      .then(function () {
        if (records.length) {
          status.textContent = records.length === 1 ? "Analyzed." : "Analyzed " + records.length + " documents.";
          if (stored) status.textContent += " Stored (see Articles).";
        }
        if (errors.length) {
          status.className = "error";
          status.textContent = (records.length ? status.textContent + " " : "") + errors.join(" ");
        }
        records.forEach(function (rec) { summary.appendChild(describe(rec)); });
        if (!records.length) return;
        var json = JSON.stringify(records.length === 1 ? records[0] : records, null, 2);
        pre.textContent = json;
        download.href = URL.createObjectURL(new Blob([json], { type: "application/json" }));
        if (location && location.indexOf("/articles/") === 0) { openLink.href = location; openLink.hidden = false; }
      })
      .catch(function (err) {
        status.className = "error";
        status.textContent = "The request failed: " + err;
      })
      .then(function () { submit.disabled = false; });
  });
})();
