#!/usr/bin/env bash
# Open MPI's remote-start agent for scripts/mpi-two-hosts.sh (`mpirun --mca plm_rsh_agent THIS`), used instead of
# ssh: `THIS [OPTIONS] HOST COMMAND…` runs COMMAND (a shell command line, as ssh would) in the network namespace
# named dlp-h*-* that holds the address HOST, in its own UTS namespace whose host name is the namespace's name.
set -euo pipefail
while [ $# -gt 0 ] && [ "${1#-}" != "$1" ]; do shift; done   # ssh-style options have no meaning here
host="${1:?usage: $0 HOST COMMAND…}"
shift
for ns in $(ip netns list | awk '{print $1}' | grep -E '^dlp-h[12]-[0-9]+$'); do
  if ip -n "$ns" -4 -o addr show | grep -qwF "inet $host"; then
    exec ip netns exec "$ns" unshare --uts sh -c 'hostname "$1" && shift && exec sh -c "$*"' sh "$ns" "$*"
  fi
done
echo "mpi-netns-rsh: no dlp-h* network namespace holds the address $host" >&2
exit 255
