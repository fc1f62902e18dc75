#!/usr/bin/env bash
# CI: builds both packages, unpacks the Linux one in a temporary directory and runs the
# program from it, and checks that the Windows one holds a Windows executable.
set -euo pipefail
cd "$(dirname "$0")/.."
make package package-windows
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar -C "$tmp" -xJf dist/Pacta.tar.xz
"$tmp/Pacta/usr/local/bin/pacta" version
"$tmp/Pacta/usr/local/bin/pacta" version --json | grep -q '"commit": "[0-9a-f]'
make -C "$tmp/Pacta" --no-print-directory install DESTDIR="$tmp/root" PREFIX=/usr
test -x "$tmp/root/usr/bin/pacta"
win=$(ls dist/Pacta-*-windows-amd64.zip)
unzip -q -d "$tmp/win" "$win"
head -c 2 "$tmp/win/Pacta/Pacta.exe" | grep -q MZ
echo "packages: $(ls dist/Pacta-*) checked"
