#!/usr/bin/env bash
# Installs what Deep Learning Pipelines for .NET needs at run time and for its tests, when it is missing:
# the .NET 10 SDK must already be present; native libraries come from Debian/Ubuntu packages (Open MPI is the
# engine that runs processes across machines: mpirun and libmpi.so.40; iproute2 gives `ip`, with which the two-host
# MPI test makes its network namespaces; Fashion-MNIST is the training example's data).
set -euo pipefail

packages=(libturbojpeg0 libhdf5-103-1 openmpi-bin iproute2 dataset-fashion-mnist libfontconfig1 chromium) # fontconfig: plot text (SkiaSharp); chromium: the job page tests
[ "${DLP_WITH_BENCH:-0}" = "1" ] && packages+=(python3-sklearn python3-numpy)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "Please install these packages as root: ${missing[*]}" >&2; exit 1; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required: https://dotnet.microsoft.com/download" >&2; exit 1; }
