// Filters the A–Z list of the social map as you type. Without JavaScript the full list,
// the category pages and the search page do the same job.
(function () {
  "use strict";
  var form = document.querySelector("[data-filter-form]");
  if (!form) return;
  var input = form.querySelector("[data-filter-input]");
  var status = document.getElementById("filter-status");
  var cards = Array.prototype.slice.call(document.querySelectorAll(".az-group .org-card"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".az-group"));
  form.hidden = false;
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  function fold(s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  var texts = cards.map(function (c) { return fold(c.textContent); });
  input.addEventListener("input", function () {
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    cards.forEach(function (card, i) {
      var hit = words.every(function (w) { return texts[i].indexOf(w) !== -1; });
      card.hidden = !hit;
      if (hit) shown++;
    });
    groups.forEach(function (g) { g.hidden = !g.querySelector(".org-card:not([hidden])"); });
    status.textContent = words.length ? shown + (shown === 1 ? " organisatie gevonden" : " organisaties gevonden") : "";
  });
})();
