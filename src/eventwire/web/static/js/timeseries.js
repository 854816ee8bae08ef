// Dyad time series: stacked bars of events by QuadClass, line of mean Goldstein.
"use strict";
(async function () {
  const canvas = document.getElementById("timeseries");
  if (!canvas) return;
  const ew = window.eventwire;
  let data;
  try {
    data = await ew.getJSON(canvas.dataset.api);
  } catch (err) {
    canvas.replaceWith(Object.assign(document.createElement("p"), {textContent: "Could not load the series: " + err.message}));
    return;
  }
  const labels = data.buckets.map((b) => b.period);
  const datasets = [1, 2, 3, 4].map((q) => ({
    type: "bar", label: q + " · " + ew.quadNames[q], data: data.buckets.map((b) => b["q" + q]),
    backgroundColor: ew.quadColours[q], stack: "events", yAxisID: "y", order: 2, maxBarThickness: 56,
  }));
  datasets.push({
    type: "line", label: "mean Goldstein", data: data.buckets.map((b) => b.mean_goldstein),
    borderColor: "#333", backgroundColor: "#333", yAxisID: "g", tension: 0.2, pointRadius: 3, order: 1,
  });
  new Chart(canvas, {
    data: {labels, datasets},
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      interaction: {mode: "index", intersect: false},
      scales: {
        x: {stacked: true, title: {display: true, text: data.interval}},
        y: {stacked: true, beginAtZero: true, title: {display: true, text: "events"}, ticks: {precision: 0}},
        g: {position: "right", min: -10, max: 10, grid: {drawOnChartArea: false}, title: {display: true, text: "Goldstein"}},
      },
      plugins: {legend: {position: "bottom"}},
    },
  });
  canvas.dataset.ready = "1";
})();
