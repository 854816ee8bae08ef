// Actor page: events per month, stacked by PLOVER type. The series is embedded in the page as
// JSON (no second request); type names are data and reach the chart only as labels.
"use strict";
(function () {
  const canvas = document.getElementById("actor-series");
  const source = document.getElementById("actor-series-data");
  if (!canvas || !source) return;
  const series = JSON.parse(source.textContent);
  const palette = ["#1f5fa8", "#d94801", "#2ca25f", "#756bb1", "#fd8d3c", "#6baed6", "#c51b8a",
    "#8c6d31", "#636363", "#e6550d", "#31a354", "#3182bd", "#de2d26", "#9e9ac8", "#fdae6b", "#74c476"];
  const datasets = Object.entries(series.types).map(([type, counts], i) => ({
    label: type, data: counts, backgroundColor: palette[i % palette.length], stack: "events", maxBarThickness: 48,
  }));
  new Chart(canvas, {
    type: "bar",
    data: {labels: series.periods.map((p) => p.slice(0, 7)), datasets},
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      interaction: {mode: "index", intersect: false},
      scales: {x: {stacked: true, title: {display: true, text: "month"}},
               y: {stacked: true, beginAtZero: true, ticks: {precision: 0}, title: {display: true, text: "events"}}},
      plugins: {legend: {position: "bottom"}},
    },
  });
  canvas.dataset.ready = "1";
})();
