// The preview's waiting page. Instead of reloading itself every second (a screen reader
// would read the page out again each time, WCAG failure F41), it asks in the background
// whether the preview is ready and goes there once, when it is. Without JavaScript the
// page's <noscript> meta refresh does the asking.
(function () {
  "use strict";
  var next = document.body.getAttribute("data-next");
  var seconds = Number(document.body.getAttribute("data-seconds")) || 1;
  if (!next || !window.fetch) {
    return;
  }
  function later(factor) {
    window.setTimeout(ask, seconds * 1000 * factor);
  }
  function ask() {
    fetch(next, { credentials: "same-origin", redirect: "manual" }).then(function (response) {
      if (response.type === "opaqueredirect") {
        window.location.replace(next); // built: the address answers with the preview
        return null;
      }
      return response.text().then(function (text) {
        if (response.ok && text.indexOf("data-next=") !== -1) {
          later(1); // still being made
        } else {
          window.location.replace(next); // an answer to show: problems, too long, failed
        }
      });
    }).catch(function () {
      later(3); // the CMS did not answer: ask again, less often
    });
  }
  later(1);
})();
