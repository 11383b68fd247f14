// The navbar's unread count, fetched after the page loads so no page pays a query for it.
// A session that has expired answers with the login page, not JSON: the badge stays hidden.
(function () {
  var badge = document.querySelector("[data-inbox-unread]");
  if (!badge || !window.fetch) return;
  fetch(badge.getAttribute("data-inbox-unread"), { credentials: "same-origin" })
    .then(function (r) {
      var json = (r.headers.get("content-type") || "").indexOf("application/json") === 0;
      return r.ok && json ? r.json() : { unread: 0 };
    })
    .then(function (data) {
      if (data.unread > 0) {
        badge.textContent = data.unread;
        badge.classList.remove("d-none");
      }
    })
    .catch(function () {});
})();
