#!/usr/bin/env bash
# The reference for Lanyard's lab setup time: a star of N hosts on a kernel bridge, built and removed with plain
# `ip` commands, the way people do it by hand (LABS.md lab 3, N times).
#   star-lab.sh up N PREFIX      hosts PREFIXh1..N with eth0 at 10.99.x.y/16, their other ends on bridge PREFIXbr
#   star-lab.sh down N PREFIX    removes them
set -euo pipefail
action=$1 n=$2 p=$3
case "$action" in
up)
    ip link add "${p}br" type bridge stp_state 0
    ip link set "${p}br" up
    for i in $(seq 1 "$n"); do
        ip netns add "${p}h$i"
        ip -n "${p}h$i" link set lo up
        ip link add eth0 netns "${p}h$i" type veth peer name "${p}v$i"
        ip link set "${p}v$i" master "${p}br" up
        ip -n "${p}h$i" addr add "10.99.$((i / 250)).$((i % 250 + 1))/16" dev eth0
        ip -n "${p}h$i" link set eth0 up
    done
    ;;
down)
    for i in $(seq 1 "$n"); do
        ip netns del "${p}h$i"
    done
    ip link del "${p}br"
    ;;
*)
    echo "usage: $0 up|down N PREFIX" >&2
    exit 2
    ;;
esac
