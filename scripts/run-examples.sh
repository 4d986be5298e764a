#!/usr/bin/env bash
# Installs what is missing, builds the dlp command, and runs the case studies on the embedded local engine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
dotnet build src/Dlp.Cli -c Release -o out/dlp -v quiet -nologo
mkdir -p out/examples
out/dlp/dlp examples ocr --out out/examples/ocr "$@"
