/* A small formatting toolbar for textareas marked data-richtext: each button wraps the
   selected text in an HTML tag. The server keeps only safe tags (nh3), so nothing here
   needs to be trusted. */
(function () {
  "use strict";
  var BUTTONS = [
    ["bi-paragraph", "p", "<p>", "</p>"],
    ["bi-type-bold", "b", "<strong>", "</strong>"],
    ["bi-type-italic", "i", "<em>", "</em>"],
    ["bi-type-h2", "h2", "<h2>", "</h2>"],
    ["bi-list-ul", "ul", "<ul>\n<li>", "</li>\n</ul>"],
    ["bi-list-ol", "ol", "<ol>\n<li>", "</li>\n</ol>"],
    ["bi-link-45deg", "a", null, "</a>"]
  ];

  function wrap(area, before, after) {
    var start = area.selectionStart, end = area.selectionEnd, text = area.value;
    var inner = text.slice(start, end);
    area.value = text.slice(0, start) + before + inner + after + text.slice(end);
    area.focus();
    area.selectionStart = start + before.length;
    area.selectionEnd = start + before.length + inner.length;
  }

  document.querySelectorAll("textarea[data-richtext]").forEach(function (area) {
    var bar = document.createElement("div");
    bar.className = "btn-group btn-group-sm mb-1 flex-wrap";
    bar.setAttribute("role", "toolbar");
    BUTTONS.forEach(function (b) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-outline-secondary";
      button.title = b[1];
      button.innerHTML = '<i class="bi ' + b[0] + '"></i>';
      button.addEventListener("click", function () {
        var before = b[2];
        if (before === null) {
          var url = window.prompt(area.getAttribute("data-link-prompt") || "URL", "https://");
          if (!url) return;
          before = '<a href="' + url.replace(/"/g, "&quot;") + '">';
        }
        wrap(area, before, b[3]);
      });
      bar.appendChild(button);
    });
    area.parentNode.insertBefore(bar, area);
  });
})();
