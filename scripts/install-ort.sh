#!/usr/bin/env bash
# Installs ONNX Runtime (the CPU build shipped inside onnxruntime-node 1.30.0) for `dlp bench nn`.
# Usage: scripts/install-ort.sh [FOLDER]   (default: $DLP_ORT_HOME or ~/.cache/dlp/ort)
# Prints the path of libonnxruntime.so.1; `dlp bench nn` finds it there without --ort.
# --ignore-scripts: the package's install script only downloads GPU providers, which the bench does not use.
set -euo pipefail

folder="${1:-${DLP_ORT_HOME:-$HOME/.cache/dlp/ort}}"
library="$folder/node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1"

if [ ! -f "$library" ]; then
  command -v npm >/dev/null || { echo "npm is required to fetch onnxruntime-node" >&2; exit 1; }
  mkdir -p "$folder"
  npm install --prefix "$folder" --no-save --no-audit --no-fund --ignore-scripts onnxruntime-node@1.30.0 >&2
fi
[ -f "$library" ] || { echo "onnxruntime-node did not provide $library" >&2; exit 1; }
echo "$library"
