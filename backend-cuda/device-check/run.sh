#!/usr/bin/env bash
# The device check of issue 20, run THERE (the lent GPU machine, from the repository root) by the device tool:
#   command 'bash backend-cuda/device-check/run.sh', carry ["backend-cuda/target/device-check"], timeout_s 540
# after backend-cuda/device-check/prepare.sh ran HERE. See README.md beside this file.
#
# Steps, each under its own time limit, all run whatever the others did, each one's exit code reported:
#   setup    unpack the carried Java runtime and jars, find libnvrtc (CARACAL_NVRTC) in the Python nvidia wheels,
#            nvidia-smi, the GPU as the driver describes it (gpu_info.py)
#   models   in the background from then on: the 1B-shape models, written by RandomModelWriter from the carried jars
#            (0.6 to 2.2 GB each: too big to carry)
#   probe    every backend's availability, as the registry sees it
#   tests    backend-cuda's tests (conformance, GPU tests) through the JUnit console launcher, XML report in $OUT/junit
#   agreement  greedy decoding of stories260K (the copy the server bundles) on cpu and cuda, token by token, and
#            llama.cpp's text
#   agreement-models  the same on the 1B-shape models, 3 prompts x 12 tokens (their kernels at full size)
#   speed-F  decode at batch 1 and 16 and prefill of 512 tokens for the 1B shape in format F (Q4_0, F16, Q8_0); the
#            logits' trip to the host and the engine's sampler on one row, per step (the sampling choice)
#   own-kernels-F  prefill of 512 tokens again with cuBLAS off (caracal.cuda.gemm-rows=0): cuBLAS on dequantized
#            tiles against our own matrix kernels, for F in DEVICE_CHECK_OWN_KERNEL_FORMATS (Q4_0,F16)
#   torch    PyTorch on the same GPU (torch_bench.py): transformers' LlamaForCausalLM, same shape, bf16, static
#            cache, torch.compile; and the device-to-device copy bandwidth
#   summary  summarize.py: the markdown report, printed and written to $OUT/device-check.md
# $OUT gets device-check.log (everything printed), device-check.md, results.jsonl and junit/.
#
# A dry run on a machine without a GPU (after prepare.sh), with the CPU backend and small sizes:
#   DEVICE_CHECK_BACKEND=cpu DEVICE_CHECK_SHAPE=small DEVICE_CHECK_BATCHES=1,4 DEVICE_CHECK_PROMPT=64 \
#   DEVICE_CHECK_PREFILL=64 DEVICE_CHECK_DECODE=16 bash backend-cuda/device-check/run.sh
# Other knobs: DEVICE_CHECK_FORMATS (Q4_0,F16,Q8_0), DEVICE_CHECK_REPETITIONS (3), DEVICE_CHECK_TORCH (auto|0),
# DEVICE_CHECK_TORCH_ARGS, DEVICE_CHECK_TEST_ARGS (JUnit console options; default "--include-tag gpu": the tests that
# run on the device, not the emulated ones, which need the source tree and g++),
# DEVICE_CHECK_HEAP (8g), DEVICE_CHECK_WORK (/tmp/caracal-device-check: runtime and models),
# DEVICE_CHECK_LIMIT_<STEP> (seconds: PROBE 30, TESTS 90, AGREEMENT 45, MODELS 150, AGREEMENT_MODELS 45, SPEED 40 per
# format, OWN_KERNELS 25 per format, TORCH 170), DEVICE_CHECK_DEADLINE (480 s from the start: a step's limit is cut to
# what is left of it less 10 s for the summary, and a step with under 5 s left is skipped, so the report is always
# written well inside the device tool's timeout_s 540). Expected on an H100: about 4 to 5 minutes.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
here="backend-cuda/device-check"
carry="${DEVICE_CHECK_CARRY:-backend-cuda/target/device-check}"
out="${OUT:-$root/backend-cuda/target/device-check-out}"
work="${DEVICE_CHECK_WORK:-/tmp/caracal-device-check}"
# DEVICE_CHECK_SUITE=xla checks the XLA backend (issue 21) through JAX's CUDA plugin instead, beside the CUDA backend:
# backend-tpu-xla/device-check/run.sh sets it.
suite="${DEVICE_CHECK_SUITE:-cuda}"
if [ "$suite" = xla ]; then
  backend="${DEVICE_CHECK_BACKEND:-xla}"
  test_package="dev.caracal.backend.xla"
  default_formats="Q8_0"
  default_limit_tests=150
  default_limit_speed=90   # the first step program of the 1B shape is compiled by XLA inside it
  # batch 1 again at the end: the same load served twice must compile nothing the second time
  default_batches="1,16,1"
else
  backend="${DEVICE_CHECK_BACKEND:-cuda}"
  test_package="dev.caracal.backend.cuda"
  default_formats="Q4_0,F16,Q8_0"
  default_limit_tests=90
  default_limit_speed=40
  default_batches="1,16"
fi
shape="${DEVICE_CHECK_SHAPE:-1b}"
formats="${DEVICE_CHECK_FORMATS:-$default_formats}"
batches="${DEVICE_CHECK_BATCHES:-$default_batches}"
prompt="${DEVICE_CHECK_PROMPT:-512}"
prefill="${DEVICE_CHECK_PREFILL:-512}"
decode="${DEVICE_CHECK_DECODE:-256}"
repetitions="${DEVICE_CHECK_REPETITIONS:-3}"
limit_probe="${DEVICE_CHECK_LIMIT_PROBE:-30}"
limit_tests="${DEVICE_CHECK_LIMIT_TESTS:-$default_limit_tests}"
limit_agreement="${DEVICE_CHECK_LIMIT_AGREEMENT:-45}"
limit_models="${DEVICE_CHECK_LIMIT_MODELS:-150}"
limit_speed="${DEVICE_CHECK_LIMIT_SPEED:-$default_limit_speed}"
limit_torch="${DEVICE_CHECK_LIMIT_TORCH:-170}"
limit_agreement_models="${DEVICE_CHECK_LIMIT_AGREEMENT_MODELS:-45}"
limit_own_kernels="${DEVICE_CHECK_LIMIT_OWN_KERNELS:-25}"
limit_cuda_speed="${DEVICE_CHECK_LIMIT_CUDA_SPEED:-40}"
own_kernel_formats="${DEVICE_CHECK_OWN_KERNEL_FORMATS:-Q4_0,F16}"
deadline="${DEVICE_CHECK_DEADLINE:-480}"
stories="platform-spring-boot-autoconfigure/src/main/resources/models/stories260K.gguf"
# The tests resolve shared data (models/stories260K.gguf) here: ../shared does not travel, the bundled copy does.
export CARACAL_SHARED_DIR="$root/platform-spring-boot-autoconfigure/src/main/resources"
models="$work/models"

mkdir -p "$out" "$work"
rm -rf "$out/junit"
results="$out/results.jsonl"
: > "$results"
steps="$work/steps.txt"
: > "$steps"
began="$(date +%s)"

elapsed() { echo $(( $(date +%s) - began )); }

# step NAME LIMIT COMMAND...: runs COMMAND under `timeout LIMIT`, records its exit code (124: timed out).
step() {
  local name="$1" limit="$2" left
  shift 2
  left=$(( deadline - $(elapsed) - 10 ))
  if [ "$left" -lt 5 ]; then
    skip "$name" "no time left before the ${deadline} s deadline"
    echo "$name skipped" >> "$steps"
    return 0
  fi
  [ "$left" -lt "$limit" ] && limit="$left"
  echo
  echo "=== [$(elapsed) s] $name (limit $limit s)"
  local start rc seconds
  start="$(date +%s.%N)"
  timeout --kill-after=10 "$limit" "$@"
  rc=$?
  seconds="$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}')"
  echo "=== [$(elapsed) s] $name: exit $rc after $seconds s$([ "$rc" = 124 ] && echo ' (TIMED OUT)')"
  printf '{"event":"step","name":"%s","rc":%d,"seconds":%s,"limit":%d}\n' "$name" "$rc" "$seconds" "$limit" \
    >> "$results"
  echo "$name $rc" >> "$steps"
  return 0
}

skip() {
  echo
  echo "=== [$(elapsed) s] $1: skipped ($2)"
  printf '{"event":"step","name":"%s","rc":null,"seconds":0,"limit":0,"skipped":"%s"}\n' "$1" "$2" >> "$results"
}

setup() {
  echo "=== device check: backend $backend, shape $shape, formats $formats, batches $batches, prompt $prompt," \
    "prefill $prefill, decode $decode; $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(hostname)"
  [ -f "$carry/manifest.txt" ] && head -1 "$carry/manifest.txt"
  if [ ! -f "$carry/bundle.tar.xz" ] || [ ! -f "$carry/classpath.txt" ]; then
    echo "no $carry/bundle.tar.xz or classpath.txt: run backend-cuda/device-check/prepare.sh first and carry $carry"
    return 1
  fi
  # The Java runtime and the jars, unpacked once per machine (again when the bundle changes).
  local sum bundle="$work/bundle"
  sum="$(cksum < "$carry/bundle.tar.xz")"
  if [ ! -x "$bundle/runtime/bin/java" ] || [ "$(cat "$work/bundle.stamp" 2>/dev/null)" != "$sum" ]; then
    rm -rf "$bundle"
    mkdir -p "$bundle"
    if ! tar -C "$bundle" -xJf "$carry/bundle.tar.xz" 2>/dev/null; then
      rm -rf "$bundle"
      mkdir -p "$bundle"
      python3 -c 'import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])' \
        "$carry/bundle.tar.xz" "$bundle" || return 1
    fi
    echo "$sum" > "$work/bundle.stamp"
  fi
  java="$bundle/runtime/bin/java"
  classpath="$(sed "s|^|$bundle/|" "$carry/classpath.txt" | paste -sd:)"
  java_options=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED
    "-Xmx${DEVICE_CHECK_HEAP:-8g}" -Dslf4j.internal.verbosity=ERROR)
  "$java" -version 2>&1 | head -1
  export CARACAL_REPOSITORY_ROOT="$root"

  # The driver and NVRTC. The CUDA 13 wheels keep libnvrtc under site-packages/nvidia/cu13/lib (older ones under
  # nvidia/cuda_nvrtc/lib); the image's python3 is a virtual environment that the backend's own search may not see.
  if [ -d /usr/local/nvidia/lib64 ]; then
    export LD_LIBRARY_PATH="/usr/local/nvidia/lib64${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  fi
  if [ -z "${CARACAL_NVRTC:-}" ] || [ ! -f "$CARACAL_NVRTC" ]; then
    local roots nvrtc
    roots="$(python3 -c 'import nvidia; print("\n".join(list(nvidia.__path__)))' 2>/dev/null)"
    nvrtc="$(find $roots /usr/local/cuda/lib64 /usr/local/cuda/targets/x86_64-linux/lib -maxdepth 3 \
      -name 'libnvrtc.so*' ! -name '*builtins*' 2>/dev/null | sort | head -1)"
    if [ -n "$nvrtc" ]; then
      export CARACAL_NVRTC="$nvrtc"
      export LD_LIBRARY_PATH="$(dirname "$nvrtc")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    fi
  fi
  echo "CARACAL_NVRTC=${CARACAL_NVRTC:-(none found)}"
  if [ "$suite" = xla ]; then
    # JAX's CUDA plugin, and the CUDA data folder (ptxas, libdevice) XLA compiles with, from the nvidia wheels.
    if [ -z "${CARACAL_XLA_PLUGIN:-}" ]; then
      local plugin
      plugin="$(python3 -c 'import importlib.util as u, os
for name in ("jax_plugins.xla_cuda13", "jax_plugins.xla_cuda12"):
    spec = u.find_spec(name)
    if spec and spec.submodule_search_locations:
        path = os.path.join(list(spec.submodule_search_locations)[0], "xla_cuda_plugin.so")
        if os.path.exists(path):
            print(path); break' 2>/dev/null)"
      [ -n "$plugin" ] && export CARACAL_XLA_PLUGIN="$plugin"
    fi
    if [ -z "${XLA_FLAGS:-}" ]; then
      local ptxas
      ptxas="$(find $(python3 -c 'import nvidia; print(" ".join(list(nvidia.__path__)))' 2>/dev/null) \
        -maxdepth 4 -name ptxas -type f 2>/dev/null | head -1)"
      [ -n "$ptxas" ] && export XLA_FLAGS="--xla_gpu_cuda_data_dir=$(dirname "$(dirname "$ptxas")")"
    fi
    echo "CARACAL_XLA_PLUGIN=${CARACAL_XLA_PLUGIN:-(none found)} XLA_FLAGS=${XLA_FLAGS:-}"
    java_options+=("-Dcaracal.backend.xla.enable=true")
  fi
  # NVRTC's CUBINs, kept where every JVM of this check finds them (the home folder may not be writable)
  export CARACAL_CUDA_CACHE="${CARACAL_CUDA_CACHE:-$work/cuda-cache}"
  echo "libcuda: $(ldconfig -p 2>/dev/null | grep -m1 'libcuda.so.1' | sed 's/.*=> //' || true)"
  if command -v nvidia-smi > /dev/null; then
    nvidia-smi
    nvidia-smi --format=csv --query-gpu=name,memory.total,clocks.max.sm,clocks.max.memory,clocks.sm,clocks.mem,\
power.limit,temperature.gpu,driver_version,compute_cap
  else
    echo "nvidia-smi: not here (no GPU)"
  fi
  python3 "$here/gpu_info.py" --json "$results"
  df -h "$work" | tail -1
  return 0
}

main() {
  local setup_start
  setup_start="$(date +%s)"
  if ! setup; then
    echo "setup failed: nothing else can run"
    printf '{"event":"step","name":"setup","rc":1,"seconds":%d,"limit":0}\n' $(( $(date +%s) - setup_start )) \
      >> "$results"
    python3 "$here/summarize.py" "$results" --junit "$out/junit" --out "$out/device-check.md" --suite "$suite"
    return 1
  fi
  printf '{"event":"step","name":"setup","rc":0,"seconds":%d,"limit":0}\n' $(( $(date +%s) - setup_start )) \
    >> "$results"
  echo "setup 0" >> "$steps"
  local device_check=("$java" "${java_options[@]}" -cp "$classpath" dev.caracal.backend.cuda.devicecheck.DeviceCheck)

  # The models, written while the tests and the agreement run (those need little CPU).
  step models "$limit_models" "${device_check[@]}" models --dir "$models" --shape "$shape" --formats "$formats" \
    --json "$results" > "$work/models.log" 2>&1 &
  local models_pid=$!

  step probe "$limit_probe" "${device_check[@]}" probe --json "$results"
  step tests "$limit_tests" "$java" "${java_options[@]}" -cp "$classpath" \
    org.junit.platform.console.ConsoleLauncher execute --select-package "$test_package" \
    --reports-dir "$out/junit" --details tree --disable-banner --disable-ansi-colors --fail-if-no-tests \
    ${DEVICE_CHECK_TEST_ARGS:---include-tag gpu}
  step agreement "$limit_agreement" "${device_check[@]}" agreement --model "$stories" --backends "cpu,$backend" \
    --tokens 64 --json "$results"

  echo
  echo "=== [$(elapsed) s] waiting for the models"
  wait "$models_pid"
  cat "$work/models.log"
  local format file files=()
  for format in ${formats//,/ }; do
    files+=("$models/random-$shape-$(echo "$format" | tr 'A-Z' 'a-z').gguf")
  done
  step agreement-models "$limit_agreement_models" "${device_check[@]}" agreement \
    --model "$(IFS=,; echo "${files[*]}")" --backends "cpu,$backend" --prompts 3 --tokens 12 --json "$results"
  for format in ${formats//,/ }; do
    file="$models/random-$shape-$(echo "$format" | tr 'A-Z' 'a-z').gguf"
    step "speed-$format" "$limit_speed" "${device_check[@]}" speed --model "$file" --backend "$backend" \
      --label "$format" --batches "$batches" --prefill "$prefill" --prompt "$prompt" --decode "$decode" \
      --repetitions "$repetitions" --json "$results"
  done

  if [ "$suite" = xla ] && [ "$backend" != xla ]; then
    skip speed-cuda "the side-by-side needs the xla backend (DEVICE_CHECK_BACKEND=$backend)"
  elif [ "$suite" = xla ]; then
    # the CUDA backend on the same file, for the side-by-side the issue asks for
    for format in ${formats//,/ }; do
      file="$models/random-$shape-$(echo "$format" | tr 'A-Z' 'a-z').gguf"
      step "speed-cuda-$format" "$limit_cuda_speed" "${device_check[@]}" speed --model "$file" --backend cuda \
        --label "$format" --batches "$batches" --prefill "$prefill" --prompt "$prompt" --decode "$decode" \
        --repetitions "$repetitions" --json "$results"
    done
  fi

  if [ "$suite" = cuda ]; then
    # cuBLAS on dequantized F16 tiles (the default from caracal.cuda.gemm-rows rows) against our own kernels
    for format in ${own_kernel_formats//,/ }; do
      [[ ",$formats," == *",$format,"* ]] || continue
      file="$models/random-$shape-$(echo "$format" | tr 'A-Z' 'a-z').gguf"
      step "own-kernels-$format" "$limit_own_kernels" "$java" "${java_options[@]}" -Dcaracal.cuda.gemm-rows=0 \
        -cp "$classpath" dev.caracal.backend.cuda.devicecheck.DeviceCheck speed --model "$file" --backend "$backend" \
        --label "$format" --variant "own kernels" --engine false --sampling false --prefill "$prefill" \
        --decode 16 --repetitions "$repetitions" --json "$results"
    done
  fi

  if [ "${DEVICE_CHECK_TORCH:-auto}" = 0 ]; then
    skip torch "DEVICE_CHECK_TORCH=0"
  elif ! python3 -c 'import importlib.util as u, sys
sys.exit(0 if u.find_spec("torch") and u.find_spec("transformers") else 1)' 2>/dev/null; then
    skip torch "no torch or transformers for python3 here"
  else
    step torch "$limit_torch" env PYTHONUNBUFFERED=1 python3 "$here/torch_bench.py" --json "$results" \
      --shape "$shape" --batches "$batches" --prompt "$prompt" --decode "$decode" --repetitions "$repetitions" \
      ${DEVICE_CHECK_TORCH_ARGS:-}
  fi

  echo
  echo "=== [$(elapsed) s] summary"
  echo
  python3 "$here/summarize.py" "$results" --junit "$out/junit" --out "$out/device-check.md" --suite "$suite"
  echo "steps (exit codes): $(tr '\n' ' ' < "$steps")"
  echo "=== device check done in $(elapsed) s; report in $out/device-check.md"
  if awk '$2 != 0 {bad = 1} END {exit !bad}' "$steps"; then
    return 1
  fi
  return 0
}

main 2>&1 | tee "$out/device-check.log"
exit "${PIPESTATUS[0]}"
