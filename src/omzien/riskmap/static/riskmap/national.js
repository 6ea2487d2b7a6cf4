/* The programme team's national risk map (issue 10): every municipality coloured by the
   chosen indicator. No background tiles: the only request is for the municipality borders
   on this site. The table below the map has the same figures and works without this
   script; the chooser then reloads the page. docs/riskmap.md, "The national map". */
(function () {
  "use strict";

  var COLOURS = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"];
  var FEW = "#ffffff";
  var UNKNOWN = "#bdbdbd";

  function classOf(value, breaks) {
    for (var i = 0; i < breaks.length; i++) {
      if (value <= breaks[i]) { return i; }
    }
    return breaks.length - 1;
  }

  function colourOf(figure, breaks) {
    if (!figure) { return UNKNOWN; }
    if (figure[0] === null) { return figure[1] === "<5" ? FEW : UNKNOWN; }
    var offset = COLOURS.length - breaks.length;
    return COLOURS[offset + classOf(figure[0], breaks)];
  }

  function number(value) {
    return String(Math.round(value * 100) / 100).replace(".", ",");
  }

  function swatch(colour, text, extra) {
    var item = document.createElement("li");
    var box = document.createElement("span");
    box.className = "omzien-national-map__swatch" + (extra ? " " + extra : "");
    box.style.backgroundColor = colour;
    box.setAttribute("aria-hidden", "true");
    item.appendChild(box);
    item.appendChild(document.createTextNode(text));
    return item;
  }

  function drawLegend(box, indicator) {
    var legend = box.querySelector(".omzien-national-map__legend");
    legend.textContent = "";
    var title = document.createElement("p");
    title.className = "omzien-national-map__legend-title";
    title.textContent = box.dataset.legendTitle + ": " + indicator.label;
    legend.appendChild(title);
    var list = document.createElement("ul");
    var offset = COLOURS.length - indicator.breaks.length;
    var lower = null;
    indicator.breaks.forEach(function (bound, i) {
      var text = (lower === null ? "" : box.dataset.above + " " + number(lower) + " ") + box.dataset.upTo + " " + number(bound);
      list.appendChild(swatch(COLOURS[offset + i], text));
      lower = bound;
    });
    if (indicator.few) { list.appendChild(swatch(FEW, box.dataset.few)); }
    list.appendChild(swatch(UNKNOWN, box.dataset.unknown, "omzien-national-map__swatch--unknown"));
    legend.appendChild(list);
  }

  function draw(box, data, select) {
    var canvas = box.querySelector(".omzien-national-map__canvas");
    var label = box.querySelector(".omzien-national-map__label");
    var map = window.L.map(canvas, { zoomSnap: 0.25, scrollWheelZoom: false, zoomControl: false });
    window.L.control.zoom({ zoomInTitle: box.dataset.zoomIn, zoomOutTitle: box.dataset.zoomOut }).addTo(map);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(box.dataset.attribution);
    map.setView([52.2, 5.3], 7);
    var current = data[select.value] || data[Object.keys(data)[0]];
    var layer = null;

    function text(feature) {
      var figure = current.figures[feature.properties.code];
      return feature.properties.name + ": " + (figure ? figure[1] : box.dataset.unknown);
    }
    function style(feature) {
      var colour = colourOf(current.figures[feature.properties.code], current.breaks);
      return { color: "#4d4d4d", weight: 0.6, fillColor: colour, fillOpacity: 0.9,
               dashArray: colour === UNKNOWN ? "2 2" : null };
    }
    function show(feature, layerOf) {
      label.textContent = text(feature);
      layerOf.setTooltipContent(text(feature));
      layerOf.openTooltip();
    }
    function refresh() {
      current = data[select.value] || current;
      drawLegend(box, current);
      if (!layer) { return; }
      layer.setStyle(style);
      layer.eachLayer(function (l) {
        var el = l.getElement();
        if (el) { el.setAttribute("aria-label", text(l.feature)); }
      });
    }

    fetch(box.dataset.boundaries, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (geojson) {
        layer = window.L.geoJSON(geojson, {
          style: style,
          onEachFeature: function (feature, l) {
            l.bindTooltip(text(feature), { sticky: true });
            l.on("mouseover", function () { show(feature, l); });
            l.on("add", function () {
              var el = l.getElement();
              if (!el) { return; }
              el.setAttribute("tabindex", "0");
              el.setAttribute("role", "img");
              el.setAttribute("aria-label", text(feature));
              el.addEventListener("focus", function () { show(feature, l); });
              el.addEventListener("blur", function () { l.closeTooltip(); });
            });
          }
        }).addTo(map);
        map.fitBounds(layer.getBounds());
        refresh();
      });
    select.addEventListener("change", refresh);
    drawLegend(box, current);
  }

  function init() {
    var box = document.getElementById("national-map");
    var source = document.getElementById("national-figures");
    var select = document.getElementById("indicator");
    if (!box || !source || !select) { return; }
    var data = JSON.parse(source.textContent);
    // With the script the map follows the chooser at once; the button only reloads the table.
    draw(box, data, select);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
