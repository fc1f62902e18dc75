#!/usr/bin/env bash
# Runs every benchmark of the module and prints a table: name, iterations, time per op,
# memory per op. Long-running property tests use PACTA_LONG=1 here.
set -euo pipefail
out=$(mktemp)
# -p 1: one package at a time, so that no benchmark shares the cores with another.
PACTA_LONG=1 go test -p 1 -run '^$' -bench . -benchmem -benchtime "${BENCHTIME:-1x}" -timeout 60m ./... | tee "$out"
echo
printf '%-60s %12s %16s %14s %s\n' "benchmark" "iterations" "time/op" "bytes/op" "extra"
grep -E '^Benchmark' "$out" | awk '{
  name=$1; iters=$2; t=$3" "$4; mem=""; extra="";
  for (i=5;i<=NF;i+=2) { if ($(i+1)=="B/op") mem=$i" B"; else if ($(i+1)!="allocs/op") extra=extra $i" "$(i+1)"  " }
  printf "%-60s %12s %16s %14s %s\n", name, iters, t, mem, extra }'
rm -f "$out"
