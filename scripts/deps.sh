#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages given as arguments when they are missing: with
# apt-get as root, with sudo otherwise. On other systems it says what to install and stops.
set -euo pipefail
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
else
  echo "This is not a Debian/Ubuntu system. Install the equivalents of: $*"
  echo "(a C compiler, pkg-config, OpenGL, X11, Wayland and xkbcommon development headers, poppler-utils, sqlite3), then run make again."
  exit 1
fi
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing missing system packages: ${missing[*]}"
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
