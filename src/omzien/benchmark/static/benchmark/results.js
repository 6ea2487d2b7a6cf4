/* The benchmark results' radar chart and bars (Chart.js). The table on the page holds the
   same figures; the charts are an extra view of it. */
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") return;
  var colours = ["#01689b", "#e17000", "#39870c", "#8b1a5e", "#42145f"];
  var scale = { min: 0, max: 100, ticks: { stepSize: 20 } };
  var trendSource = document.getElementById("benchmark-trend-data");
  var trendCanvas = document.getElementById("benchmark-trend");
  if (trendSource && trendCanvas) {
    var trend = JSON.parse(trendSource.textContent);
    new window.Chart(trendCanvas, {
      type: "line",
      data: {
        labels: trend.labels,
        datasets: trend.series.map(function (serie, index) {
          return {
            label: serie.label,
            data: serie.values,
            borderColor: colours[index % colours.length],
            backgroundColor: colours[index % colours.length],
            pointStyle: ["circle", "rect", "triangle", "rectRot", "star"][index % 5],
            borderWidth: 2,
          };
        }),
      },
      options: { animation: false, scales: { y: scale }, responsive: false },
    });
  }
  var source = document.getElementById("benchmark-chart-data");
  if (!source) return;
  var data = JSON.parse(source.textContent);
  if (!data.series.length) return;
  function datasets(fill) {
    return data.series.map(function (serie, index) {
      var colour = colours[index % colours.length];
      return {
        label: serie.label,
        data: serie.values,
        borderColor: colour,
        backgroundColor: fill ? colour + "33" : colour,
        pointStyle: ["circle", "rect", "triangle", "rectRot", "star"][index % 5],
        borderWidth: 2,
      };
    });
  }
  var radar = document.getElementById("benchmark-radar");
  if (radar) {
    new window.Chart(radar, {
      type: "radar",
      data: { labels: data.labels, datasets: datasets(true) },
      options: { animation: false, scales: { r: scale }, responsive: false },
    });
  }
  var bars = document.getElementById("benchmark-bars");
  if (bars) {
    new window.Chart(bars, {
      type: "bar",
      data: { labels: data.labels, datasets: datasets(false) },
      options: { animation: false, scales: { y: scale }, responsive: false },
    });
  }
})();
