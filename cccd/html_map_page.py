"""The one-file map's own style and script (cccd.html_map puts them in the page).

The script reads the page's JSON (id "cccd-data") and draws with Leaflet alone, no basemap:
communes as SVG paths (tooltip on hover, none on a touch screen; details on click), district
lines above them in a pane the pointer passes through (thin at a country's zoom), ✓ marks on
communes at target. The district select fits the map to the district and dims the rest (✓ marks
from zoom 9 in: at a country's zoom they would hide the colours); the measure radios recolour
and swap the legend and the table.
Names are set with textContent only. `window.cccdMap` is the Leaflet map (for tests).
"""

PAGE_STYLE = """
*{box-sizing:border-box}
body{margin:0;padding:12px 16px;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,
 "Noto Sans",Arial,sans-serif;color:#111;background:#fff}
h1{font-size:1.6rem;margin:0 0 4px;line-height:1.2}
h2{font-size:1.25rem;margin:18px 0 8px}
.when{margin:0 0 6px;font-size:1.05rem;color:#333}
.note{margin:2px 0;color:#8a3b00;font-style:italic;font-size:.95rem}
.figures{display:flex;flex-wrap:wrap;gap:8px 28px;margin:8px 0}
.figure strong{display:block;font-size:1.6rem;line-height:1.1}
.figure span{font-size:.9rem;color:#333}
.controls{display:flex;flex-wrap:wrap;gap:8px 24px;align-items:center;margin:8px 0}
.controls select{font-size:1rem;padding:4px 6px;margin-left:6px;max-width:100%}
.controls fieldset{border:0;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:4px 16px}
.controls legend{float:left;font-weight:600;margin-right:10px}
.controls label{cursor:pointer}
.layout{display:flex;gap:16px;align-items:flex-start}
#map{flex:1 1 auto;height:calc(100vh - 230px);min-height:420px;background:#f4f6f8;
 border:1px solid #ccc}
aside{flex:0 0 320px;max-width:320px}
#details{border:1px solid #ccc;border-radius:6px;padding:8px 10px;margin-bottom:12px}
#details h3{margin:0 0 4px;font-size:1.15rem}
#details p{margin:2px 0}
#details .hint{color:#555}
.cccd-tip div{font-size:15px}
.cccd-tip .name{font-weight:700}
.at-target-mark{width:18px;height:18px;border-radius:9px;background:#fff;
 border:2px solid #e66100;color:#e66100;font:bold 13px/14px sans-serif;text-align:center}
footer{margin-top:16px;color:#666;font-size:.85rem}
.leaflet-interactive:focus:not(:focus-visible){outline:none}
[hidden]{display:none!important}
@media (max-width:800px){
 body{padding:8px 10px}
 h1{font-size:1.3rem}
 .layout{display:block}
 #map{height:60vh;min-height:300px}
 aside{max-width:none;margin-top:10px}
 .controls label.district{width:100%}
 .controls select{width:100%;margin:4px 0 0}
 .note{font-size:.85rem}
 .figures{gap:4px 20px}
 .figure strong{font-size:1.3rem}
}
"""

# The communes' rings as cccd.html_map writes them (integers of 1/scale degree, each point a
# difference from the one before) back to Leaflet's [lat, lng]; `scale` is in the caller's scope.
# The one-file map and presenter mode's tour (cccd.tour_page_script) both decode with it.
RINGS_SCRIPT = """
  function ring(flat) {
    var out = [], x = 0, y = 0;
    for (var i = 0; i < flat.length; i += 2) {
      x += flat[i]; y += flat[i + 1];
      out.push([y / scale, x / scale]);
    }
    return out;
  }
  function polygons(g) {
    return g.map(function (rings) { return rings.map(ring); });
  }
"""

PAGE_SCRIPT = (
    r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("cccd-data").textContent);
  var scale = data.scale, metric = 0, focus = "";
  var map = L.map("map", {zoomSnap: 0.25, attributionControl: false});
  window.cccdMap = map;
  map.createPane("district-lines").style.zIndex = 450;
  map.getPane("district-lines").style.pointerEvents = "none";

"""
    + RINGS_SCRIPT
    + r"""  function styleOf(c) {
    var base = c.k[metric] ? data.done_style : data.style;
    var style = Object.assign({}, base, {fillColor: data.colours[c.cl[metric]]});
    if (focus && c.d !== focus) {
      style.fillOpacity = 0.15; style.opacity = 0.25;
    }
    return style;
  }
  function line(tag, className, text) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    el.textContent = text;
    return el;
  }
  var names = {};
  data.districts.forEach(function (d) { names[d.c] = d.n; });
  function figures(c, box) {
    data.labels.forEach(function (label, i) {
      var value = i < c.f.length ? c.f[i] : data.last_report;
      box.appendChild(line("div", "", label + ": " + value));
    });
  }
  function tooltip(c) {
    var box = document.createElement("div");
    box.appendChild(line("div", "name", c.n));
    box.appendChild(line("div", "", names[c.d] || ""));
    figures(c, box);
    return box;
  }
  function details(c) {
    var box = document.getElementById("details");
    box.textContent = "";
    box.appendChild(line("h3", "", c.n));
    box.appendChild(line("p", "", names[c.d] || ""));
    figures(c, box);
    box.appendChild(line("p", "status", data.at_target[c.k[metric]]));
  }

  var layers = [], all = L.latLngBounds([]);
  // A touch screen has no hover: a tap's tooltip stuck at the map's edge, cut; the details
  // box under the map says the same.
  var hover = !window.matchMedia("(hover: none)").matches;
  data.communes.forEach(function (c) {
    var layer = L.polygon(polygons(c.g), styleOf(c));
    if (hover) {
      layer.bindTooltip(function () { return tooltip(c); },
                        {sticky: true, className: "cccd-tip"});
    }
    layer.on("mouseover", function () { layer.setStyle({weight: 4, color: "#000"}); });
    layer.on("mouseout", function () { layer.setStyle(styleOf(c)); });
    layer.on("click", function () { details(c); });
    layer.addTo(map);
    layers.push([c, layer]);
    all.extend(layer.getBounds());
  });
  var bounds = {}, lines = [];
  // A country's 705 district lines at 2.2 px hid its colours under a black mesh: thin lines
  // until the map is zoomed in as far as a province (a city is always past LINE_ZOOM).
  var LINE_ZOOM = 7;
  function lineWeight() { return map.getZoom() < LINE_ZOOM ? 0.6 : 2.2; }
  data.districts.forEach(function (d) {
    lines.push(L.polygon(polygons(d.g), {pane: "district-lines", interactive: false,
                                         fill: false, color: "#1a1a1a", weight: 2.2}).addTo(map));
    bounds[d.c] = L.latLngBounds(d.b);
  });
  function drawLines() {
    var weight = lineWeight();
    lines.forEach(function (l) { l.setStyle({weight: weight}); });
  }
  var marks = L.layerGroup().addTo(map);
  // At a country's zoom a commune is a few pixels: its ✓ would hide the colours.
  var MARK_ZOOM = 9;
  function drawMarks() {
    marks.clearLayers();
    if (!(map.getZoom() >= MARK_ZOOM)) { return; }  // also before the first view is set
    layers.forEach(function (pair) {
      var c = pair[0];
      if (!c.k[metric] || (focus && c.d !== focus)) { return; }
      L.marker(c.p, {interactive: false, keyboard: false, icon: L.divIcon({
        className: "", html: '<div class="at-target-mark">\u2713</div>',
        iconSize: [18, 18], iconAnchor: [9, 9]})}).addTo(marks);
    });
  }
  function restyle() {
    layers.forEach(function (pair) { pair[1].setStyle(styleOf(pair[0])); });
    drawMarks();
  }
  function fit() {
    map.fitBounds(focus && bounds[focus] ? bounds[focus] : all, {padding: [8, 8]});
  }
  // The district tables as cccd.table_html writes them (its style is in the page).
  function buildTable(spec, rows, holder) {
    var box = document.createElement("div");
    box.className = "cccd-table cards";
    if (rows.length > spec.scroll_after) {
      box.className += " scroll";
      box.style.maxHeight = spec.scroll_px + "px";
    }
    var table = document.createElement("table"), head = document.createElement("tr");
    spec.headers.forEach(function (name, i) {
      var th = line("th", spec.numeric[i] ? "n" : "", name);
      th.scope = "col";
      head.appendChild(th);
    });
    table.appendChild(document.createElement("thead")).appendChild(head);
    var body = table.appendChild(document.createElement("tbody"));
    rows.forEach(function (row) {
      var tr = body.appendChild(document.createElement("tr"));
      var texts = [row[0], row[2], row[3], row[4], row[5], row[6]];
      texts.forEach(function (text, i) {
        var cell = line(i === 0 ? "th" : "td", spec.numeric[i] ? "n" : "", text);
        if (i === 0) { cell.scope = "row"; } else { cell.dataset.label = spec.headers[i]; }
        if (i === 1 && row[1] !== null) {
          var bar = document.createElement("span"), fill = document.createElement("span");
          bar.className = "bar"; fill.style.width = row[1] + "%";
          bar.appendChild(fill); cell.insertBefore(bar, cell.firstChild);
        }
        if (i >= 4 && row[7] >= 0) {
          cell.style.backgroundColor = spec.fills[row[7]]; cell.style.color = spec.text;
        }
        tr.appendChild(cell);
      });
    });
    box.appendChild(table);
    holder.appendChild(box);
  }
  ["delivered", "activated"].forEach(function (m) {
    buildTable(data.table, data.table.rows[m], document.getElementById("table-" + m));
  });

  var select = document.getElementById("district");
  var radios = document.querySelectorAll("input[name=metric]");
  // The form as the browser shows it (it may restore a choice on reload).
  function read() {
    focus = select.value;
    var name = document.querySelector("input[name=metric]:checked").value;
    metric = name === "activated" ? 1 : 0;
    ["delivered", "activated"].forEach(function (m) {
      document.getElementById("legend-" + m).hidden = m !== name;
      document.getElementById("table-" + m).hidden = m !== name;
    });
    restyle();
  }
  select.addEventListener("change", function () {
    read(); fit();
    // On a phone the map is below the controls: bring the chosen district into view, under
    // the select that names it.
    var top = document.getElementById("map").getBoundingClientRect().top;
    if (top > window.innerHeight * 0.5) {
      document.querySelector(".controls").scrollIntoView();
    }
  });
  Array.prototype.forEach.call(radios, function (input) {
    input.addEventListener("change", read);
  });
  map.on("zoomend", function () { drawMarks(); drawLines(); });
  read();
  fit();
  drawLines();
  window.addEventListener("resize", function () { map.invalidateSize(); });
})();
"""
)
