#!/usr/bin/env bash
# Builds every sample under samples/ and runs each on small data; prints a summary and exits non-zero when any fails.
# The Cluster sample runs again under `mpirun -np 2` when mpirun exists and must print what the single process printed.
# Usage: bash scripts/run-samples.sh [SHARED_DIR]   (default: ../shared beside the repository, for the InceptionV3 and
# MobileNet TF.js exports; set DLP_MODELS instead to use a models folder of your own). Output: out/samples/NAME.log.
set -uo pipefail
cd "$(dirname "$0")/.."
shared="${1:-../shared}"
logs=out/samples
mkdir -p "$logs"

fail() { echo "error: $*" >&2; exit 1; }

if [ -z "${DLP_MODELS:-}" ]; then
  [ -d "$shared/models" ] || fail "no $shared/models: pass the shared folder, or set DLP_MODELS to a folder with InceptionV3/ and MobileNet_0.25/"
  DLP_MODELS="$(mktemp -d)"
  trap 'rm -rf "$DLP_MODELS"' EXIT
  ln -s "$(realpath "$shared/models/inception_v3_backbone")" "$DLP_MODELS/InceptionV3"
  ln -s "$(realpath "$shared/models/mobilenet_v1_0.25")" "$DLP_MODELS/MobileNet_0.25"
fi
export DLP_MODELS
keras_model="$DLP_MODELS/MobileNet_0.25/model.json"

fashion=/usr/share/datasets/fashion-mnist
if [ ! -e "$fashion/t10k-images-idx3-ubyte.gz" ] && command -v apt-get > /dev/null && [ "$(id -u)" = 0 ]; then
  apt-get install -y -q dataset-fashion-mnist > /dev/null 2>&1 || { apt-get update -q > /dev/null && apt-get install -y -q dataset-fashion-mnist > /dev/null; }
fi

echo "== building samples/Samples.slnx"
dotnet build samples/Samples.slnx -c Release -v quiet -nologo > "$logs/build.log" 2>&1 || { cat "$logs/build.log"; fail "the samples do not build"; }

# name | arguments (small data: a shorter MLP run, 20 images per class through SqueezeNet, InceptionV3 at mixed8,
# 3 epochs on the letters, 1 epoch per fit for the image estimator)
squeezenet=samples/models/squeezenet1.1/model.onnx
cluster_args=(samples/birds-planes "$squeezenet")   # + a master: local[*] alone, the default mpi under mpirun
samples=(
  "Ocr|samples/letter-recognition/letter-recognition.csv 100"
  "BirdsVsPlanes|samples/birds-planes mixed8"
  "Predictor|samples/birds-planes/planes samples/models/squeezenet1.1/model.onnx"
  "Digits|$fashion 20 samples/models/squeezenet1.1/model.onnx"
  "CrossValidation|samples/birds-planes InceptionV3 MobileNet_0.25"
  "KerasImageFile|samples/birds-planes/planes $keras_model"
  "KerasTensor|samples/letter-recognition/letter-recognition.csv 3"
  "ImageFileEstimator|samples/birds-planes MobileNet_0.25 1"
  "SqlFunction|samples/birds-planes $squeezenet"
  "Streaming|samples/birds-planes $squeezenet"
  "Cluster|${cluster_args[*]} local[*]"
)

summary=() failed=0
for entry in "${samples[@]}"; do
  name="${entry%%|*}"; read -r -a sample_args <<< "${entry#*|}"
  echo "== $name"
  start=$SECONDS
  if dotnet run --no-build -c Release --project "samples/$name" -- "${sample_args[@]}" > "$logs/$name.log" 2>&1; then
    status=ok
  else
    status=FAILED; failed=$((failed + 1))
  fi
  tail -n 8 "$logs/$name.log"
  summary+=("$(printf '%-19s %-7s %4d s' "$name" "$status" $((SECONDS - start)))")
done

# The cluster run: the Cluster sample (above: one ordinary process) again as an MPI job of two ranks; the model and
# the accuracy must be the single process's.
answers() { grep -E '^(model:|Test set accuracy)' "$1"; }
if command -v mpirun > /dev/null; then
  echo "== Cluster under mpirun -np 2"
  start=$SECONDS
  if mpirun --allow-run-as-root --oversubscribe -np 2 -x TERM=dumb -x DLP_MODELS \
       dotnet samples/Cluster/bin/Release/net10.0/Cluster.dll "${cluster_args[@]}" > "$logs/Cluster-mpi.log" 2>&1 \
     && [ -n "$(answers "$logs/Cluster-mpi.log")" ] && [ "$(answers "$logs/Cluster-mpi.log")" = "$(answers "$logs/Cluster.log")" ]; then
    status=ok
  else
    status=FAILED; failed=$((failed + 1))
    echo "two ranks printed:"; answers "$logs/Cluster-mpi.log"; echo "one process printed:"; answers "$logs/Cluster.log"
  fi
  tail -n 4 "$logs/Cluster-mpi.log"
  summary+=("$(printf '%-19s %-7s %4d s  (same model and accuracy as one process)' "Cluster (2 ranks)" "$status" $((SECONDS - start)))")
else
  echo "note: no mpirun (apt-get install openmpi-bin), so the Cluster sample ran as one process only"
  summary+=("Cluster (2 ranks)   not run: no mpirun; the sample ran as one process only")
fi

echo; echo "== summary (logs in $logs)"
printf '%s\n' "${summary[@]}"
[ "$failed" = 0 ] || fail "$failed of ${#summary[@]} sample runs failed"
echo "all ${#samples[@]} samples ran"
