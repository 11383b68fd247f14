// Stacked bar charts: <canvas data-stacked="X"> with a json_script X holding
// {"labels": [...], "datasets": [{"label": ..., "data": [...]}, ...]}.
(function () {
  const colours = ["#adb5bd", "#ffc107", "#0d6efd", "#0b5d7a", "#198754", "#dc3545", "#6f42c1"];
  document.querySelectorAll("canvas[data-stacked]").forEach((canvas) => {
    const source = document.getElementById(canvas.dataset.stacked);
    if (!source || typeof Chart === "undefined") return;
    const data = JSON.parse(source.textContent);
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.datasets.map((set, index) => ({
          ...set,
          backgroundColor: colours[index % colours.length],
        })),
      },
      options: {
        indexAxis: "y",
        plugins: { legend: { position: "bottom" } },
        scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } },
      },
    });
  });
})();
