"""The tour page's own style and script (cccd.tour_page puts them in the page).

The script reads the page's JSON (id "tour-data") and draws the communes once with Leaflet (no
basemap); a step then only restyles them (the district in focus bright, the rest dimmed, at
target outlined with ✓ marks) and fits the map to the step's communes beside the legend. Keys
← → Space work whether the focus is in this frame or in the page around it (presenter mode
shows the tour in a same-origin frame). The timer, Space and the timer select behave as
cccd.tour.TourClock: Space pauses a running tour, resumes a paused one, and with no timer
starts DEFAULT_TIMER; a timer chosen plays at once; any move restarts the countdown.

Every few seconds the script asks the server it came from whether it still answers
(_stcore/health beside the page's address); when it does not, the tour goes on from the page's
data and a notice says the figures are as of when the page was loaded.

For tests and the bench: `window.cccdTour` (map, step(), go(i), timings: each step's
milliseconds by part), and on <body> data-step (index
shown), data-focus (district code, "" for the city) and data-drawn (how many steps have been
drawn: set after Leaflet's moveend and the next animation frame, once the step is on screen).
"""

from cccd.html_map_page import RINGS_SCRIPT

TOUR_STYLE = """
*{box-sizing:border-box}
html,body{height:100%;margin:0}
body{display:flex;font:18px/1.35 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,
 sans-serif;color:#111;background:#fff;overflow:hidden}
#stage{position:relative;flex:1 1 auto;min-width:0;height:100%}
#map{position:absolute;inset:0;background:#f4f6f8}
.cccd-map-legend{position:absolute;right:12px;bottom:12px;z-index:500;padding:6px 12px;
 border-radius:6px;background:rgba(255,255,255,.92);box-shadow:0 1px 4px rgba(0,0,0,.3)}
.cccd-map-legend .legend{font-size:clamp(1rem,1vw,1.3rem)!important;line-height:1.7!important}
aside{flex:0 0 clamp(300px,27vw,480px);height:100%;display:flex;flex-direction:column;
 padding:10px 14px 10px 16px;border-left:1px solid #ccc}
#story{flex:1 1 auto;overflow-y:auto;min-height:0}
h1{font-size:clamp(1.7rem,2.3vw,2.8rem);line-height:1.12;margin:0 0 6px}
#caption{font-size:clamp(.95rem,1vw,1.2rem);color:#333;margin:0 0 6px}
#state{font-size:clamp(1.1rem,1.25vw,1.6rem);font-weight:600;margin:0 0 8px}
.figure{margin:0 0 6px}
.figure span{display:block;font-size:clamp(1rem,1.15vw,1.45rem);color:#333;line-height:1.2}
.figure strong{display:block;font-size:clamp(2.2rem,2.8vw,3.4rem);line-height:1.1}
h2{font-size:clamp(1rem,1.1vw,1.35rem);margin:6px 0 4px}
h2:empty{display:none}
#lines{margin:0;padding-left:1.1em;font-size:clamp(.9rem,1.05vw,1.3rem)}
#lines li{margin:0 0 3px}
#controls{flex:0 0 auto;padding-top:8px;border-top:1px solid #ccc}
.steps{display:grid;grid-template-columns:1fr 1fr;gap:6px}
#play{grid-column:1 / span 2}
button,select,#controls a{font:inherit;font-size:clamp(.95rem,1vw,1.2rem);color:#111;
 background:#fff;border:2px solid #333;border-radius:6px;padding:5px 8px;cursor:pointer}
button{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
#dark{width:1.1em;height:1.1em;vertical-align:-.15em}
button kbd{font:inherit;font-size:.7em;opacity:.75;border:1px solid currentColor;
 border-radius:3px;padding:0 3px;white-space:nowrap}
.options{display:flex;flex-wrap:wrap;gap:6px 14px;align-items:center;margin-top:6px}
.options label{font-size:clamp(.95rem,1vw,1.2rem);cursor:pointer}
#controls a{text-decoration:none;display:inline-block;padding:4px 10px}
#offline{background:#b35900;color:#fff;font-weight:600;padding:8px 10px;border-radius:6px;
 margin:0 0 8px;font-size:clamp(1rem,1.1vw,1.3rem)}
.at-target-mark{width:18px;height:18px;border-radius:9px;background:#fff;
 border:2px solid #e66100;color:#e66100;font:bold 13px/14px sans-serif;text-align:center}
body.dark{background:#101418;color:#f5f5f5}
body.dark #map{background:#1c232b}
body.dark #caption,body.dark .figure span{color:#d0d0d0}
body.dark aside,body.dark #controls{border-color:#555}
body.dark button,body.dark select,body.dark #controls a{background:#1c232b;color:#f5f5f5;
 border-color:#d0d0d0}
body.dark .cccd-map-legend{background:rgba(16,20,24,.9);color:#f5f5f5}
[hidden]{display:none!important}
@media (max-width:800px){
 body{display:block;overflow:auto}
 #stage{height:auto}
 #map{position:relative;height:58vh;min-height:300px}
 .cccd-map-legend{position:static;box-shadow:none;margin:4px 0 0;padding:4px 10px}
 .cccd-map-legend .legend{font-size:.95rem!important;line-height:1.45!important}
 aside{height:auto;border:0;padding:8px 10px}
 #story{overflow:visible}
}
"""

TOUR_SCRIPT = (
    r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("tour-data").textContent);
  var texts = data.texts, steps = data.steps, scale = data.scale;
  var body = document.body, step = 0, focus = "", drawn = 0;
  var map = L.map("map", {zoomSnap: 0.25, attributionControl: false, zoomControl: false,
                          keyboard: false});

"""
    + RINGS_SCRIPT
    + r"""  function styleOf(c) {
    var style = Object.assign({}, c.k ? data.done_style : data.style,
                              {fillColor: data.colours[c.cl]});
    if (focus && c.d !== focus) { style.fillOpacity = 0.15; style.opacity = 0.25; }
    return style;
  }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  // The communes, drawn once; a step only restyles them and moves the view.
  var layers = [], all = L.latLngBounds([]), bounds = {};
  data.communes.forEach(function (c) {
    var layer = L.polygon(polygons(c.g), styleOf(c));
    layer.bindTooltip(function () { return el("div", "", c.n); }, {sticky: true});
    layer.addTo(map);
    layers.push([c, layer, false]);  // the commune, its layer, whether it is dimmed
    var box = layer.getBounds();
    all.extend(box);
    if (c.d) { (bounds[c.d] = bounds[c.d] || L.latLngBounds([])).extend(box); }
  });
  // District lines: on the city's steps every border once (cccd.tour_page.district_borders),
  // on a district's its own outline only (its neighbours are dimmed anyway): the fewer points,
  // the less the browser moves on each step. In the communes' own SVG, above them: a second
  // pane would be a second renderer to move too.
  var LINE = {interactive: false, fill: false, color: "#1a1a1a", weight: 2.2};
  var borders = L.polyline(data.borders.map(ring), LINE), outlines = {}, outline = null;
  data.districts.forEach(function (d) {
    outlines[d.c] = L.polygon(polygons(d.g), Object.assign({}, LINE, {weight: 3.5}));
  });
  function drawLines() {
    var wanted = focus ? outlines[focus] || null : borders;
    if (outline === wanted) { return; }
    if (outline) { map.removeLayer(outline); }
    if (wanted) { wanted.addTo(map); }
    outline = wanted;
  }
  // ✓ marks: all on the map from the start, each step only hides or shows them (a marker
  // added to the map makes its element anew each time: 45 of them on a city step).
  var marks = [], MARK_ZOOM = 9;
  layers.forEach(function (pair) {
    var c = pair[0];
    if (!c.k || !c.p) { return; }
    var mark = el("div", "at-target-mark", "\u2713");
    marks.push([c.d, L.marker(c.p, {interactive: false, keyboard: false, icon: L.divIcon({
      className: "", html: mark, iconSize: [18, 18], iconAnchor: [9, 9]})}).addTo(map)]);
  });
  function drawMarks() {
    var far = !(map.getZoom() >= MARK_ZOOM);
    marks.forEach(function (pair) {
      var hide = far || (focus !== "" && pair[0] !== focus);
      var element = pair[1].getElement();
      if (element && element.hidden !== hide) { element.hidden = hide; }
    });
  }
  // The first view's moveend comes before Leaflet adds the markers (on its 'load').
  map.on("load", drawMarks);
  // Shapes keep clear of the legend's strip at the map's right edge (not on a phone, where
  // the legend sits under the map). Measured once and on resize: measuring on each step
  // would make the browser lay the page out twice a step.
  var legendBox = document.querySelector(".cccd-map-legend"), right = 12;
  function measureLegend() {
    var beside = getComputedStyle(legendBox).position === "absolute";
    right = beside ? legendBox.offsetWidth + 24 : 12;
  }
  measureLegend();
  function fit() {
    map.fitBounds(focus && bounds[focus] ? bounds[focus] : all,
                  {paddingTopLeft: [12, 12], paddingBottomRight: [right, 12], animate: false});
  }

  // The step's texts, all as text.
  function showTexts(s) {
    document.getElementById("title").textContent = s.title;
    document.getElementById("caption").textContent = s.caption;
    var figures = document.getElementById("figures");
    figures.textContent = "";
    s.figures.forEach(function (pair) {
      var box = el("div", "figure");
      box.appendChild(el("span", "", pair[0]));
      box.appendChild(el("strong", "", pair[1]));
      figures.appendChild(box);
    });
    document.getElementById("list-title").textContent = s.list;
    var lines = document.getElementById("lines");
    lines.textContent = "";
    s.lines.forEach(function (text) { lines.appendChild(el("li", "", text)); });
  }
  // Where each step's time went (ms), for the bench: texts, restyle, lines, fit (Leaflet
  // moving every path), marks; the frame it is drawn in follows.
  var timings = [];
  function go(index) {
    var clock0 = performance.now(), took = {};
    step = ((index % steps.length) + steps.length) % steps.length;
    var s = steps[step];
    focus = s.d;
    showTexts(s);
    var clock1 = performance.now();
    // Only the communes that change (dimmed or not) are restyled: between two districts, the
    // two districts' communes, not all of them.
    layers.forEach(function (pair) {
      var dim = focus !== "" && pair[0].d !== focus;
      if (pair[2] !== dim) { pair[1].setStyle(styleOf(pair[0])); pair[2] = dim; }
    });
    var clock2 = performance.now();
    drawLines();
    var clock3 = performance.now();
    body.dataset.step = step;
    body.dataset.focus = focus;
    map.once("moveend", function () {
      var start = performance.now();
      drawMarks();
      took.marks = performance.now() - start;
      requestAnimationFrame(function () { drawn += 1; body.dataset.drawn = drawn; });
    });
    fit();
    var clock4 = performance.now();
    remember();
    took.texts = clock1 - clock0;
    took.restyle = clock2 - clock1;
    took.lines = clock3 - clock2;
    took.fit = clock4 - clock3 - (took.marks || 0);
    took.all = performance.now() - clock0;
    timings.push(took);
  }

  // The clock: cccd.tour.TourClock's states, ticking in the browser.
  var select = document.getElementById("timer"), play = document.getElementById("play");
  var clock = {timer: null, playing: true}, since = Date.now();
  function state() {
    if (clock.timer === null) { return "manual"; }
    return clock.playing ? "playing" : "paused";
  }
  function secondsLeft() {
    if (state() !== "playing") { return null; }
    return Math.max(0, Math.ceil(clock.timer - (Date.now() - since) / 1000));
  }
  function showClock() {
    var left = secondsLeft(), now = state();
    var line = texts[now].replace("{seconds}", left === null ? "" : left);
    var stateLine = document.getElementById("state");
    if (stateLine.textContent !== line) { stateLine.textContent = line; }
    // Written only when they change: the clock ticks four times a second, and a write would
    // make the browser lay out the page again each time.
    if (play.firstChild.textContent !== texts["action_" + now]) {
      play.firstChild.textContent = texts["action_" + now];
    }
    if (body.dataset.clock !== now) { body.dataset.clock = now; }
  }
  function move(forward) { since = Date.now(); go(step + (forward ? 1 : -1)); showClock(); }
  function space() {
    clock = clock.timer === null ? {timer: data.default_timer, playing: true}
                                 : {timer: clock.timer, playing: !clock.playing};
    select.value = String(clock.timer);
    since = Date.now();
    showClock();
    remember();
  }
  function tick() {
    if (secondsLeft() === 0) { move(true); }
    showClock();
  }
  select.addEventListener("change", function () {
    clock = {timer: select.value ? Number(select.value) : null, playing: true};
    since = Date.now();
    showClock();
    remember();
  });
  document.getElementById("prev").addEventListener("click", function () { move(false); });
  document.getElementById("next").addEventListener("click", function () { move(true); });
  play.addEventListener("click", space);

  // Keys, in this frame and in the page around it (the focus may be in either).
  function onKey(event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var tag = event.target && event.target.tagName;
    if (tag === "SELECT" || tag === "INPUT" || tag === "TEXTAREA") { return; }
    if (event.key === "ArrowRight") { move(true); }
    else if (event.key === "ArrowLeft") { move(false); }
    else if (event.key === " " || event.key === "Spacebar") { space(); }
    else { return; }
    event.preventDefault();
  }
  document.addEventListener("keydown", onKey);
  var outer = null;
  try {
    if (window.parent !== window) { outer = window.parent.document; }
  } catch (error) { outer = null; }  // a frame of another origin: its keys stay its own
  function onOuterKey(event) {
    // Gone from the page (another page opened): stop listening there.
    if (!window.frameElement || !window.frameElement.isConnected) {
      outer.removeEventListener("keydown", onOuterKey);
      return;
    }
    onKey(event);
  }
  if (outer) {
    outer.addEventListener("keydown", onOuterKey);
    window.addEventListener("pagehide", function () {
      outer.removeEventListener("keydown", onOuterKey);
    });
  }

  // Dark mode, also for the page around the frame.
  var dark = document.getElementById("dark");
  function showDark() {
    body.classList.toggle("dark", dark.checked);
    if (outer) { outer.documentElement.classList.toggle("cccd-dark", dark.checked); }
  }
  dark.addEventListener("change", function () { showDark(); remember(); });

  // The handouts and the way out are the page's own (Streamlit) elements.
  function outerClick(selector, scroll) {
    var target = outer && outer.querySelector(selector);
    if (!target) { return; }
    if (scroll) { target.scrollIntoView({behavior: "smooth"}); } else { target.click(); }
  }
  document.getElementById("handouts").addEventListener("click", function (event) {
    event.preventDefault(); outerClick(".st-key-present_handouts", true);
  });
  document.getElementById("exit").addEventListener("click", function (event) {
    event.preventDefault(); outerClick(".st-key-present_handouts [data-testid=stPageLink] a");
  });

  // Where the tour stands survives a rerun of the page around it (same tab only).
  var KEY = "cccd-tour:" + document.documentElement.lang;
  function remember() {
    try {
      sessionStorage.setItem(KEY, JSON.stringify(
        {step: step, timer: clock.timer, playing: clock.playing, dark: dark.checked}));
    } catch (error) { /* storage refused: the tour just starts over on a reload */ }
  }
  function recall() {
    try { return JSON.parse(sessionStorage.getItem(KEY) || "null"); } catch (error) {
      return null;
    }
  }

  // The server's health, beside the page's address; the time the figures were loaded.
  var loaded = new Date(), offline = document.getElementById("offline");
  function two(n) { return (n < 10 ? "0" : "") + n; }
  offline.textContent = texts.offline.replace(
    "{time}", two(loaded.getHours()) + ":" + two(loaded.getMinutes()));
  var health = new URL("_stcore/health", document.baseURI).href;
  function checkServer() {
    if (!/^https?:/.test(health)) { return; }
    fetch(health, {cache: "no-store"}).then(function (response) {
      offline.hidden = response.ok;
    }, function () { offline.hidden = false; });
  }
  setInterval(checkServer, 3000);

  window.cccdTour = {map: map, step: function () { return step; }, go: go, timings: timings};
  var saved = recall();
  if (saved) {
    clock = {timer: saved.timer, playing: saved.playing};
    select.value = saved.timer === null ? "" : String(saved.timer);
    dark.checked = !!saved.dark;
  }
  showDark();
  // A tour's first presses ran Leaflet's and the tour's step code for the first time and took
  // about twice as long as the rest: one step drawn and undone in the same task, before the
  // page is first painted, warms that code unseen (bench/presenter_steps: p95 49 -> 37 ms).
  if (steps.length > 1) { go(1); }
  go(saved ? saved.step : 0);
  showClock();
  setInterval(tick, 250);
  window.addEventListener("resize", function () {
    map.invalidateSize(); measureLegend(); fit();
  });
})();
"""
)
