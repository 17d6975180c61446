// The signal page's count of new signals: a small ETag poll of /signals/new. The page works
// without it; with it, a line says how many signals arrived since the page was loaded.
(function () {
  "use strict";
  var box = document.getElementById("new-signals");
  if (!box || !window.fetch) {
    return;
  }
  var url = box.getAttribute("data-poll");
  var seconds = Math.max(5, parseInt(box.getAttribute("data-seconds"), 10) || 30);
  var etag = null;
  function poll() {
    var headers = etag ? { "If-None-Match": etag } : {};
    fetch(url, { headers: headers, credentials: "same-origin" })
      .then(function (r) {
        if (r.status === 200) {
          etag = r.headers.get("ETag");
          return r.json();
        }
        return null;
      })
      .then(function (body) {
        if (body && typeof body.count === "number") {
          document.getElementById("new-count").textContent = String(body.count);
          box.hidden = body.count === 0;
        }
      })
      .catch(function () { /* the next poll tries again */ })
      .then(function () { window.setTimeout(poll, seconds * 1000); });
  }
  window.setTimeout(poll, seconds * 1000);
})();
