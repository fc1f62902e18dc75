#!/usr/bin/env bash
# Cross-builds dist/Pacta-VERSION-windows-amd64.zip: Pacta.exe (with its icon and version
# information) and the licence. Needs mingw-w64 (Debian: gcc-mingw-w64-x86-64), which
# `make package-windows` installs. No installer: unzip and run.
set -euo pipefail
cd "$(dirname "$0")/.."
version="$1" ldflags="$2"
command -v x86_64-w64-mingw32-gcc >/dev/null || { echo "mingw-w64 is needed: sudo apt-get install gcc-mingw-w64-x86-64"; exit 1; }
stage=$(mktemp -d)
syso=pacta_windows_amd64.syso
trap 'rm -rf "$stage" "$syso"' EXIT
go run ./packaging/winres -version "$version" -o "$syso"
mkdir -p "$stage/Pacta"
CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
  go build -trimpath -ldflags "$ldflags -s -w" -o "$stage/Pacta/Pacta.exe" .
cp LICENSE "$stage/Pacta/LICENSE.txt"
mkdir -p dist
out="$PWD/dist/Pacta-$version-windows-amd64.zip"
rm -f "$out"
(cd "$stage" && zip -qr "$out" Pacta)
echo "dist/$(basename "$out"): $(du -h "$out" | cut -f1)"
