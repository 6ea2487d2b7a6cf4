/* The benchmark results' radar chart and bars (Chart.js). The table on the page holds the
   same figures; the charts are an extra view of it. */
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") return;
  var colours = ["#01689b", "#e17000", "#39870c", "#8b1a5e", "#42145f"];
  var scale = { min: 0, max: 100, ticks: { stepSize: 20 } };
  // Labels as large as the page's small text, in a dark grey that reads well.
  window.Chart.defaults.font.size = 14;
  window.Chart.defaults.color = "#333";
  // A canvas wider than its column is drawn smaller (keeping its proportions) instead of being
  // shrunk by the browser afterwards, which would shrink the labels with it (on a phone).
  function fit(canvas) {
    var room = canvas.parentNode.clientWidth;
    if (room && canvas.width > room) {
      canvas.height = Math.round((canvas.height * room) / canvas.width);
      canvas.width = room;
    }
    return canvas;
  }
  var trendSource = document.getElementById("benchmark-trend-data");
  var trendCanvas = document.getElementById("benchmark-trend");
  if (trendSource && trendCanvas) {
    var trend = JSON.parse(trendSource.textContent);
    new window.Chart(fit(trendCanvas), {
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
  // A pillar's name on short lines, so that the radar keeps room for itself and the bars'
  // labels need not be turned.
  function lines(label) {
    return label.split(" ").reduce(function (out, word) {
      var last = out[out.length - 1];
      if (last && (last + " " + word).length <= 14) out[out.length - 1] = last + " " + word;
      else out.push(word);
      return out;
    }, []);
  }
  var radar = document.getElementById("benchmark-radar");
  if (radar) {
    new window.Chart(fit(radar), {
      type: "radar",
      data: { labels: data.labels.map(lines), datasets: datasets(true) },
      options: {
        animation: false,
        scales: { r: Object.assign({ pointLabels: { font: { size: 13 } } }, scale) },
        responsive: false,
      },
    });
  }
  var bars = document.getElementById("benchmark-bars");
  if (bars) {
    // On a narrow screen the bars lie down, so that the pillars' names read from left to right.
    var narrow = fit(bars).width < 480;
    if (narrow) bars.height = Math.max(bars.height, 360); // room for every pillar's name
    new window.Chart(bars, {
      type: "bar",
      data: { labels: data.labels.map(lines), datasets: datasets(false) },
      options: {
        animation: false,
        indexAxis: narrow ? "y" : "x",
        scales: narrow ? { x: scale, y: { ticks: { autoSkip: false } } } : { y: scale },
        responsive: false,
      },
    });
  }
})();
