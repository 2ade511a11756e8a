#!/usr/bin/env bash
# Rebuild the vendored map assets under static/ from the npm registry.
#
# folium 0.20 loads these from CDNs (folium.Map.default_js / default_css); cccd.offline points
# folium at the copies below, served by Streamlit at /app/static/... (enableStaticServing).
# Only the files a page references are kept (no source maps, no .ttf fallbacks: every browser
# we support takes the .woff2 listed first in Font Awesome's CSS).
#
#   usage: static/vendor_assets.sh        (needs node/npm; run from anywhere)
set -euo pipefail

STATIC="$(cd "$(dirname "$0")" && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

unpack() {  # unpack NPM_SPEC DIR: npm pack the spec and extract it into $WORK/DIR
    (cd "$WORK" && npm pack --silent "$1" >"$2.name")
    mkdir -p "$WORK/$2"
    tar -xzf "$WORK/$(cat "$WORK/$2.name")" -C "$WORK/$2" --strip-components=1
}

put() {  # put SRC DEST: copy a file from the unpacked packages into static/
    mkdir -p "$(dirname "$STATIC/$2")"
    cp "$WORK/$1" "$STATIC/$2"
}

unpack leaflet@1.9.4 leaflet
unpack jquery@3.7.1 jquery
unpack bootstrap@5.2.2 bootstrap
unpack @fortawesome/fontawesome-free@6.2.0 fontawesome
# Leaflet.awesome-markers 2.0.2 (what folium pins on cdnjs) is on npm as a verbatim republish
# without a LICENSE file; the upstream MIT text ships in leaflet.awesome-markers@2.0.5.
unpack drmonty-leaflet-awesome-markers@2.0.2 awesome-markers
unpack leaflet.awesome-markers@2.0.5 awesome-markers-2.0.5

rm -rf "$STATIC/leaflet" "$STATIC/jquery" "$STATIC/bootstrap" "$STATIC/fontawesome" \
    "$STATIC/leaflet.awesome-markers" "$STATIC/folium"

put leaflet/LICENSE leaflet/LICENSE
put leaflet/dist/leaflet.js leaflet/leaflet.js
put leaflet/dist/leaflet.css leaflet/leaflet.css
for png in layers layers-2x marker-icon marker-icon-2x marker-shadow; do
    put "leaflet/dist/images/$png.png" "leaflet/images/$png.png"
done

put jquery/LICENSE.txt jquery/LICENSE.txt
put jquery/dist/jquery.min.js jquery/jquery.min.js

put bootstrap/LICENSE bootstrap/LICENSE
put bootstrap/dist/js/bootstrap.bundle.min.js bootstrap/js/bootstrap.bundle.min.js
put bootstrap/dist/css/bootstrap.min.css bootstrap/css/bootstrap.min.css

put fontawesome/LICENSE.txt fontawesome/LICENSE.txt
put fontawesome/css/all.min.css fontawesome/css/all.min.css
for font in fa-brands-400 fa-regular-400 fa-solid-900 fa-v4compatibility; do
    put "fontawesome/webfonts/$font.woff2" "fontawesome/webfonts/$font.woff2"
done

put awesome-markers-2.0.5/LICENSE leaflet.awesome-markers/LICENSE
put awesome-markers/js/leaflet.awesome-markers.js leaflet.awesome-markers/leaflet.awesome-markers.js
put awesome-markers/css/leaflet.awesome-markers.css \
    leaflet.awesome-markers/leaflet.awesome-markers.css
for png in markers-soft markers-soft@2x markers-shadow markers-shadow@2x; do
    put "awesome-markers/css/images/$png.png" "leaflet.awesome-markers/images/$png.png"
done

# folium's leaflet.awesome.rotate.css (served from a GitHub CDN, not on npm) is one rule per
# degree for folium.Icon(angle=...); we generate the same rules.
mkdir -p "$STATIC/folium"
for deg in $(seq 1 359); do
    echo ".fa-rotate-$deg{transform:rotate(${deg}deg)}"
done >"$STATIC/folium/leaflet.awesome.rotate.css"

(cd "$STATIC" && find leaflet jquery bootstrap fontawesome leaflet.awesome-markers folium \
    -type f | LC_ALL=C sort | xargs sha256sum >SHA256SUMS)
du -sh "$STATIC"
