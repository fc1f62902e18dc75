#!/usr/bin/env bash
# Builds the Linux package (dist/Pacta.tar.xz) with the fyne tool declared in go.mod.
set -euo pipefail
version="$1"
mkdir -p dist
go tool fyne package --target linux --release --app-version "$version" --icon packaging/icon.png --name Pacta --app-id org.pactacommons.pacta
mv -f Pacta.tar.xz dist/
echo "dist/Pacta.tar.xz: $(du -h dist/Pacta.tar.xz | cut -f1)"
tar -tJf dist/Pacta.tar.xz | head -20
