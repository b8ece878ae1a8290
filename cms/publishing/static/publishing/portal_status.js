// Asks the CMS again, every two seconds for at most five minutes, while the portal is
// being updated, and shows the new status in place (announced through role="status").
(function () {
  "use strict";
  var box = document.getElementById("portal-status");
  if (!box || box.dataset.settled === "true") return;
  var rounds = 0;
  function ask() {
    rounds += 1;
    fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) {
        if (!answer) return;
        if (answer.html !== undefined) box.innerHTML = answer.html;
        box.className = "help-block portal-status portal-status--" + answer.state;
        if (!answer.settled && rounds < 150) window.setTimeout(ask, 2000);
      })
      .catch(function () { if (rounds < 150) window.setTimeout(ask, 5000); });
  }
  window.setTimeout(ask, 1500);
})();
