#!/usr/bin/env python3
"""The GPU as the CUDA driver describes it, without PyTorch (quick): name, multiprocessors, memory, and the
theoretical memory bandwidth, 2 (double data rate) x memory clock x bus width, from the driver's attributes
(CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE, in kHz, and CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH, in bits).

Appends one JSON line {"event": "gpu", ...} to --json FILE and prints it. Exits 0 also without a driver (it says so),
so that a dry run on a machine without a GPU goes on.
"""
import argparse
import ctypes
import json
import sys

CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT = 16
CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE = 36
CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH = 37
CU_DEVICE_ATTRIBUTE_L2_CACHE_SIZE = 38
CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75
CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76


def describe():
    try:
        cuda = ctypes.CDLL("libcuda.so.1")
    except OSError as missing:
        return {"event": "gpu", "error": "no libcuda.so.1: %s" % missing}

    def check(result, call):
        if result != 0:
            raise RuntimeError("%s returned %d" % (call, result))

    check(cuda.cuInit(0), "cuInit")
    device = ctypes.c_int()
    check(cuda.cuDeviceGet(ctypes.byref(device), 0), "cuDeviceGet")
    name = ctypes.create_string_buffer(256)
    check(cuda.cuDeviceGetName(name, 256, device), "cuDeviceGetName")
    memory = ctypes.c_size_t()
    check(cuda.cuDeviceTotalMem_v2(ctypes.byref(memory), device), "cuDeviceTotalMem_v2")
    version = ctypes.c_int()
    check(cuda.cuDriverGetVersion(ctypes.byref(version)), "cuDriverGetVersion")

    def attribute(number):
        value = ctypes.c_int()
        result = cuda.cuDeviceGetAttribute(ctypes.byref(value), number, device)
        return value.value if result == 0 else None

    clock_khz = attribute(CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE)
    bus_bits = attribute(CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH)
    line = {
        "event": "gpu",
        "name": name.value.decode(errors="replace"),
        "driver_cuda_version": "%d.%d" % (version.value // 1000, version.value % 1000 // 10),
        "memory_bytes": memory.value,
        "multiprocessors": attribute(CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT),
        "compute_capability": "%s.%s" % (attribute(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
                                         attribute(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR)),
        "l2_bytes": attribute(CU_DEVICE_ATTRIBUTE_L2_CACHE_SIZE),
        "memory_clock_khz": clock_khz,
        "memory_bus_bits": bus_bits,
    }
    if clock_khz and bus_bits:
        line["theoretical_bandwidth_bytes_s"] = 2.0 * clock_khz * 1e3 * bus_bits / 8
    return line


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", help="append the JSON line to this file")
    args = parser.parse_args()
    try:
        line = describe()
    except Exception as failure:  # a driver that answers with an error: say so, go on
        line = {"event": "gpu", "error": str(failure)}
    text = json.dumps(line)
    print(text)
    if args.json:
        with open(args.json, "a") as out:
            out.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
