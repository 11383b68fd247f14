// Multi-year trend lines: <canvas data-trend="X"> with a json_script X holding
// {"labels": [...], "live": [false, ..., true], "datasets": [{"label": ..., "data": [...]}]}.
// Years read from their snapshot are drawn solid; the live, not yet frozen year dashed
// with a hollow point. A dataset with "yAxisID": "y1" is drawn against its own right-hand axis
// (titled by data.axes), so hundreds of applicants do not flatten the small series.
(function () {
  const scales = (data) => {
    const axes = data.axes || {};
    const axis = (id) => ({
      beginAtZero: true,
      ticks: { precision: 0 },
      title: { display: Boolean(axes[id]), text: axes[id] || "" },
    });
    const result = { y: axis("y") };
    if (data.datasets.some((set) => set.yAxisID === "y1")) {
      result.y1 = { ...axis("y1"), position: "right", grid: { drawOnChartArea: false } };
    }
    return result;
  };
  const colours = ["#0b5d7a", "#198754", "#0d6efd", "#ffc107", "#6f42c1", "#dc3545"];
  document.querySelectorAll("canvas[data-trend]").forEach((canvas) => {
    const source = document.getElementById(canvas.dataset.trend);
    if (!source || typeof Chart === "undefined") return;
    const data = JSON.parse(source.textContent);
    const live = (index) => Boolean(data.live[index]);
    new Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: data.datasets.map((set, index) => {
          const colour = colours[index % colours.length];
          return {
            ...set,
            borderColor: colour,
            backgroundColor: colour,
            tension: 0.2,
            pointRadius: (ctx) => (live(ctx.dataIndex) ? 5 : 3),
            pointBackgroundColor: (ctx) => (live(ctx.dataIndex) ? "#fff" : colour),
            segment: { borderDash: (ctx) => (live(ctx.p1DataIndex) ? [6, 4] : undefined) },
          };
        }),
      },
      options: {
        maintainAspectRatio: false, // the canvas fills its container's fixed height
        plugins: { legend: { position: "bottom" } },
        scales: scales(data),
      },
    });
  });
})();
