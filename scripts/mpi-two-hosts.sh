#!/usr/bin/env bash
# Two MPI "hosts" on one machine: two network namespaces, each with a veth whose peer joins a bridge in the root
# namespace on a free private subnet 10.213.X.0/24 (the bridge holds .254, the hosts .1 and .2), so that ranks talk
# TCP between hosts and mpirun reaches the daemons it starts. mpirun starts them through scripts/mpi-netns-rsh.sh
# (instead of ssh), which runs each command in the namespace that owns the host address, with its own host name.
#
#   scripts/mpi-two-hosts.sh run COMMAND [ARGS…]   set up, run `mpirun … -np 2 COMMAND ARGS…` across the two hosts, tear down
#   scripts/mpi-two-hosts.sh up                     set up and print the hosts, subnet and names (for manual runs)
#   scripts/mpi-two-hosts.sh down [ID]              remove the namespaces and bridge of ID (default: every stale set)
#
# Needs root, iproute2 (`ip`), util-linux (`unshare`) and Open MPI's mpirun. Every name carries the id of the process
# that made it (dlp-h1-ID, dlp-h2-ID, bridge dlpbr-ID); sets whose process is gone (a killed run) are removed by the
# next `run`/`up`. Exit codes: mpirun's; 77 when the hosts cannot be set up here (not root, a tool missing, namespaces
# not permitted).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
agent="$here/mpi-netns-rsh.sh"

skip() { echo "mpi-two-hosts: cannot set up two hosts: $*" >&2; exit 77; }

require() {
  [ "$(id -u)" -eq 0 ] || skip "not root (network namespaces need CAP_NET_ADMIN)"
  command -v ip >/dev/null || skip "'ip' is missing (apt-get install iproute2)"
  command -v unshare >/dev/null || skip "'unshare' is missing (apt-get install util-linux)"
}

# Removes the namespaces, veths and bridge of set $1 (missing pieces are ignored).
remove_set() {
  local id="$1"
  ip netns del "dlp-h1-$id" 2>/dev/null || true
  ip netns del "dlp-h2-$id" 2>/dev/null || true
  ip link del "dh1-$id" 2>/dev/null || true
  ip link del "dh2-$id" 2>/dev/null || true
  ip link del "dlpbr-$id" 2>/dev/null || true
}

# The ids of every set still present (from namespace and bridge names).
present_ids() {
  { ip netns list 2>/dev/null | awk '{print $1}' | sed -n 's/^dlp-h[12]-\([0-9]\+\)$/\1/p'
    ip -o link show 2>/dev/null | sed -n 's/^[0-9]\+: dlpbr-\([0-9]\+\)[:@].*/\1/p'; } | sort -u
}

# True when process $1 runs (a zombie, ended but not yet reaped, does not count).
running() {
  kill -0 "$1" 2>/dev/null && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != "Z" ]
}

remove_stale() {
  local id
  for id in $(present_ids); do
    running "$id" || remove_set "$id"
  done
}

# A third octet X such that no address or route of this machine is in 10.213.X.0/24.
free_octet() {
  local used x tries
  used="$(ip -4 -o addr show; ip -4 route show)"
  for tries in $(seq 1 64); do
    x=$((RANDOM % 254 + 1))
    grep -q "10\.213\.$x\." <<<"$used" || { echo "$x"; return; }
  done
  skip "no free 10.213.X.0/24 subnet found"
}

# Sets up set $id on 10.213.$octet.0/24.
create_set() {
  local id="$1" octet="$2" n ns
  ip link add "dlpbr-$id" type bridge || skip "cannot create a bridge"
  ip addr add "10.213.$octet.254/24" dev "dlpbr-$id"
  ip link set "dlpbr-$id" up
  for n in 1 2; do
    ns="dlp-h$n-$id"
    ip netns add "$ns" || skip "cannot create network namespace $ns"
    ip link add "dh$n-$id" type veth peer name "dn$n-$id"
    ip link set "dn$n-$id" netns "$ns"
    ip -n "$ns" link set "dn$n-$id" name eth0
    ip -n "$ns" addr add "10.213.$octet.$n/24" dev eth0
    ip -n "$ns" link set eth0 up
    ip -n "$ns" link set lo up
    ip link set "dh$n-$id" master "dlpbr-$id"
    ip link set "dh$n-$id" up
  done
  # Wait until both hosts answer (the bridge ports need a moment to forward).
  for n in 1 2; do
    for _ in $(seq 1 50); do
      ip netns exec "dlp-h1-$id" ping -c1 -W1 "10.213.$octet.$n" >/dev/null 2>&1 && break
      sleep 0.1
    done
  done
}

cmd="${1:-}"
shift || true
case "$cmd" in
  run)
    [ $# -gt 0 ] || { echo "usage: $0 run COMMAND [ARGS…]" >&2; exit 2; }
    require
    command -v mpirun >/dev/null || skip "mpirun is missing (apt-get install openmpi-bin)"
    remove_stale
    id=$$
    trap 'remove_set "$id"' EXIT
    trap 'exit 143' TERM INT HUP
    octet="$(free_octet)"
    create_set "$id" "$octet"
    subnet="10.213.$octet.0/24"
    echo "mpi-two-hosts: host 10.213.$octet.1 = dlp-h1-$id, host 10.213.$octet.2 = dlp-h2-$id, subnet $subnet" >&2
    # Not exec: the EXIT trap must remove the set when mpirun ends.
    set +e
    mpirun --allow-run-as-root --oversubscribe -H "10.213.$octet.1,10.213.$octet.2" -np 2 \
      --mca plm_rsh_agent "$agent" --mca btl tcp,self \
      --mca oob_tcp_if_include "$subnet" --mca btl_tcp_if_include "$subnet" "$@"
    exit $?
    ;;
  up)
    require
    remove_stale
    # Owned by a process that stays alive until `down` (so that a later remove_stale keeps it).
    sleep infinity </dev/null >/dev/null 2>&1 &
    id=$!
    disown
    octet="$(free_octet)"
    create_set "$id" "$octet" || { kill "$id"; exit 77; }
    echo "id=$id hosts=10.213.$octet.1,10.213.$octet.2 subnet=10.213.$octet.0/24 namespaces=dlp-h1-$id,dlp-h2-$id agent=$agent"
    ;;
  down)
    require
    if [ $# -gt 0 ]; then
      # The id is the pid of the `sleep infinity` that `up` left as the set's owner.
      grep -qx 'sleep.infinity.' <(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) && kill "$1"
      remove_set "$1"
    else
      remove_stale
    fi
    ;;
  *)
    sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
