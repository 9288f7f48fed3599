#!/usr/bin/env bash
# Installs the Debian 12 packages stationfinder builds, tests and benchmarks with. Idempotent:
# it asks apt only for what is missing. Usage: scripts/install-deps.sh [extra packages...]
set -euo pipefail
packages=(build-essential cmake pkg-config git curl
          libboost-dev libgdal-dev gdal-bin libcpp-httplib-dev nlohmann-json3-dev
          libgtest-dev libbenchmark-dev libjs-leaflet
          libosmium2-dev libprotozero-dev libexpat1-dev libbz2-dev zlib1g-dev "$@")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
# Another apt run (an unattended upgrade, say) may hold the lock for a while: wait for it.
for _ in $(seq 1 60); do
  if ! fuser /var/lib/dpkg/lock-frontend >/dev/null 2>&1; then break; fi
  sleep 2
done
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
