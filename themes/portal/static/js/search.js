// The search page: reads ?q=, searches the village's documents as you type and lists ranked
// links in #search-results. Everything entered by editors is inserted as text, never as HTML.
(function () {
  "use strict";
  var form = document.querySelector("[data-search-form]");
  var input = document.getElementById("zoekterm");
  var list = document.getElementById("search-results");
  var status = document.querySelector("[data-search-status]");
  var fallback = document.querySelector("[data-search-fallback]");
  if (!form || !input || !list) return;
  var docs = null;
  var KIND = { organisatie: "Organisatie", activiteit: "Activiteit", verhaal: "Verhaal" };

  function fold(s) { return (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  function words(s) { return fold(s).split(/[^a-z0-9]+/).filter(function (w) { return w.length > 1; }); }

  function prepare(raw) {
    return raw.map(function (d) {
      return { d: d, title: words(d.t), meta: words((d.c || []).join(" ") + " " + d.s), body: words(d.w) };
    });
  }
  function hits(tokens, term) {
    var n = 0;
    for (var i = 0; i < tokens.length; i++) if (tokens[i].indexOf(term) === 0) n++;
    return n;
  }
  function rank(query) {
    var terms = words(query);
    if (!terms.length) return [];
    var out = [];
    docs.forEach(function (x) {
      var score = 0;
      for (var i = 0; i < terms.length; i++) {
        var t = terms[i];
        var s = 6 * hits(x.title, t) + 3 * hits(x.meta, t) + Math.min(3, hits(x.body, t));
        if (!s) return; // every word must be found somewhere
        score += s;
      }
      out.push([score, x.d]);
    });
    out.sort(function (a, b) { return b[0] - a[0] || a[1].t.localeCompare(b[1].t, "nl"); });
    return out.slice(0, 50).map(function (p) { return p[1]; });
  }
  function show(query) {
    list.textContent = "";
    if (!query.trim()) { status.textContent = ""; if (fallback) fallback.hidden = false; return; }
    var results = rank(query);
    if (fallback) fallback.hidden = results.length > 0;
    results.forEach(function (d) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = d.u; a.textContent = d.t;
      var kind = document.createElement("span");
      kind.className = "kind"; kind.textContent = " — " + (KIND[d.k] || d.k);
      li.appendChild(a); li.appendChild(kind);
      if (d.s) { var p = document.createElement("p"); p.textContent = d.s; li.appendChild(p); }
      list.appendChild(li);
    });
    status.textContent = results.length === 0 ? "Niets gevonden voor \u201c" + query + "\u201d."
      : results.length + (results.length === 1 ? " resultaat" : " resultaten") + " voor \u201c" + query + "\u201d.";
  }
  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  fetch("documenten.json").then(function (r) { return r.json(); }).then(function (raw) {
    docs = prepare(raw);
    show(input.value);
  });
  input.addEventListener("input", function () {
    if (!docs) return;
    show(input.value);
    history.replaceState(null, "", input.value ? "?q=" + encodeURIComponent(input.value) : "./");
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); if (docs) show(input.value); });
})();
