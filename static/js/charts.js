// Draws a bar chart into every <canvas> that has a matching "<id>-data" JSON script.
document.querySelectorAll("canvas[id]").forEach((canvas) => {
  const source = document.getElementById(canvas.id + "-data");
  if (!source || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  new Chart(canvas, {
    type: "bar",
    data: { labels: data.labels, datasets: [{ data: data.values, backgroundColor: "#0b5d7a" }] },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
});
