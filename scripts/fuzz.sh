#!/usr/bin/env bash
# Coverage-guided fuzzing of the library's file loaders with AFL++ and SharpFuzz.
#   scripts/fuzz.sh TARGET SECONDS      fuzz one target (jpeg png bmp onnx tfjs h5 csv) for SECONDS, then report
#   scripts/fuzz.sh --smoke [SECONDS]   every target for SECONDS each (default 30)
# Exit status: 0 nothing found, 1 a managed finding (an unexpected .NET exception or hang), 3 setup failed.
# Installs what is missing (afl++ from apt, SharpFuzz.CommandLine 2.3.0 into fuzz/out/tools), builds the driver,
# instruments DeepLearningPipelines.dll, runs afl-fuzz bounded by -V and `timeout`, and copies crash and hang inputs
# to fuzz/findings/TARGET/. FUZZ_REUSE_BUILD=1 keeps an instrumented build (for runs side by side). Each input is
# replayed outside AFL and classified (see classify) before it counts.
set -uo pipefail
cd "$(dirname "$0")/.."

TARGETS=(jpeg png bmp onnx tfjs h5 csv)
OUT=fuzz/out
BIN=$OUT/bin
DRIVER=$BIN/DeepLearningPipelines.Fuzz.dll
# The same driver before instrumentation: instrumented code only runs under afl-fuzz (it writes to AFL's shared map).
REPLAY=fuzz/DeepLearningPipelines.Fuzz/bin/Release/net10.0/DeepLearningPipelines.Fuzz.dll
SHARPFUZZ=$OUT/tools/sharpfuzz
# Gives the fuzzed process a bounded heap, so a runaway allocation is an OutOfMemoryException (a finding), not swap.
export DOTNET_GCHeapHardLimit=0x40000000
export DOTNET_TieredPGO=0
export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 AFL_NO_UI=1
export AFL_FORKSRV_INIT_TMOUT=60000

usage() { echo "usage: $0 TARGET SECONDS | $0 --smoke [SECONDS]   (targets: ${TARGETS[*]})" >&2; exit 2; }

install_afl() {
  command -v afl-fuzz >/dev/null && return 0
  echo "fuzz: installing afl++"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq >/dev/null 2>&1
  DEBIAN_FRONTEND=noninteractive timeout 600 $sudo apt-get install -y -qq --no-install-recommends afl++ >/dev/null 2>&1
  command -v afl-fuzz >/dev/null
}

install_sharpfuzz() {
  [ -x "$SHARPFUZZ" ] && return 0
  timeout 300 dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$OUT/tools" >/dev/null
}

build() {
  [ "${FUZZ_REUSE_BUILD:-0}" = "1" ] && [ -f "$DRIVER" ] && return 0
  rm -rf "$BIN"
  timeout 900 dotnet publish fuzz/DeepLearningPipelines.Fuzz -c Release -o "$BIN" -v q -nologo >"$OUT/build.log" 2>&1 \
    || { cat "$OUT/build.log" >&2; return 1; }
  "$SHARPFUZZ" "$BIN/DeepLearningPipelines.dll" >"$OUT/instrument.log" 2>&1 || { cat "$OUT/instrument.log" >&2; return 1; }
}

stat_of() { awk -F' *: *' -v k="$2" '$1 == k { print $2 }' "$1" 2>/dev/null; }

# Replays one saved input outside AFL and prints its class: "managed" (an unexpected .NET exception or a hang in
# managed code: a finding), "native" (the process died by a signal inside a native library, libhdf5 or libturbojpeg,
# or an .h5 input hung inside libhdf5; reported, see docs/fuzzing.md) or "none" (did not reproduce, e.g. a timeout
# under load). The driver's verdict goes to stderr.
classify() {
  local target=$1 input=$2 log rc
  log=$(timeout -k 5 60 dotnet "$REPLAY" "$target" "$input" 2>&1); rc=$?
  echo "$log" | grep -E -A3 '^(FINDING|HANG)' | head -c 1500 >&2
  if echo "$log" | grep -q '^FINDING'; then echo managed
  elif echo "$log" | grep -q '^HANG'; then [ "$target" = h5 ] && echo native || echo managed
  elif [ "$rc" -gt 128 ] && [ "$rc" -ne 137 ]; then echo native
  elif [ "$rc" -ne 0 ]; then echo managed
  else echo none
  fi
}

# Fuzzes one target and prints its figures; returns the number of managed findings (at most 254), 255 when AFL failed.
fuzz_target() {
  local target=$1 seconds=$2 dir="$OUT/afl/$1" findings="fuzz/findings/$1"
  local dict=(); [ -f "fuzz/dict/$target.dict" ] && dict=(-x "fuzz/dict/$target.dict")
  rm -rf "$dir"; mkdir -p "$dir" "$findings"
  echo "fuzz: $target for ${seconds}s"
  timeout -k 10 $((seconds + 180)) afl-fuzz -V "$seconds" -i "fuzz/corpus/$target" -o "$dir" -t 5000 -m none "${dict[@]}" \
    -- dotnet "$DRIVER" "$target" >"$dir.log" 2>&1
  local rc=$? stats="$dir/default/fuzzer_stats"
  if [ ! -f "$stats" ]; then echo "fuzz: afl-fuzz did not start for $target (exit $rc):" >&2; tail -20 "$dir.log" >&2; return 255; fi
  local managed=0 native=0 none=0 input kind
  for input in "$dir"/default/crashes/id:* "$dir"/default/hangs/id:*; do
    [ -f "$input" ] || continue
    kind=$(classify "$target" "$input")
    [ "$kind" = none ] || cp "$input" "$findings/$kind-$(basename "$(dirname "$input")")-$(basename "$input" | tr ':,' '__')"
    case $kind in managed) managed=$((managed + 1)) ;; native) native=$((native + 1)) ;; *) none=$((none + 1)) ;; esac
  done
  printf 'fuzz: %-4s %4ss execs %-8s corpus %-4s crashes %-3s hangs %-3s -> managed findings %s, native-library %s, not reproduced %s\n' \
    "$target" "$(stat_of "$stats" run_time)" "$(stat_of "$stats" execs_done)" "$(stat_of "$stats" corpus_count)" \
    "$(stat_of "$stats" saved_crashes)" "$(stat_of "$stats" saved_hangs)" "$managed" "$native" "$none"
  return $((managed > 254 ? 254 : managed))
}

# Without AFL++ the smoke run still replays every seed corpus through the (uninstrumented) driver.
replay_corpora() {
  timeout 900 dotnet build fuzz/DeepLearningPipelines.Fuzz -c Release -v q -nologo >/dev/null || return 3
  local status=0 t
  for t in "${TARGETS[@]}"; do
    timeout -k 5 300 dotnet "$REPLAY" "$t" "fuzz/corpus/$t" | grep -v '^ok' || true
    [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  done
  return $status
}

[ $# -ge 1 ] || usage
mkdir -p "$OUT"
# The h5 and jpeg targets need libhdf5 and libturbojpeg; without them every input would be a DllNotFoundException.
bash scripts/install-deps.sh >/dev/null || exit 3
if [ "$1" = "--smoke" ]; then
  seconds=${2:-30}
  if ! install_afl; then
    echo "fuzz: afl++ could not be installed; replaying the seed corpora only" >&2
    replay_corpora; exit $?
  fi
  install_sharpfuzz && build || exit 3
  total=0
  for t in "${TARGETS[@]}"; do fuzz_target "$t" "$seconds"; found=$?; [ "$found" -eq 255 ] && exit 3; total=$((total + found)); done
  if [ "$total" -gt 0 ]; then echo "fuzz: $total managed finding(s); inputs in fuzz/findings/"; exit 1; fi
  echo "fuzz: smoke run found no managed findings"
  exit 0
fi

[ $# -eq 2 ] && [[ "$2" =~ ^[0-9]+$ ]] || usage
[[ " ${TARGETS[*]} " == *" $1 "* ]] || usage
install_afl || { echo "fuzz: afl-fuzz is required (apt-get install afl++)" >&2; exit 3; }
install_sharpfuzz && build || exit 3
fuzz_target "$1" "$2"; found=$?
if [ "$found" -eq 255 ]; then exit 3; fi
[ "$found" -eq 0 ] && echo "fuzz: no managed findings" || echo "fuzz: $found managed finding(s); inputs in fuzz/findings/$1/"
exit $((found > 0))
