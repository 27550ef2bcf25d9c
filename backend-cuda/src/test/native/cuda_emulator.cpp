// Runs Caracal's CUDA kernel source on the CPU, for the tests of machines without a GPU.
//
// Each CUDA thread of a block is a fiber with its own stack, switched by a few instructions of assembly (x86-64
// System V). A block runs on one OS thread: its fibers take turns, each running until it reaches a barrier
// (__syncthreads for the block, a warp shuffle for its warp) or ends; a barrier opens when every thread it waits for
// has arrived. Blocks run one after another, so `__shared__` variables can be plain statics. Device memory is host
// memory. A barrier that some of the threads it waits for never reach (divergent __syncthreads or a shuffle by part
// of a warp) is reported as an error rather than hanging, which real hardware does not promise. Each allocation of
// device memory ends where an inaccessible page begins, so a kernel that reads past the end of a buffer stops the
// process with SIGSEGV (the JVM's crash report shows the kernel's frame) instead of reading a neighbour's bytes.
//
// Built by the tests with: g++ -O2 -std=c++20 -fno-strict-aliasing -shared -fPIC -I<kernels dir> cuda_emulator.cpp

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <sys/mman.h>
#include <unistd.h>

namespace emulator {

struct uint3_t {
    unsigned int x, y, z;
};

uint3_t thread_index;
uint3_t block_index;
uint3_t block_dimension;
uint3_t grid_dimension;

void block_barrier();
float exchange(float value, int source_lane);

}  // namespace emulator

struct float4 {
    float x, y, z, w;
};

struct uint4 {
    unsigned int x, y, z, w;
};

#define CARACAL_EMULATION 1
#define __global__
#define __device__ inline
#define __forceinline__
#define __shared__ static
#define threadIdx (emulator::thread_index)
#define blockIdx (emulator::block_index)
#define blockDim (emulator::block_dimension)
#define gridDim (emulator::grid_dimension)

static inline void __syncthreads() { emulator::block_barrier(); }

static inline float __shfl_xor_sync(unsigned int, float value, int lane_mask) {
    return emulator::exchange(value, (int) ((emulator::thread_index.x & 31) ^ lane_mask));
}

static inline float __shfl_sync(unsigned int, float value, int source_lane) {
    return emulator::exchange(value, source_lane);
}

static inline float __uint_as_float(unsigned int bits) {
    float value;
    std::memcpy(&value, &bits, 4);
    return value;
}

static inline float __int_as_float(int bits) { return __uint_as_float((unsigned int) bits); }

static inline unsigned int float_bits(float value) {
    unsigned int bits;
    std::memcpy(&bits, &value, 4);
    return bits;
}

static inline unsigned int __float_as_uint(float value) { return float_bits(value); }

static inline int min(int a, int b) { return a < b ? a : b; }

// IEEE binary16 to binary32, exactly (subnormals, infinities and NaN included).
static inline float half_to_float(unsigned short bits) {
    unsigned int sign = (unsigned int) (bits & 0x8000) << 16;
    int exponent = (bits >> 10) & 0x1F;
    unsigned int mantissa = bits & 0x3FF;
    if (exponent == 0x1F) {
        return __uint_as_float(sign | 0x7F800000u | (mantissa << 13));
    }
    if (exponent == 0) {
        float value = std::ldexp((float) mantissa, -24);
        return sign ? -value : value;
    }
    return __uint_as_float(sign | ((unsigned int) (exponent + 112) << 23) | (mantissa << 13));
}

// binary32 to binary16, rounded to nearest even (as cvt.rn.f16.f32 and Java's Float.floatToFloat16).
static inline unsigned short float_to_half(float value) {
    unsigned int bits = float_bits(value);
    unsigned short sign = (unsigned short) ((bits >> 16) & 0x8000);
    unsigned int magnitude = bits & 0x7FFFFFFFu;
    if (magnitude >= 0x7F800000u) {  // infinity or NaN
        return (unsigned short) (sign | 0x7C00 | (magnitude > 0x7F800000u ? 0x200 | ((magnitude >> 13) & 0x3FF) : 0));
    }
    if (magnitude >= 0x477FF000u) {  // rounds to infinity (65520 and above)
        return (unsigned short) (sign | 0x7C00);
    }
    if (magnitude < 0x38800000u) {  // below the smallest normal half: a subnormal or zero
        float scaled = __uint_as_float(magnitude) * 16777216.0f;  // the value in units of 2^-24, exact
        float rounded = std::nearbyint(scaled);                   // ties to even in the default rounding mode
        return (unsigned short) (sign | (unsigned short) rounded);
    }
    unsigned int exponent = (magnitude >> 23) - 112;
    unsigned int mantissa = magnitude & 0x7FFFFF;
    unsigned int result = (exponent << 10) | (mantissa >> 13);
    unsigned int rest = mantissa & 0x1FFF;
    if (rest > 0x1000 || (rest == 0x1000 && (result & 1))) {
        result++;
    }
    return (unsigned short) (sign | result);
}

#include "caracal_kernels.cu"

namespace emulator {

// Switches stacks: saves the callee-saved registers on the current stack and its pointer in *from, then restores
// those of `to` and returns into it.
extern "C" void emulator_switch(void** from, void* to);
asm(R"(
    .text
    .hidden emulator_switch
    .globl emulator_switch
    .type emulator_switch, @function
emulator_switch:
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    movq %rsp, (%rdi)
    movq %rsi, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret
    .size emulator_switch, .-emulator_switch
)");

enum class State { RUNNING, AT_BLOCK_BARRIER, AT_WARP_BARRIER, DONE };

struct Fiber {
    std::vector<unsigned char> stack;
    void* stack_pointer = nullptr;
    State state = State::RUNNING;
    unsigned int index = 0;
};

constexpr size_t STACK_BYTES = 32 * 1024;

std::vector<Fiber> fibers;
std::vector<float> exchange_slots;
void* scheduler_stack_pointer = nullptr;
Fiber* current = nullptr;
const std::function<void()>* kernel_body = nullptr;
std::string failure;

void yield_to_scheduler() { emulator_switch(&current->stack_pointer, scheduler_stack_pointer); }

void block_barrier() {
    current->state = State::AT_BLOCK_BARRIER;
    yield_to_scheduler();
}

void warp_barrier() {
    current->state = State::AT_WARP_BARRIER;
    yield_to_scheduler();
}

// Each thread's shuffles alternate between two halves of the slots: a thread can write its next shuffle's value
// while the rest of its warp still reads this one's, and cannot write the half again before they have (the next
// shuffle's barrier waits for them), so one barrier per shuffle suffices.
std::vector<unsigned char> exchange_phase;

float exchange(float value, int source_lane) {
    unsigned int me = current->index;
    size_t half = exchange_phase[me] * exchange_phase.size();
    exchange_phase[me] ^= 1;
    exchange_slots[half + me] = value;
    warp_barrier();
    return exchange_slots[half + (me & ~31u) + (unsigned int) source_lane];
}

extern "C" void fiber_entry() {
    (*kernel_body)();
    current->state = State::DONE;
    yield_to_scheduler();
    std::abort();  // a finished fiber is never resumed
}

void prepare(Fiber& fiber) {
    if (fiber.stack.empty()) {
        fiber.stack.resize(STACK_BYTES);
    }
    // The top of the stack as emulator_switch pops it: six registers, then fiber_entry as the return address, with
    // the stack aligned as at a function's entry (rsp + 8 a multiple of 16).
    uintptr_t top = (uintptr_t) (fiber.stack.data() + fiber.stack.size());
    top &= ~(uintptr_t) 15;
    void** frame = (void**) top;
    *--frame = nullptr;  // padding: after ret, rsp = top - 8
    *--frame = (void*) &fiber_entry;
    for (int i = 0; i < 6; i++) {
        *--frame = nullptr;
    }
    fiber.stack_pointer = frame;
    fiber.state = State::RUNNING;
}

// Runs one block of `threads` fibers to the end; false (with `failure` set) on a barrier nobody can open.
bool run_block(unsigned int threads) {
    for (unsigned int t = 0; t < threads; t++) {
        fibers[t].index = t;
        exchange_phase[t] = 0;
        prepare(fibers[t]);
    }
    while (true) {
        for (unsigned int t = 0; t < threads; t++) {
            if (fibers[t].state == State::RUNNING) {
                current = &fibers[t];
                thread_index = {t, 0, 0};
                emulator_switch(&scheduler_stack_pointer, fibers[t].stack_pointer);
            }
        }
        bool all_done = true;
        bool progress = false;
        for (unsigned int warp = 0; warp * 32 < threads; warp++) {
            unsigned int first = warp * 32;
            unsigned int last = std::min(threads, first + 32);
            bool waiting = true;
            bool any = false;
            for (unsigned int t = first; t < last; t++) {
                any |= fibers[t].state == State::AT_WARP_BARRIER;
                waiting &= fibers[t].state == State::AT_WARP_BARRIER;
            }
            if (any && !waiting) {
                failure = "a warp shuffle was reached by only part of warp " + std::to_string(warp);
                return false;
            }
            if (waiting) {
                for (unsigned int t = first; t < last; t++) {
                    fibers[t].state = State::RUNNING;
                }
                progress = true;
            }
        }
        if (progress) {
            continue;
        }
        bool at_barrier = false;
        for (unsigned int t = 0; t < threads; t++) {
            all_done &= fibers[t].state == State::DONE;
            at_barrier |= fibers[t].state == State::AT_BLOCK_BARRIER;
        }
        if (all_done) {
            return true;
        }
        if (at_barrier) {
            for (unsigned int t = 0; t < threads; t++) {
                if (fibers[t].state != State::AT_BLOCK_BARRIER) {
                    failure = "__syncthreads was not reached by thread " + std::to_string(t);
                    return false;
                }
            }
            for (unsigned int t = 0; t < threads; t++) {
                fibers[t].state = State::RUNNING;
            }
        }
    }
}

// The kernel's parameters, read from CUDA's kernelParams array (a pointer to each argument's value).
template <typename... Parameters, size_t... Index>
void invoke(void (*kernel)(Parameters...), void** parameters, std::index_sequence<Index...>) {
    kernel(*static_cast<std::remove_cv_t<std::remove_reference_t<Parameters>>*>(parameters[Index])...);
}

using Launcher = std::function<void(void**)>;

template <typename... Parameters>
Launcher launcher(void (*kernel)(Parameters...)) {
    return [kernel](void** parameters) {
        invoke(kernel, parameters, std::index_sequence_for<Parameters...>{});
    };
}

#define KERNEL(name) {#name, launcher(&name)}

const std::map<std::string, Launcher>& kernels() {
    static const std::map<std::string, Launcher> table = {
        KERNEL(matmul_f32), KERNEL(matmul_f16), KERNEL(matmul_bf16), KERNEL(matmul_q4_0), KERNEL(matmul_q4_1),
        KERNEL(matmul_q5_0), KERNEL(matmul_q5_1), KERNEL(matmul_q8_0), KERNEL(matmul_q4_k), KERNEL(matmul_q5_k),
        KERNEL(matmul_q6_k), KERNEL(matmul_iq4_nl),
        KERNEL(dequantize_half_f32), KERNEL(dequantize_half_f16), KERNEL(dequantize_half_bf16),
        KERNEL(dequantize_half_q4_0), KERNEL(dequantize_half_q4_1), KERNEL(dequantize_half_q5_0),
        KERNEL(dequantize_half_q5_1), KERNEL(dequantize_half_q8_0), KERNEL(dequantize_half_q4_k),
        KERNEL(dequantize_half_q5_k), KERNEL(dequantize_half_q6_k), KERNEL(dequantize_half_iq4_nl),
        KERNEL(floats_to_half), KERNEL(floats_to_bfloat),
        KERNEL(embedding_f32), KERNEL(embedding_f16), KERNEL(embedding_bf16), KERNEL(embedding_q4_0),
        KERNEL(embedding_q4_1), KERNEL(embedding_q5_0), KERNEL(embedding_q5_1), KERNEL(embedding_q8_0),
        KERNEL(embedding_q4_k), KERNEL(embedding_q5_k), KERNEL(embedding_q6_k),
        KERNEL(embedding_iq4_nl),
        KERNEL(rms_norm), KERNEL(head_rms_norm), KERNEL(rope), KERNEL(swiglu), KERNEL(add), KERNEL(add_bias),
        KERNEL(softmax), KERNEL(gather_rows), KERNEL(kv_store), KERNEL(attention_partial),
        KERNEL(attention_combine), KERNEL(attention_prefill),
    };
    return table;
}

std::mutex lock;

// Device memory: the mapping (start, length) of each allocation, by the address given out.
std::map<uintptr_t, std::pair<void*, size_t>> mappings;
std::mutex mappings_lock;

}  // namespace emulator

extern "C" {

// 1 when the emulator knows the kernel.
int emulator_has_kernel(const char* name) { return emulator::kernels().count(name) ? 1 : 0; }

// Launches a kernel and runs it to the end. Returns 0, or 1 for an unknown kernel, 2 for a bad launch shape and 3 for a
// barrier that cannot open; emulator_failure() then says what happened.
int emulator_launch(const char* name, unsigned int grid_x, unsigned int grid_y, unsigned int grid_z,
        unsigned int block_threads, void** parameters) {
    std::lock_guard<std::mutex> guard(emulator::lock);
    auto found = emulator::kernels().find(name);
    if (found == emulator::kernels().end()) {
        emulator::failure = std::string("no kernel named ") + name;
        return 1;
    }
    if (block_threads == 0 || block_threads > 1024 || grid_x == 0 || grid_y == 0 || grid_z == 0) {
        emulator::failure = "a launch needs 1 to 1024 threads and a grid of at least one block";
        return 2;
    }
    if (emulator::fibers.size() < block_threads) {
        emulator::fibers.resize(block_threads);
    }
    emulator::exchange_slots.assign(2 * (size_t) block_threads, 0.0f);
    emulator::exchange_phase.assign(block_threads, 0);
    std::function<void()> body = [&]() { found->second(parameters); };
    emulator::kernel_body = &body;
    emulator::block_dimension = {block_threads, 1, 1};
    emulator::grid_dimension = {grid_x, grid_y, grid_z};
    for (unsigned int z = 0; z < grid_z; z++) {
        for (unsigned int y = 0; y < grid_y; y++) {
            for (unsigned int x = 0; x < grid_x; x++) {
                emulator::block_index = {x, y, z};
                if (!emulator::run_block(block_threads)) {
                    return 3;
                }
            }
        }
    }
    return 0;
}

const char* emulator_failure() { return emulator::failure.c_str(); }

// `bytes` of zeroed memory, 16-byte aligned, ending within 15 bytes of an inaccessible page; null when out of memory.
void* emulator_allocate(size_t bytes) {
    size_t page = (size_t) sysconf(_SC_PAGESIZE);
    size_t used = bytes == 0 ? 16 : (bytes + 15) & ~(size_t) 15;
    size_t data = (used + page - 1) / page * page;
    void* start = mmap(nullptr, data + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (start == MAP_FAILED) {
        return nullptr;
    }
    if (mprotect((char*) start + data, page, PROT_NONE) != 0) {
        munmap(start, data + page);
        return nullptr;
    }
    uintptr_t address = (uintptr_t) start + data - used;
    std::lock_guard<std::mutex> guard(emulator::mappings_lock);
    emulator::mappings[address] = {start, data + page};
    return (void*) address;
}

// Frees memory from emulator_allocate; 0, or 1 for an address it did not give.
int emulator_free(void* address) {
    std::lock_guard<std::mutex> guard(emulator::mappings_lock);
    auto found = emulator::mappings.find((uintptr_t) address);
    if (found == emulator::mappings.end()) {
        return 1;
    }
    munmap(found->second.first, found->second.second);
    emulator::mappings.erase(found);
    return 0;
}

}  // extern "C"
