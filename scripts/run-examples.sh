#!/usr/bin/env bash
# Installs what is missing, builds the dlp command, and runs the case studies on the embedded local engine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
dotnet build src/Dlp.Cli -c Release -o out/dlp -v quiet -nologo
mkdir -p out/examples

echo "== Letter recognition (MultilayerPerceptronClassifier)"
out/dlp/dlp examples ocr --out out/examples/ocr

echo "== Birds vs planes (CNN features + LogisticRegression)"
models="${DLP_MODELS:-${XDG_CACHE_HOME:-$HOME/.cache}/dlp/models}"
if [ -e "$models/InceptionV3/model.json" ] || [ -e "$models/inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5" ]; then
  out/dlp/dlp examples birds-planes --model InceptionV3
else
  echo "InceptionV3 weights are not in $models ('dlp models fetch InceptionV3' downloads them when online);"
  echo "using the bundled SqueezeNet 1.1 (ONNX) instead."
  out/dlp/dlp examples birds-planes --model samples/models/squeezenet1.1/model.onnx --bgr --feature-layer fire9/concat_1
fi
