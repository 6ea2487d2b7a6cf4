/* The finder's map (issue 9): the activities of the list's current page as points on the
   municipality's district borders. No background tiles, so the map makes no request to
   anyone but this site (docs/finder.md). Leaflet is loaded only when the map is opened, so a
   phone that never opens it never downloads it. The list above is the full answer; the map
   only adds a picture of it. */
(function () {
  "use strict";

  function loadOnce(box, done) {
    if (window.L) { done(); return; }
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = box.dataset.leafletCss;
    document.head.appendChild(css);
    var script = document.createElement("script");
    script.src = box.dataset.leafletJs;
    script.onload = done;
    document.head.appendChild(script);
  }

  function pointLayer(points) {
    var layer = window.L.featureGroup();
    points.forEach(function (p) {
      var marker = window.L.circleMarker([p.lat, p.lon], {
        radius: 9, weight: 2, color: "#0b2a4a", fillColor: "#154273", fillOpacity: 0.85,
        className: "omzien-finder-map__point"
      });
      var link = document.createElement("a");
      link.href = p.url;
      link.textContent = p.name;
      marker.bindPopup(link);
      marker.bindTooltip(p.name);
      layer.addLayer(marker);
    });
    return layer;
  }

  function draw(box) {
    var canvas = box.querySelector(".omzien-finder-map__canvas");
    var data = document.getElementById("finder-points");
    var points = data ? JSON.parse(data.textContent) : [];
    var map = window.L.map(canvas, { zoomSnap: 0.25, scrollWheelZoom: false, zoomControl: false });
    // Leaflet's own words are English: the buttons and the popup's close button in Dutch.
    window.L.control.zoom({
      zoomInTitle: box.dataset.zoomIn || "Inzoomen",
      zoomOutTitle: box.dataset.zoomOut || "Uitzoomen"
    }).addTo(map);
    map.on("popupopen", function (e) {
      var close = e.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) { close.setAttribute("aria-label", box.dataset.close || "Sluiten"); }
    });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(box.dataset.attribution);
    var dots = pointLayer(points).addTo(map);
    fetch(box.dataset.districts, { credentials: "omit" })
      .then(function (r) { return r.json(); })
      .then(function (geojson) {
        var borders = window.L.geoJSON(geojson, {
          style: { color: "#767676", weight: 1, fillColor: "#ffffff", fillOpacity: 1 },
          onEachFeature: function (f, layer) { layer.bindTooltip(f.properties.name); }
        }).addTo(map);
        borders.bringToBack();
        var bounds = points.length ? dots.getBounds() : borders.getBounds();
        if (bounds.isValid()) { map.fitBounds(bounds, { padding: [24, 24], maxZoom: 14 }); }
      })
      .catch(function () {
        if (points.length) { map.fitBounds(dots.getBounds(), { padding: [24, 24], maxZoom: 14 }); }
      });
  }

  function init() {
    var box = document.getElementById("finder-map");
    if (!box) { return; }
    var drawn = false;
    box.addEventListener("toggle", function () {
      if (!box.open || drawn) { return; }
      drawn = true;
      loadOnce(box, function () { draw(box); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
