#!/usr/bin/env bash
# Builds the Linux package dist/Pacta-VERSION-linux-amd64.tar.xz (and dist/Pacta.tar.xz, the
# same file): the program built with its version, commit and build date, its desktop entry,
# icon and AppStream metadata, and a Makefile that installs them (`sudo make install`, or
# `make user-install` into ~/.local).
set -euo pipefail
cd "$(dirname "$0")/.."
version="$1" ldflags="$2"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
root="$stage/Pacta"
mkdir -p "$root/usr/local/bin" "$root/usr/local/share/applications" "$root/usr/local/share/metainfo" \
  "$root/usr/local/share/icons/hicolor/256x256/apps"
go build -trimpath -ldflags "$ldflags -s -w" -o "$root/usr/local/bin/pacta" .
cp packaging/org.pactacommons.pacta.desktop "$root/usr/local/share/applications/"
cp packaging/org.pactacommons.pacta.metainfo.xml "$root/usr/local/share/metainfo/"
go run ./packaging/icongen -size 256 -o "$root/usr/local/share/icons/hicolor/256x256/apps/org.pactacommons.pacta.png"
cp packaging/install.mk "$root/Makefile"
cp LICENSE "$root/LICENSE"
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net packaging/org.pactacommons.pacta.metainfo.xml
fi
mkdir -p dist
out="dist/Pacta-$version-linux-amd64.tar.xz"
tar -C "$stage" --owner=0 --group=0 -cJf "$out" Pacta
cp -f "$out" dist/Pacta.tar.xz
echo "$out: $(du -h "$out" | cut -f1)"
