#!/usr/bin/env bash
# Builds the Linux package (dist/Pacta.tar.xz) with the fyne tool declared in go.mod.
set -euo pipefail
version="$1"
mkdir -p dist
# The fyne tool bumps the build number in FyneApp.toml; keep the tracked file as it was.
cp FyneApp.toml /tmp/FyneApp.toml.$$
trap 'mv -f /tmp/FyneApp.toml.$$ FyneApp.toml; rm -f fyne_metadata_init.go' EXIT
go tool fyne package --target linux --release --app-version "$version" --icon packaging/icon.png --name Pacta --app-id org.pactacommons.pacta
mv -f Pacta.tar.xz dist/
echo "dist/Pacta.tar.xz: $(du -h dist/Pacta.tar.xz | cut -f1)"
tar -tJf dist/Pacta.tar.xz | head -20
