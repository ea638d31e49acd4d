#!/usr/bin/env bash
# Writes the Lanyard topology of the same star: star-topology.sh N PREFIX > star.yaml
set -euo pipefail
n=$1 p=$2
echo "lab: ${p}star"
echo "switches:"
echo "  ${p}sw: {}"
echo "hosts:"
for i in $(seq 1 "$n"); do
    echo "  ${p}h$i:"
    echo "    interfaces:"
    echo "      eth0: {switch: ${p}sw, port: ${p}v$i, addresses: [10.99.$((i / 250)).$((i % 250 + 1))/16]}"
done
