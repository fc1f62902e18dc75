#!/usr/bin/env bash
# Measures, as whole processes under /usr/bin/time -v, a first share of 100,000 assets and
# a joining laptop's replay of them, beside Pacta's own CSV import of the same rows (the
# anchor of issue 18: the replay within 2x its processor time; both under 200 MB peak
# resident). Prints one line per process: seconds of processor time (user + system),
# wall seconds, peak resident MB. ROWS sets the number of rows.
set -euo pipefail
rows=${ROWS:-100000}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
P=$T/pacta
go build -o "$P" .
awk -v n="$rows" 'BEGIN {
  srand(42); print "Id,Titolo proposta,Indirizzo,Quartiere,Tipo,Lat.,Long.,Ambiti di azione";
  split("Piazza Via Giardino Parco Scuola Portico Plaza Parque Bosco Fiume", p, " ");
  split("Città Niño Ballarò Libertà Señora Garibaldi Magione Università Cortile Verdi", w, " ");
  for (i = 0; i < n; i++)
    printf "S%06d,%s %s %d,\"Via %s %d, Palermo\",Quartiere %02d,green_area,%.6f,%.6f,\"cura, %s\"\n",
      i, p[1+int(rand()*10)], w[1+int(rand()*10)], i, w[1+int(rand()*10)], int(rand()*300), int(rand()*30),
      38.05+rand()*0.15, 13.25+rand()*0.15, w[1+int(rand()*10)] }' > "$T/register.csv"

measure() { # label command...
  local label=$1; shift
  /usr/bin/time -v "$@" > "$T/out" 2> "$T/time" || { cat "$T/out" "$T/time"; exit 1; }
  awk -v l="$label" -F': ' '/User time/ {u=$2} /System time/ {s=$2} /Elapsed/ {e=$2} /Maximum resident/ {r=$2}
    END { printf "%-34s cpu %6.2f s   wall %8s   peak RSS %5.0f MB\n", l, u+s, e, r/1024 }' "$T/time"
}

"$P" init --home "$T/imp" --name "Comune di Prova" > /dev/null
measure "CSV import (anchor)" "$P" import assets --home "$T/imp" "$T/register.csv"

"$P" init --home "$T/a" --name "Comune di Prova" > /dev/null
"$P" import assets --home "$T/a" "$T/register.csv" > /dev/null
measure "first share (sync --folder)" "$P" sync --home "$T/a" --folder "$T/shared"
ls -l "$T/shared/pacta/log/"*/ | awk '/jsonl/ {n++; if ($5 > m) m = $5} END {printf "segments: %d, largest %.2f MB\n", n, m/1048576}'

# Joining applies what the folder holds (after the founder's check).
measure "replay on the joining laptop (join)" "$P" join --home "$T/b" --folder "$T/shared" --name "Laptop Maria"
grep -o 'applied [0-9]* changes' "$T/out"
