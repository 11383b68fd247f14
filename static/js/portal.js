/* Small behaviours of every page, wired by data attributes: the Content-Security-Policy allows
   no inline script or event handler. */
(function () {
  "use strict";
  // <button data-confirm="..."> or <form data-confirm="...">: ask before going on.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirm]:not(form)");
    if (button && !window.confirm(button.dataset.confirm)) event.preventDefault();
  });
  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-confirm]");
    if (form && !window.confirm(form.dataset.confirm)) event.preventDefault();
  });
  // <select data-autosubmit>: send its form on change.
  document.addEventListener("change", function (event) {
    var field = event.target.closest("[data-autosubmit]");
    if (field && field.form) field.form.submit();
    // <input type=checkbox data-check-all="name">: tick or clear every box of that name.
    var all = event.target.closest("[data-check-all]");
    if (all) {
      document.querySelectorAll('input[name="' + all.dataset.checkAll + '"]').forEach(function (box) {
        box.checked = all.checked;
      });
    }
  });
  // <button data-print>: print the page.
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) window.print();
  });
  // The unread count is fetched after the page loads, so no page pays a query for it.
  var badge = document.querySelector("[data-inbox-unread][data-fetch]");
  if (badge && window.fetch) {
    fetch(badge.getAttribute("data-inbox-unread"), {credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.json() : {unread: 0}; })
      .then(function (data) {
        if (data.unread > 0) { badge.textContent = data.unread; badge.classList.remove("d-none"); }
      });
  }
})();
