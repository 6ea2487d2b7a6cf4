/* The risk map of a municipality (issue 10, item 5): a choropleth of its districts with a
   chooser of indicator, a legend with class breaks and a label on hover and keyboard focus;
   and the sortable table beside it. The table holds every figure: without JavaScript it is a
   plain table and the chooser a form. No background tiles, so the map asks nothing of anyone
   but this site. Colours: ColorBrewer YlGnBu (sequential, safe for colour-blind readers);
   unknown districts hatched grey, counts under 5 plain grey. */
(function () {
  "use strict";

  var PALETTE = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"];
  var SUPPRESSED = "#bdbdbd";
  var BORDER = "#1a1a1a";

  function colours(n) { return PALETTE.slice(PALETTE.length - n); }

  function classOf(value, breaks) {
    for (var i = 0; i < breaks.length; i++) { if (value <= breaks[i]) { return i; } }
    return breaks.length - 1;
  }

  /* A class bound written as the table writes its cells (decimal comma, thousands dot). */
  function number(value, indicator) {
    var places = indicator.decimals;
    return value.toLocaleString("nl-NL", {
      minimumFractionDigits: places, maximumFractionDigits: places
    }) + indicator.suffix;
  }

  function RiskMap(box, data) {
    this.box = box;
    this.data = data;
    this.label = box.querySelector(".riskmap-label");
    this.legend = box.querySelector(".riskmap-legend");
    this.layers = {};
    this.key = null;
  }

  RiskMap.prototype.indicator = function () {
    var key = this.key;
    return this.data.indicators.filter(function (i) { return i.key === key; })[0];
  };

  RiskMap.prototype.style = function (code) {
    var entry = this.data.districts[code];
    var cell = entry ? entry.values[this.key] : null;
    var base = { color: BORDER, weight: 1, fillOpacity: 1, className: "riskmap-district" };
    if (!cell || cell[2]) { base.fillColor = SUPPRESSED; return [base, cell ? "suppressed" : "unknown"]; }
    if (cell[0] === null) { base.fillColor = "#ffffff"; return [base, "unknown"]; }
    var breaks = this.indicator().breaks;
    base.fillColor = colours(breaks.length)[classOf(cell[0], breaks)];
    return [base, "known"];
  };

  RiskMap.prototype.text = function (code) {
    var entry = this.data.districts[code];
    var cell = entry ? entry.values[this.key] : null;
    return (entry ? entry.name : code) + ": " + (cell ? cell[1] : this.data.unknown);
  };

  RiskMap.prototype.show = function (key) {
    this.key = key;
    var self = this;
    Object.keys(this.layers).forEach(function (code) {
      var layer = self.layers[code];
      var styled = self.style(code);
      layer.setStyle(styled[0]);
      var path = layer.getElement();
      if (path) {
        path.classList.toggle("riskmap-unknown", styled[1] === "unknown");
        path.setAttribute("aria-label", self.text(code) + " (" + self.indicator().label + ")");
      }
    });
    this.drawLegend();
  };

  RiskMap.prototype.drawLegend = function () {
    var indicator = this.indicator();
    var box = this.box;
    this.legend.querySelector(".riskmap-legend__title").textContent = indicator.label;
    var list = this.legend.querySelector(".riskmap-legend__list");
    list.textContent = "";
    var palette = colours(indicator.breaks.length);
    var lower = null;
    indicator.breaks.forEach(function (bound, i) {
      var words = lower === null ? box.dataset.upTo + " " + number(bound, indicator)
        : box.dataset.from + " " + number(lower, indicator) + " " + box.dataset.upTo + " " +
          number(bound, indicator);
      list.appendChild(legendItem(palette[i], "", words));
      lower = bound;
    });
    var codes = Object.keys(this.data.districts);
    var key = this.key;
    var cells = codes.map(function (c) { return this.data.districts[c].values[key]; }, this);
    if (cells.some(function (c) { return c[2]; })) {
      list.appendChild(legendItem(SUPPRESSED, "", box.dataset.suppressed));
    }
    if (cells.some(function (c) { return c[0] === null && !c[2]; })) {
      list.appendChild(legendItem("#ffffff", "riskmap-legend__swatch--unknown", box.dataset.unknown));
    }
  };

  function legendItem(colour, extra, words) {
    var item = document.createElement("li");
    var swatch = document.createElement("span");
    swatch.className = "riskmap-legend__swatch " + extra;
    swatch.style.backgroundColor = colour;
    swatch.setAttribute("aria-hidden", "true");
    item.appendChild(swatch);
    item.appendChild(document.createTextNode(words));
    return item;
  }

  /* on: pointed at (hover or focus). Only a hover brings the shape to the front: moving a
     focused element in the DOM would take the keyboard focus away from it. */
  RiskMap.prototype.point = function (code, layer, on, hover) {
    layer.setStyle({ weight: on ? 4 : 1 });
    if (on) {
      if (hover) { layer.bringToFront(); }
      this.label.textContent = this.text(code);
    }
    var row = document.querySelector('.riskmap-table tr[data-code="' + code + '"]');
    if (row) { row.classList.toggle("riskmap-row--current", on); }
  };

  RiskMap.prototype.connect = function (code, layer) {
    var self = this;
    var path = layer.getElement();
    var entry = this.data.districts[code];
    layer.on("mouseover", function () { self.point(code, layer, true, true); });
    layer.on("mouseout", function () { self.point(code, layer, false, true); });
    layer.on("click", function () { if (entry && entry.url) { window.location.href = entry.url; } });
    if (!path) { return; }
    path.setAttribute("tabindex", "0");
    path.setAttribute("role", "img");
    path.dataset.code = code;
    path.addEventListener("focus", function () { self.point(code, layer, true); });
    path.addEventListener("blur", function () { self.point(code, layer, false); });
    path.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && entry && entry.url) { window.location.href = entry.url; }
    });
  };

  function addHatch(canvas) {
    var svg = canvas.querySelector("svg");
    if (!svg || svg.querySelector("#riskmap-hatch")) { return; }
    var ns = "http://www.w3.org/2000/svg";
    var defs = document.createElementNS(ns, "defs");
    var pattern = document.createElementNS(ns, "pattern");
    pattern.setAttribute("id", "riskmap-hatch");
    pattern.setAttribute("patternUnits", "userSpaceOnUse");
    pattern.setAttribute("width", "8");
    pattern.setAttribute("height", "8");
    pattern.setAttribute("patternTransform", "rotate(45)");
    var back = document.createElementNS(ns, "rect");
    back.setAttribute("width", "8");
    back.setAttribute("height", "8");
    back.setAttribute("fill", "#f0f0f0");
    var line = document.createElementNS(ns, "line");
    line.setAttribute("x1", "0");
    line.setAttribute("y1", "0");
    line.setAttribute("x2", "0");
    line.setAttribute("y2", "8");
    line.setAttribute("stroke", "#595959");
    line.setAttribute("stroke-width", "3");
    pattern.appendChild(back);
    pattern.appendChild(line);
    defs.appendChild(pattern);
    svg.insertBefore(defs, svg.firstChild);
  }

  RiskMap.prototype.draw = function (key) {
    var box = this.box;
    var self = this;
    var canvas = box.querySelector(".riskmap-map__canvas");
    var map = window.L.map(canvas, { zoomSnap: 0.25, scrollWheelZoom: false, zoomControl: false });
    window.L.control.zoom({ zoomInTitle: box.dataset.zoomIn, zoomOutTitle: box.dataset.zoomOut }).addTo(map);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(box.dataset.attribution);
    fetch(box.dataset.boundaries, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (geojson) {
        var shapes = window.L.geoJSON(geojson, {
          onEachFeature: function (feature, layer) { self.layers[feature.properties.code] = layer; }
        }).addTo(map);
        map.fitBounds(shapes.getBounds(), { padding: [8, 8] });
        addHatch(canvas);
        Object.keys(self.layers).forEach(function (code) { self.connect(code, self.layers[code]); });
        self.show(key);
        box.dataset.ready = "true";
      });
  };

  function initMap() {
    var box = document.getElementById("riskmap-map");
    var source = document.getElementById("riskmap-data");
    if (!box || !source) { return; }
    var data = JSON.parse(source.textContent);
    var chooser = document.querySelector(".riskmap-chooser");
    box.hidden = false;
    chooser.hidden = false;
    document.querySelectorAll(".riskmap-nojs").forEach(function (el) { el.hidden = true; });
    var checked = chooser.querySelector("input:checked");
    var riskMap = new RiskMap(box, data);
    riskMap.key = checked ? checked.value : data.indicators[0].key;
    riskMap.drawLegend();
    riskMap.draw(riskMap.key);
    chooser.addEventListener("change", function (event) {
      if (event.target.name !== "indicator") { return; }
      var url = new URL(window.location.href);
      url.searchParams.set("indicator", event.target.value);
      window.history.replaceState(null, "", url);
      if (Object.keys(riskMap.layers).length) { riskMap.show(event.target.value); }
      else { riskMap.key = event.target.value; riskMap.drawLegend(); }
    });
    chooser.addEventListener("submit", function (event) { event.preventDefault(); });
  }

  /* Sortable table: a button in every column header; aria-sort on the sorted column.
     Unknown and suppressed cells (no data-sort) go last whichever way. */
  function sortBy(table, index, numeric, ascending) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[index].dataset.sort;
      var y = b.cells[index].dataset.sort;
      if (x === undefined || y === undefined) {
        return (x === undefined) - (y === undefined);
      }
      var order = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y, "nl");
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function initTable(table) {
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "riskmap-sort";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        sortBy(table, index, th.hasAttribute("data-numeric"), ascending);
      });
    });
    if (headers[0]) { headers[0].setAttribute("aria-sort", "ascending"); }
  }

  function init() {
    document.querySelectorAll("table[data-sortable]").forEach(initTable);
    initMap();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
