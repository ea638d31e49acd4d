#!/usr/bin/env bash
# Times building and removing a star of N hosts: the reference script (ip + kernel bridge, star-lab.sh) against
# `lanyard up` / `lanyard down` of the same star, interleaved, ROUNDS times; prints each run and the medians.
#   bench/scripts/star-bench.sh [N=100] [ROUNDS=5]
# Run it as root from the repository root, on a machine that is otherwise quiet.
set -euo pipefail
n=${1:-100} rounds=${2:-5}
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
lanyard="$root/lanyard"
tmp="$(mktemp -d)"
prefix="sb$(printf '%04x' $((RANDOM % 65536)))"
cleanup() {
    "$lanyard" down "${prefix}star" >/dev/null 2>&1 || true
    "$here/star-lab.sh" down "$n" "$prefix" >/dev/null 2>&1 || true
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
"$here/star-topology.sh" "$n" "$prefix" > "$tmp/star.yaml"
"$lanyard" --version >/dev/null   # build once and warm the class-data archive, outside the timings

ms() { echo $(( ($2 - $1) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

: > "$tmp/script-up"; : > "$tmp/script-down"; : > "$tmp/lanyard-up"; : > "$tmp/lanyard-down"
printf '%-6s %-8s %10s %10s\n' round system up_ms down_ms
for r in $(seq 1 "$rounds"); do
    s=$(date +%s%N); "$here/star-lab.sh" up "$n" "$prefix"; m=$(date +%s%N)
    "$here/star-lab.sh" down "$n" "$prefix"; e=$(date +%s%N)
    ms "$s" "$m" >> "$tmp/script-up"; ms "$m" "$e" >> "$tmp/script-down"
    printf '%-6s %-8s %10s %10s\n' "$r" script "$(ms "$s" "$m")" "$(ms "$m" "$e")"
    sleep 1
    s=$(date +%s%N); "$lanyard" up "$tmp/star.yaml" >/dev/null; m=$(date +%s%N)
    "$lanyard" down "${prefix}star" >/dev/null; e=$(date +%s%N)
    ms "$s" "$m" >> "$tmp/lanyard-up"; ms "$m" "$e" >> "$tmp/lanyard-down"
    printf '%-6s %-8s %10s %10s\n' "$r" lanyard "$(ms "$s" "$m")" "$(ms "$m" "$e")"
    sleep 1
done
su=$(median < "$tmp/script-up"); sd=$(median < "$tmp/script-down")
lu=$(median < "$tmp/lanyard-up"); ld=$(median < "$tmp/lanyard-down")
echo
echo "star of $n hosts, median of $rounds rounds"
printf '%-8s %10s %10s\n' system up_ms down_ms
printf '%-8s %10s %10s\n' script "$su" "$sd" lanyard "$lu" "$ld"
awk -v lu="$lu" -v su="$su" -v ld="$ld" -v sd="$sd" \
    'BEGIN { printf "lanyard/script: up %.2f (target <= 0.50), down %.2f (target <= 1.00)\n", lu / su, ld / sd }'
