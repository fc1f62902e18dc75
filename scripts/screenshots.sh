#!/usr/bin/env bash
# Takes a screenshot of every screen, in English and Spanish, of a fresh sample workspace
# under Xvfb: shots/<lang>-<n>.png. Needs xvfb, xdotool and imagemagick (Debian packages).
set -euo pipefail
out=${1:-shots}
screens=${SCREENS:-6}
mkdir -p "$out"
go build -o /tmp/pacta-shots .
export DISPLAY=${DISPLAY_NUM:-:95}
Xvfb "$DISPLAY" -screen 0 1400x900x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
for lang in en es; do
  home=$(mktemp -d)
  /tmp/pacta-shots init --home "$home" --name "Comune di Esempio" --sample >/dev/null
  printf '{"language": "%s", "device_name": "Ufficio"}\n' "$lang" > "$home/config.json"
  /tmp/pacta-shots --home "$home" >/dev/null 2>&1 &
  app=$!
  sleep 4
  win=$(xdotool search --name Pacta | head -1)
  for n in $(seq 1 "$screens"); do
    xdotool key --window "$win" "ctrl+$n"
    sleep 1.5
    import -window root "$out/$lang-$n.png"
  done
  kill $app; wait $app 2>/dev/null || true
  rm -rf "$home"
done
ls "$out"
