// The annual report page: live preview of figure placeholders, and the job's progress bar.
(function () {
  const figuresScript = document.getElementById("report-figures");
  const figures = figuresScript ? JSON.parse(figuresScript.textContent) : {};
  const format = (value) => {
    const number = Number(value);
    return Number.isFinite(number) ? number.toLocaleString(document.documentElement.lang) : value;
  };
  const fill = (text) =>
    text.replace(/\{([a-z_]+)\}/g, (match, code) => (code in figures ? format(figures[code]) : match));

  let lastField = null;
  document.querySelectorAll("textarea.figure-text").forEach((field) => {
    const preview = document.querySelector(`[data-preview-for="${field.id}"]`);
    const update = () => {
      if (!preview) return;
      preview.textContent = fill(field.value);
      preview.hidden = !field.value.trim();
      preview.style.whiteSpace = "pre-line";
    };
    field.addEventListener("input", update);
    field.addEventListener("focus", () => (lastField = field));
    update();
  });

  document.querySelectorAll(".insert-figure").forEach((button) => {
    button.addEventListener("click", () => {
      const field = lastField || document.querySelector("textarea.figure-text");
      if (!field) return;
      const token = `{${button.dataset.code}}`;
      const start = field.selectionStart ?? field.value.length;
      const end = field.selectionEnd ?? field.value.length;
      field.value = field.value.slice(0, start) + token + field.value.slice(end);
      field.focus();
      field.selectionStart = field.selectionEnd = start + token.length;
      field.dispatchEvent(new Event("input"));
    });
  });

  const progress = document.getElementById("job-progress");
  if (progress) {
    const bar = progress.querySelector(".progress-bar");
    const poll = async () => {
      try {
        const response = await fetch(progress.dataset.url, {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        });
        if (response.ok) {
          const job = await response.json();
          bar.style.width = `${job.progress}%`;
          progress.querySelector(".job-percent").textContent = `${job.progress}%`;
          progress.querySelector("[role=progressbar]").setAttribute("aria-valuenow", job.progress);
          if (job.status === "running") {
            progress.querySelector(".job-status").textContent = progress.dataset.runningLabel;
          }
          if (job.status === "done" || job.status === "failed") {
            window.location.reload();
            return;
          }
        }
      } catch (error) {
        // The network hiccuped: try again on the next tick.
      }
      window.setTimeout(poll, 1500);
    };
    window.setTimeout(poll, 1000);
  }
})();
