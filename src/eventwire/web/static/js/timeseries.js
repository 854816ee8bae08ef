// Dyad time series: stacked bars of events by QuadClass, line of mean Goldstein. Events dated
// only to a month or a year are spread over their range and drawn apart, in grey.
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
    type: "bar", label: "spread over a month/year date", data: data.buckets.map((b) => b.spread),
    backgroundColor: "rgba(140, 140, 140, 0.45)", borderColor: "#8c8c8c", borderWidth: 1,
    stack: "events", yAxisID: "y", order: 2, maxBarThickness: 56,
  });
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
        y: {stacked: true, beginAtZero: true, title: {display: true, text: "events"}},
        g: {position: "right", min: -10, max: 10, grid: {drawOnChartArea: false}, title: {display: true, text: "Goldstein"}},
      },
      plugins: {legend: {position: "bottom"}},
    },
  });
  canvas.dataset.ready = "1";
})();
