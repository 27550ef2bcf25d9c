#!/usr/bin/env bash
# The device check of the XLA backend (issue 21), on a lent GPU machine, through JAX's CUDA plugin: the same bundle
# and script as the CUDA backend's (backend-cuda/device-check/README.md), with DEVICE_CHECK_SUITE=xla:
#   here:   backend-cuda/device-check/prepare.sh
#   there:  the device tool's run, command `bash backend-tpu-xla/device-check/run.sh`,
#           carry ["backend-cuda/target/device-check"], timeout_s 540
# It runs the GPU-tagged tests of dev.caracal.backend.xla (the conformance suite and greedy stories260K through the
# plugin), greedy agreement with the CPU backend, and decode/prefill speed of the 1B shape in Q8_0 on the XLA backend
# beside the CUDA backend and PyTorch. Knobs as in backend-cuda/device-check/run.sh (DEVICE_CHECK_FORMATS, ...).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DEVICE_CHECK_SUITE=xla exec bash "$here/../../backend-cuda/device-check/run.sh" "$@"
