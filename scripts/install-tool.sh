#!/usr/bin/env bash
# Packs dlp as a .NET tool, installs it from that local package into a tool folder (no other package source is
# consulted), runs `dlp --help` with it, and prints the installed command's path.
# Usage: scripts/install-tool.sh [OUT]   (OUT: folder for nupkg/ and tool/; default: a new temporary folder)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-$(mktemp -d)}
mkdir -p "$out"
out=$(cd "$out" && pwd)
rm -rf "$out/nupkg" "$out/tool"
dotnet pack src/Dlp.Cli -c Release -o "$out/nupkg" --nologo -v quiet >&2
cat > "$out/nuget.config" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><clear /></packageSources></configuration>
XML
dotnet tool install dlp --tool-path "$out/tool" --add-source "$out/nupkg" --configfile "$out/nuget.config" >&2
"$out/tool/dlp" --help >/dev/null
echo "$out/tool/dlp"
