// Shows the social map's organisations on a map when the village configured a tile server.
// The A–Z list on the same page is the accessible alternative and holds the same entries.
(function () {
  "use strict";
  var section = document.querySelector("[data-map]");
  var el = document.getElementById("kaart");
  var data = document.getElementById("kaart-punten");
  if (!section || !el || !data || typeof L === "undefined") return;
  section.hidden = false;
  var points = JSON.parse(data.textContent);
  var map = L.map(el, { scrollWheelZoom: false }).setView([+el.dataset.lat, +el.dataset.lon], +el.dataset.zoom || 14);
  L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution || "", maxZoom: 19 }).addTo(map);
  var bounds = [];
  points.forEach(function (p) {
    var link = document.createElement("a");
    link.href = p.url;
    link.textContent = p.title;
    L.marker([p.lat, p.lon], { title: p.title, alt: p.title }).addTo(map).bindPopup(link);
    bounds.push([p.lat, p.lon]);
  });
  if (bounds.length > 1) map.fitBounds(bounds, { padding: [24, 24] });
})();
