// Caracal's CUDA kernels: every operation of dev.caracal.api.kernel.Kernels and AttentionKernel on one GPU.
//
// Compiled at load by NVRTC for the device's own architecture (no toolkit at build time), and in the tests on the
// CPU by the emulator (src/test/native/cuda_emulator.cpp defines CARACAL_EMULATION and the CUDA built-ins first).
// NVRTC has no standard headers: only built-in types below.
//
// Conventions: activations are float32 row-major [rows, columns]; weights are the GGUF bytes unchanged, a matrix's
// rows contiguous (row r starts at r * row_bytes); every block is one-dimensional; a warp is 32 threads and every
// warp-level reduction is executed by all 32 lanes of the warp.

typedef unsigned char u8;
typedef signed char i8;
typedef unsigned short u16;
typedef unsigned int u32;

#define NEGATIVE_INFINITY __int_as_float(0xff800000)

#ifndef CARACAL_EMULATION
__device__ __forceinline__ float half_to_float(u16 bits) {
    float value;
    asm("cvt.f32.f16 %0, %1;" : "=f"(value) : "h"(bits));
    return value;
}

__device__ __forceinline__ u16 float_to_half(float value) {
    u16 bits;
    asm("cvt.rn.f16.f32 %0, %1;" : "=h"(bits) : "f"(value));
    return bits;
}
#endif

__device__ __forceinline__ float bfloat_to_float(u16 bits) {
    return __uint_as_float(((u32) bits) << 16);
}

__device__ __forceinline__ u16 read_u16(const u8* at) {
    return (u16) (at[0] | (at[1] << 8));
}

__device__ __forceinline__ u32 read_u32(const u8* at) {
    return (u32) at[0] | ((u32) at[1] << 8) | ((u32) at[2] << 16) | ((u32) at[3] << 24);
}

__device__ __forceinline__ float warp_sum(float value) {
    for (int offset = 16; offset > 0; offset >>= 1) {
        value += __shfl_xor_sync(0xffffffffu, value, offset);
    }
    return value;
}

__device__ __forceinline__ float warp_max(float value) {
    for (int offset = 16; offset > 0; offset >>= 1) {
        value = fmaxf(value, __shfl_xor_sync(0xffffffffu, value, offset));
    }
    return value;
}

// The sum over the block of each thread's value, returned to every thread; scratch holds 32 floats. Every thread of
// the block must call it (it synchronises).
__device__ float block_sum(float value, float* scratch) {
    const int lane = threadIdx.x & 31;
    const int warp = threadIdx.x >> 5;
    const int warps = (blockDim.x + 31) >> 5;
    value = warp_sum(value);
    __syncthreads();
    if (lane == 0) {
        scratch[warp] = value;
    }
    __syncthreads();
    value = lane < warps ? scratch[lane] : 0.0f;
    return warp_sum(value);
}

// The maximum over the block, as block_sum.
__device__ float block_max(float value, float* scratch) {
    const int lane = threadIdx.x & 31;
    const int warp = threadIdx.x >> 5;
    const int warps = (blockDim.x + 31) >> 5;
    value = warp_max(value);
    __syncthreads();
    if (lane == 0) {
        scratch[warp] = value;
    }
    __syncthreads();
    value = lane < warps ? scratch[lane] : NEGATIVE_INFINITY;
    return warp_max(value);
}

// ---------------------------------------------------------------------------------------------------------------
// Dequantization. A row is read in units of 32 elements: unit u holds elements [32u, 32u + 32) of the row. For the
// float formats a row may end inside its last unit (values past `columns` are 0 and are never read).

enum Format {
    F32 = 0, F16 = 1, Q4_0 = 2, Q4_1 = 3, Q5_0 = 6, Q5_1 = 7, Q8_0 = 8, Q4_K = 12, Q5_K = 13, Q6_K = 14, IQ4_NL = 20,
    BF16 = 30
};

// IQ4_NL's codebook value at `index` (ggml's kvalues_iq4nl: -127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38,
// 53, 69, 89, 113), from four words of signed bytes, lowest index in the lowest byte: no table in memory.
__device__ __forceinline__ float iq4_nl_value(int index) {
    const u32 word = index < 8 ? (index < 4 ? 0xBFAD9881u : 0xF6EADDCFu) : (index < 12 ? 0x26190D01u : 0x71594535u);
    return (float) (i8) (word >> (8 * (index & 3)));
}

// The 6-bit scale (or, with `minimum`, the minimum) of sub-block j (0..7) of a Q4_K/Q5_K super-block's 12 scale
// bytes (ggml's get_scale_min_k4).
__device__ __forceinline__ int k4_scale(const u8* scales, int j, bool minimum) {
    if (j < 4) {
        return scales[j + (minimum ? 4 : 0)] & 63;
    }
    return minimum ? ((scales[j + 4] >> 4) | ((scales[j] >> 6) << 4))
                   : ((scales[j + 4] & 0xF) | ((scales[j - 4] >> 6) << 4));
}

template <int FORMAT>
__device__ __forceinline__ void dequantize_unit(const u8* row, int unit, int columns, float* out) {
    if ((FORMAT == F16 || FORMAT == BF16) && (columns & 7) == 0) {
        // 16-byte aligned rows: a 16-byte load per 8 elements, only those of the row (its last unit may be short)
        const uint4* packed = (const uint4*) (row + unit * 64);
        const int loads = min(4, (columns - unit * 32) >> 3);
        for (int i = 8 * loads; i < 32; i++) {
            out[i] = 0.0f;
        }
        for (int q = 0; q < loads; q++) {
            const uint4 bits = packed[q];
            const u32 words[4] = {bits.x, bits.y, bits.z, bits.w};
            for (int h = 0; h < 4; h++) {
                const u16 low = (u16) (words[h] & 0xFFFF);
                const u16 high = (u16) (words[h] >> 16);
                out[8 * q + 2 * h] = FORMAT == F16 ? half_to_float(low) : bfloat_to_float(low);
                out[8 * q + 2 * h + 1] = FORMAT == F16 ? half_to_float(high) : bfloat_to_float(high);
            }
        }
    } else if (FORMAT == F32 && (columns & 31) == 0) {
        const float4* packed = (const float4*) (row + unit * 128);
        for (int q = 0; q < 8; q++) {
            const float4 values = packed[q];
            out[4 * q] = values.x;
            out[4 * q + 1] = values.y;
            out[4 * q + 2] = values.z;
            out[4 * q + 3] = values.w;
        }
    } else if (FORMAT == F32 || FORMAT == F16 || FORMAT == BF16) {
        for (int i = 0; i < 32; i++) {
            const int c = unit * 32 + i;
            float value = 0.0f;
            if (c < columns) {
                if (FORMAT == F32) {
                    value = ((const float*) row)[c];
                } else if (FORMAT == F16) {
                    value = half_to_float(((const u16*) row)[c]);
                } else {
                    value = bfloat_to_float(((const u16*) row)[c]);
                }
            }
            out[i] = value;
        }
    } else if (FORMAT == Q4_0) { // d, 16 bytes: element j low nibble of byte j, j + 16 its high nibble
        const u8* block = row + unit * 18;
        const float d = half_to_float(read_u16(block));
        for (int j = 0; j < 16; j++) {
            const int packed = block[2 + j];
            out[j] = (float) ((packed & 0xF) - 8) * d;
            out[j + 16] = (float) ((packed >> 4) - 8) * d;
        }
    } else if (FORMAT == IQ4_NL) { // d, 16 bytes laid out as Q4_0's, each nibble a codebook index
        const u8* block = row + unit * 18;
        const float d = half_to_float(read_u16(block));
        for (int j = 0; j < 16; j++) {
            const int packed = block[2 + j];
            out[j] = iq4_nl_value(packed & 0xF) * d;
            out[j + 16] = iq4_nl_value(packed >> 4) * d;
        }
    } else if (FORMAT == Q4_1) { // d, m, 16 bytes of nibbles
        const u8* block = row + unit * 20;
        const float d = half_to_float(read_u16(block));
        const float m = half_to_float(read_u16(block + 2));
        for (int j = 0; j < 16; j++) {
            const int packed = block[4 + j];
            out[j] = (float) (packed & 0xF) * d + m;
            out[j + 16] = (float) (packed >> 4) * d + m;
        }
    } else if (FORMAT == Q5_0 || FORMAT == Q5_1) { // d, (m), 32 fifth bits, 16 bytes of nibbles
        const bool offset = FORMAT == Q5_1;
        const u8* block = row + unit * (offset ? 24 : 22);
        const float d = half_to_float(read_u16(block));
        const float m = offset ? half_to_float(read_u16(block + 2)) : 0.0f;
        const u32 high = read_u32(block + (offset ? 4 : 2));
        const u8* quants = block + (offset ? 8 : 6);
        for (int j = 0; j < 16; j++) {
            const int packed = quants[j];
            const int low = (packed & 0xF) | (((high >> j) & 1) << 4);
            const int upper = (packed >> 4) | (((high >> (j + 16)) & 1) << 4);
            if (offset) {
                out[j] = (float) low * d + m;
                out[j + 16] = (float) upper * d + m;
            } else {
                out[j] = (float) (low - 16) * d;
                out[j + 16] = (float) (upper - 16) * d;
            }
        }
    } else if (FORMAT == Q8_0) { // d, 32 signed bytes
        const u8* block = row + unit * 34;
        const float d = half_to_float(read_u16(block));
        for (int j = 0; j < 32; j++) {
            out[j] = (float) ((const i8*) block)[2 + j] * d;
        }
    } else if (FORMAT == Q4_K || FORMAT == Q5_K) {
        // d, dmin, 12 scale bytes, (Q5_K: 32 bytes of fifth bits), 128 bytes of nibbles: sub-block j of 32 elements
        // is chunk j/2's low (j even) or high (j odd) nibbles.
        const bool fifth = FORMAT == Q5_K;
        const u8* block = row + (unit >> 3) * (fifth ? 176 : 144);
        const int j = unit & 7;
        const int chunk = j >> 1;
        const int shift = (j & 1) * 4;
        const float d = half_to_float(read_u16(block)) * (float) k4_scale(block + 4, j, false);
        const float m = half_to_float(read_u16(block + 2)) * (float) k4_scale(block + 4, j, true);
        const u8* quants = block + (fifth ? 48 : 16) + 32 * chunk;
        for (int l = 0; l < 32; l++) {
            int q = (quants[l] >> shift) & 0xF;
            if (fifth) {
                q += ((block[16 + l] >> j) & 1) << 4;
            }
            out[l] = d * (float) q - m;
        }
    } else if (FORMAT == Q6_K) {
        // 128 bytes of low nibbles, 64 bytes of high bit pairs, 16 signed scales, d: element e = 128·half + 32·group
        // + l has low nibble (ql[64·half + 32·(group & 1) + l] >> 4·(group >> 1)), high bits
        // (qh[32·half + l] >> 2·group) & 3, and scale e / 16.
        const u8* block = row + (unit >> 3) * 210;
        const int j = unit & 7;
        const int half = j >> 2;
        const int group = j & 3;
        const float d = half_to_float(read_u16(block + 208));
        const i8* scales = (const i8*) (block + 192);
        for (int l = 0; l < 32; l++) {
            const int low = (block[64 * half + 32 * (group & 1) + l] >> (4 * (group >> 1))) & 0xF;
            const int high = (block[128 + 32 * half + l] >> (2 * group)) & 3;
            const float scale = d * (float) scales[8 * half + 2 * group + (l >> 4)];
            out[l] = scale * (float) ((low | (high << 4)) - 32);
        }
    }
}

// Bytes of one row of `columns` elements.
template <int FORMAT>
__device__ __forceinline__ long long row_bytes(int columns) {
    switch (FORMAT) {
        case F32: return 4LL * columns;
        case F16: case BF16: return 2LL * columns;
        case Q4_0: case IQ4_NL: return (columns / 32) * 18LL;
        case Q4_1: return (columns / 32) * 20LL;
        case Q5_0: return (columns / 32) * 22LL;
        case Q5_1: return (columns / 32) * 24LL;
        case Q8_0: return (columns / 32) * 34LL;
        case Q4_K: return (columns / 256) * 144LL;
        case Q5_K: return (columns / 256) * 176LL;
        default: return (columns / 256) * 210LL;
    }
}

// One element of a float vector (a norm weight, a bias) in F32, F16 or BF16.
__device__ __forceinline__ float vector_element(const u8* vector, int format, int index) {
    if (format == F16) {
        return half_to_float(((const u16*) vector)[index]);
    }
    if (format == BF16) {
        return bfloat_to_float(((const u16*) vector)[index]);
    }
    return ((const float*) vector)[index];
}

// ---------------------------------------------------------------------------------------------------------------
// Matrix products: output[b][r] = Σ_c weight[r][c] · input[b][c].
//
// Block: MATMUL_WARPS warps, each one weight row; grid (ceil(rows / MATMUL_WARPS), ceil(batch / MATMUL_BATCH)).
// Each lane dequantizes units lane, lane + 32, ... of its row once and multiplies them with up to MATMUL_BATCH
// activation rows, so a weight byte is read once per MATMUL_BATCH rows of the batch (decode is batch 1: one read).

#define MATMUL_WARPS 4
#define MATMUL_BATCH 8

template <int FORMAT>
__device__ void matmul_rows(const u8* weight, const float* input, float* output, int rows, int columns, int batch) {
    const int lane = threadIdx.x & 31;
    const int row = blockIdx.x * MATMUL_WARPS + (threadIdx.x >> 5);
    const int first = blockIdx.y * MATMUL_BATCH;
    const int count = min(MATMUL_BATCH, batch - first);
    float sums[MATMUL_BATCH];
    for (int b = 0; b < MATMUL_BATCH; b++) {
        sums[b] = 0.0f;
    }
    if (row < rows) {
        const u8* weight_row = weight + row * row_bytes<FORMAT>(columns);
        const int units = (columns + 31) / 32;
        float values[32];
        for (int unit = lane; unit < units; unit += 32) {
            dequantize_unit<FORMAT>(weight_row, unit, columns, values);
            const int width = min(32, columns - unit * 32);
            for (int b = 0; b < MATMUL_BATCH; b++) {
                if (b < count) {
                    const float* x = input + (long long) (first + b) * columns + unit * 32;
                    float sum = 0.0f;
                    if (width == 32 && (columns & 3) == 0) { // 16-byte aligned: eight 16-byte loads
                        const float4* x4 = (const float4*) x;
                        for (int q = 0; q < 8; q++) {
                            const float4 v = x4[q];
                            sum += values[4 * q] * v.x + values[4 * q + 1] * v.y + values[4 * q + 2] * v.z
                                    + values[4 * q + 3] * v.w;
                        }
                    } else {
                        for (int i = 0; i < width; i++) {
                            sum += values[i] * x[i];
                        }
                    }
                    sums[b] += sum;
                }
            }
        }
    }
    for (int b = 0; b < MATMUL_BATCH; b++) {
        sums[b] = warp_sum(sums[b]);
    }
    if (lane == 0 && row < rows) {
        for (int b = 0; b < count; b++) {
            output[(long long) (first + b) * rows + row] = sums[b];
        }
    }
}

// Row b of output becomes row tokens[b] of the [V, C] table; grid (rows, ceil(units / blockDim)), a thread a unit.
template <int FORMAT>
__device__ void embedding_rows(const u8* table, const int* tokens, float* output, int columns) {
    const int b = blockIdx.x;
    const int unit = blockIdx.y * blockDim.x + threadIdx.x;
    if (unit * 32 >= columns) {
        return;
    }
    float values[32];
    dequantize_unit<FORMAT>(table + tokens[b] * row_bytes<FORMAT>(columns), unit, columns, values);
    float* out = output + (long long) b * columns + unit * 32;
    const int width = min(32, columns - unit * 32);
    for (int i = 0; i < width; i++) {
        out[i] = values[i];
    }
}

// Rows [0, rows) of a weight dequantized to F16 for cuBLAS (the large-batch path): grid (rows, ceil(units / blockDim)),
// a thread a unit.
template <int FORMAT>
__device__ void dequantize_half_rows(const u8* weight, u16* output, int columns) {
    const int row = blockIdx.x;
    const int unit = blockIdx.y * blockDim.x + threadIdx.x;
    if (unit * 32 >= columns) {
        return;
    }
    float values[32];
    dequantize_unit<FORMAT>(weight + row * row_bytes<FORMAT>(columns), unit, columns, values);
    u16* out = output + (long long) row * columns + unit * 32;
    const int width = min(32, columns - unit * 32);
    for (int i = 0; i < width; i++) {
        out[i] = float_to_half(values[i]);
    }
}

#define CARACAL_FORMAT_KERNELS(name, FORMAT)                                                                      \
    extern "C" __global__ void dequantize_half_##name(const u8* weight, u16* output, int columns) {               \
        dequantize_half_rows<FORMAT>(weight, output, columns);                                                   \
    }                                                                                                           \
    extern "C" __global__ void matmul_##name(const u8* weight, const float* input, float* output, int rows,      \
            int columns, int batch) {                                                                           \
        matmul_rows<FORMAT>(weight, input, output, rows, columns, batch);                                        \
    }                                                                                                           \
    extern "C" __global__ void embedding_##name(const u8* table, const int* tokens, float* output, int columns) { \
        embedding_rows<FORMAT>(table, tokens, output, columns);                                                  \
    }

CARACAL_FORMAT_KERNELS(f32, F32)
CARACAL_FORMAT_KERNELS(f16, F16)
CARACAL_FORMAT_KERNELS(bf16, BF16)
CARACAL_FORMAT_KERNELS(q4_0, Q4_0)
CARACAL_FORMAT_KERNELS(q4_1, Q4_1)
CARACAL_FORMAT_KERNELS(q5_0, Q5_0)
CARACAL_FORMAT_KERNELS(q5_1, Q5_1)
CARACAL_FORMAT_KERNELS(q8_0, Q8_0)
CARACAL_FORMAT_KERNELS(q4_k, Q4_K)
CARACAL_FORMAT_KERNELS(q5_k, Q5_K)
CARACAL_FORMAT_KERNELS(q6_k, Q6_K)
CARACAL_FORMAT_KERNELS(iq4_nl, IQ4_NL)

// ---------------------------------------------------------------------------------------------------------------
// Norms and element-wise operations.

// RMSNorm of each row of [B, C]: output = input / sqrt(mean(input²) + epsilon) · weight. Grid (B), any block size.
extern "C" __global__ void rms_norm(const float* input, const u8* weight, int weight_format, float* output,
        int columns, float epsilon) {
    __shared__ float scratch[32];
    const float* x = input + (long long) blockIdx.x * columns;
    float* y = output + (long long) blockIdx.x * columns;
    float sum = 0.0f;
    for (int c = threadIdx.x; c < columns; c += blockDim.x) {
        sum += x[c] * x[c];
    }
    sum = block_sum(sum, scratch);
    const float scale = 1.0f / sqrtf(sum / (float) columns + epsilon);
    for (int c = threadIdx.x; c < columns; c += blockDim.x) {
        y[c] = x[c] * scale * vector_element(weight, weight_format, c);
    }
}

// RMSNorm of each head of each row, in place, with a [headSize] weight. Grid (B, heads), block of 32.
extern "C" __global__ void head_rms_norm(float* values, const u8* weight, int weight_format, int head_size,
        int columns, float epsilon) {
    float* x = values + (long long) blockIdx.x * columns + blockIdx.y * head_size;
    float sum = 0.0f;
    for (int i = threadIdx.x; i < head_size; i += 32) {
        sum += x[i] * x[i];
    }
    sum = warp_sum(sum);
    const float scale = 1.0f / sqrtf(sum / (float) head_size + epsilon);
    for (int i = threadIdx.x; i < head_size; i += 32) {
        x[i] = x[i] * scale * vector_element(weight, weight_format, i);
    }
}

// Rotary embedding in place: row b at positions[b]; pair i turns by positions[b] · frequencies[i] (frequencies from
// RopeSpec.frequency, Llama 3 scaling included). Normal layout pairs (2i, 2i + 1), NeoX (i, i + pairs).
// Grid (B, heads), threads over pairs.
extern "C" __global__ void rope(float* values, const int* positions, const float* frequencies, int columns,
        int head_size, int pairs, int neox) {
    float* x = values + (long long) blockIdx.x * columns + blockIdx.y * head_size;
    const float position = (float) positions[blockIdx.x];
    for (int i = threadIdx.x; i < pairs; i += blockDim.x) {
        float sine;
        float cosine;
        sincosf(position * frequencies[i], &sine, &cosine);
        const int first = neox ? i : 2 * i;
        const int second = neox ? i + pairs : 2 * i + 1;
        const float x0 = x[first];
        const float x1 = x[second];
        x[first] = x0 * cosine - x1 * sine;
        x[second] = x0 * sine + x1 * cosine;
    }
}

// output = silu(gate) · up over n values; output may be gate.
extern "C" __global__ void swiglu(const float* gate, const float* up, float* output, long long n) {
    const long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        const float g = gate[i];
        output[i] = g / (1.0f + expf(-g)) * up[i];
    }
}

// n float32 values rounded to F16 (activations for cuBLAS).
extern "C" __global__ void floats_to_half(const float* input, u16* output, long long n) {
    const long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        output[i] = float_to_half(input[i]);
    }
}

// n float32 values rounded to BF16, to nearest even (activations for cuBLAS with BF16 weights).
extern "C" __global__ void floats_to_bfloat(const float* input, u16* output, long long n) {
    const long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        const u32 bits = __float_as_uint(input[i]);
        output[i] = (bits & 0x7FFFFFFFu) > 0x7F800000u ? (u16) ((bits >> 16) | 0x40)
                                                      : (u16) ((bits + 0x7FFFu + ((bits >> 16) & 1)) >> 16);
    }
}

// accumulator += addend over n values.
extern "C" __global__ void add(float* accumulator, const float* addend, long long n) {
    const long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        accumulator[i] += addend[i];
    }
}

// Adds a [C] bias to each row of [B, C] (n = B · C values).
extern "C" __global__ void add_bias(float* values, const u8* bias, int bias_format, int columns, long long n) {
    const long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        values[i] += vector_element(bias, bias_format, (int) (i % columns));
    }
}

// Softmax of each row in place. Grid (B).
extern "C" __global__ void softmax(float* values, int columns) {
    __shared__ float scratch[32];
    float* x = values + (long long) blockIdx.x * columns;
    float largest = NEGATIVE_INFINITY;
    for (int c = threadIdx.x; c < columns; c += blockDim.x) {
        largest = fmaxf(largest, x[c]);
    }
    largest = block_max(largest, scratch);
    float sum = 0.0f;
    for (int c = threadIdx.x; c < columns; c += blockDim.x) {
        sum += expf(x[c] - largest);
    }
    sum = block_sum(sum, scratch);
    for (int c = threadIdx.x; c < columns; c += blockDim.x) {
        x[c] = expf(x[c] - largest) / sum;
    }
}

// Row b of output becomes row rows[b] of input. Grid (B).
extern "C" __global__ void gather_rows(const float* input, const int* rows, float* output, int columns) {
    const float* from = input + (long long) rows[blockIdx.x] * columns;
    float* to = output + (long long) blockIdx.x * columns;
    for (int c = threadIdx.x; c < columns; c += blockDim.x) {
        to[c] = from[c];
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Paged attention. One layer's cache is two pools, keys and values, each [slots, kvHeads, headSize] in F32 or F16
// (half = 1); slot = block · blockSize + offset. The step's metadata: for each row its sequence and position; for
// each sequence the start of its block table in `tables`.

__device__ __forceinline__ float cache_value(const u8* pool, int half, long long index) {
    return half ? half_to_float(((const u16*) pool)[index]) : ((const float*) pool)[index];
}

// Writes row b of keys and values ([B, width], width = kvHeads · headSize) into slot slots[b]. Grid (B).
extern "C" __global__ void kv_store(u8* key_pool, u8* value_pool, int half, const float* keys, const float* values,
        const int* slots, int width) {
    const long long base = (long long) slots[blockIdx.x] * width;
    const float* k = keys + (long long) blockIdx.x * width;
    const float* v = values + (long long) blockIdx.x * width;
    for (int i = threadIdx.x; i < width; i += blockDim.x) {
        if (half) {
            ((u16*) key_pool)[base + i] = float_to_half(k[i]);
            ((u16*) value_pool)[base + i] = float_to_half(v[i]);
        } else {
            ((float*) key_pool)[base + i] = k[i];
            ((float*) value_pool)[base + i] = v[i];
        }
    }
}

#define ATTENTION_SPLIT 256
#define ATTENTION_MAX_HEAD 256
#define ATTENTION_THREADS 128

// Flash decoding, first pass: block (head h, entry y of row_list, split s) attends query head h of row r =
// row_list[y] to positions [s · 256, min(position + 1, (s + 1) · 256)) of its sequence, and writes its running
// maximum m, its sum of exp(score - m) and its unnormalised output Σ exp(score - m) · v to partial[y][h][s] =
// (m, sum, out[headSize]). Splits past the row's context write m = -inf, sum = 0. Block of ATTENTION_THREADS.
extern "C" __global__ void attention_partial(const float* queries, const u8* key_pool, const u8* value_pool, int half,
        const int* row_list, const int* row_sequence, const int* row_position, const int* table_start,
        const int* tables, float* partial, int query_heads, int kv_heads, int head_size, int block_size, float scale,
        int splits) {
    __shared__ float query[ATTENTION_MAX_HEAD];
    __shared__ float weights[ATTENTION_SPLIT];
    __shared__ float scratch[32];
    const int head = blockIdx.x;
    const int row = row_list[blockIdx.y];
    const int split = blockIdx.z;
    const int lane = threadIdx.x & 31;
    const int warp = threadIdx.x >> 5;
    const int warps = blockDim.x >> 5;
    const int first = split * ATTENTION_SPLIT;
    const int end = min(row_position[row] + 1, first + ATTENTION_SPLIT);
    float* out = partial + ((long long) (blockIdx.y * query_heads + head) * splits + split) * (head_size + 2);
    if (first >= end) {
        for (int d = threadIdx.x; d < head_size; d += blockDim.x) {
            out[2 + d] = 0.0f;
        }
        if (threadIdx.x == 0) {
            out[0] = NEGATIVE_INFINITY;
            out[1] = 0.0f;
        }
        return;
    }
    const int kv_head = head / (query_heads / kv_heads);
    const int* table = tables + table_start[row_sequence[row]];
    const int width = query_heads * head_size;
    for (int d = threadIdx.x; d < head_size; d += blockDim.x) {
        query[d] = queries[(long long) row * width + head * head_size + d];
    }
    __syncthreads();
    // scores: a warp per position, lanes over the head's dimensions
    for (int t = first + warp; t < end; t += warps) {
        const long long slot = (long long) table[t / block_size] * block_size + t % block_size;
        const long long at = (slot * kv_heads + kv_head) * head_size;
        float dot = 0.0f;
        for (int d = lane; d < head_size; d += 32) {
            dot += query[d] * cache_value(key_pool, half, at + d);
        }
        dot = warp_sum(dot);
        if (lane == 0) {
            weights[t - first] = dot * scale;
        }
    }
    __syncthreads();
    const int count = end - first;
    float largest = NEGATIVE_INFINITY;
    for (int i = threadIdx.x; i < count; i += blockDim.x) {
        largest = fmaxf(largest, weights[i]);
    }
    largest = block_max(largest, scratch);
    float sum = 0.0f;
    for (int i = threadIdx.x; i < count; i += blockDim.x) {
        const float weight = expf(weights[i] - largest);
        weights[i] = weight;
        sum += weight;
    }
    sum = block_sum(sum, scratch); // synchronises, so every weight is written before it is read below
    for (int d = threadIdx.x; d < head_size; d += blockDim.x) {
        float acc = 0.0f;
        for (int t = first; t < end; t++) {
            const long long slot = (long long) table[t / block_size] * block_size + t % block_size;
            acc += weights[t - first] * cache_value(value_pool, half, (slot * kv_heads + kv_head) * head_size + d);
        }
        out[2 + d] = acc;
    }
    if (threadIdx.x == 0) {
        out[0] = largest;
        out[1] = sum;
    }
}

// Flash decoding, second pass: output[r][h] = Σ_s e^(m_s - M) · out_s / Σ_s e^(m_s - M) · sum_s for r = row_list[y].
// Grid (heads, rows in the list).
extern "C" __global__ void attention_combine(const float* partial, const int* row_list, float* output,
        int query_heads, int head_size, int splits) {
    const int head = blockIdx.x;
    const int row = row_list[blockIdx.y];
    const float* parts = partial + (long long) (blockIdx.y * query_heads + head) * splits * (head_size + 2);
    float largest = NEGATIVE_INFINITY;
    for (int s = 0; s < splits; s++) {
        largest = fmaxf(largest, parts[s * (head_size + 2)]);
    }
    float total = 0.0f;
    for (int s = 0; s < splits; s++) {
        const float m = parts[s * (head_size + 2)];
        if (m != NEGATIVE_INFINITY) {
            total += expf(m - largest) * parts[s * (head_size + 2) + 1];
        }
    }
    float* out = output + (long long) row * query_heads * head_size + head * head_size;
    for (int d = threadIdx.x; d < head_size; d += blockDim.x) {
        float acc = 0.0f;
        for (int s = 0; s < splits; s++) {
            const float m = parts[s * (head_size + 2)];
            if (m != NEGATIVE_INFINITY) {
                acc += expf(m - largest) * parts[s * (head_size + 2) + 2 + d];
            }
        }
        out[d] = acc / total;
    }
}

// Prefill attention, tiled with an online softmax (FlashAttention's schedule on CUDA cores): block (head h, tile y)
// attends query head h of the tile's rows, up to PREFILL_ROWS consecutive rows of one sequence starting at
// tile_first_row[y], to every cached position up to the last row's. Keys and values come through shared memory
// PREFILL_KEYS positions at a time, read once for all the tile's rows; each warp keeps PREFILL_ROWS / 4 rows'
// running maximum, sum and output (lane l holds dimensions l, l + 32, ...). Heads of up to PREFILL_MAX_HEAD values.
// Block of 128 threads.
#define PREFILL_ROWS 16
#define PREFILL_KEYS 32
#define PREFILL_MAX_HEAD 128
#define PREFILL_WARP_ROWS (PREFILL_ROWS / 4)
#define PREFILL_DIMENSIONS (PREFILL_MAX_HEAD / 32)

extern "C" __global__ void attention_prefill(const float* queries, float* output, const u8* key_pool,
        const u8* value_pool, int half, const int* tile_first_row, const int* tile_rows, const int* row_sequence,
        const int* row_position, const int* table_start, const int* tables, int query_heads, int kv_heads,
        int head_size, int block_size, float scale) {
    __shared__ float query[PREFILL_ROWS][PREFILL_MAX_HEAD];
    __shared__ float keys[PREFILL_KEYS][PREFILL_MAX_HEAD + 1];   // + 1: lane j reads row j without bank conflicts
    __shared__ float values[PREFILL_KEYS][PREFILL_MAX_HEAD + 1];
    const int head = blockIdx.x;
    const int first_row = tile_first_row[blockIdx.y];
    const int rows = tile_rows[blockIdx.y];
    const int lane = threadIdx.x & 31;
    const int warp = threadIdx.x >> 5;
    const int kv_head = head / (query_heads / kv_heads);
    const int* table = tables + table_start[row_sequence[first_row]];
    const int width = query_heads * head_size;
    const int last_position = row_position[first_row + rows - 1];
    for (int i = threadIdx.x; i < PREFILL_ROWS * head_size; i += blockDim.x) {
        const int r = i / head_size;
        const int d = i % head_size;
        query[r][d] = r < rows ? queries[(long long) (first_row + r) * width + head * head_size + d] : 0.0f;
    }
    float largest[PREFILL_WARP_ROWS];
    float sum[PREFILL_WARP_ROWS];
    float acc[PREFILL_WARP_ROWS][PREFILL_DIMENSIONS];
    for (int rr = 0; rr < PREFILL_WARP_ROWS; rr++) {
        largest[rr] = NEGATIVE_INFINITY;
        sum[rr] = 0.0f;
        for (int k = 0; k < PREFILL_DIMENSIONS; k++) {
            acc[rr][k] = 0.0f;
        }
    }
    for (int start = 0; start <= last_position; start += PREFILL_KEYS) {
        __syncthreads(); // the previous tile's keys and values are used up (and, the first time, the queries stored)
        for (int i = threadIdx.x; i < PREFILL_KEYS * head_size; i += blockDim.x) {
            const int j = i / head_size;
            const int d = i % head_size;
            const int t = start + j;
            float key = 0.0f;
            float value = 0.0f;
            if (t <= last_position) {
                const long long slot = (long long) table[t / block_size] * block_size + t % block_size;
                const long long at = (slot * kv_heads + kv_head) * head_size + d;
                key = cache_value(key_pool, half, at);
                value = cache_value(value_pool, half, at);
            }
            keys[j][d] = key;
            values[j][d] = value;
        }
        __syncthreads();
        for (int rr = 0; rr < PREFILL_WARP_ROWS; rr++) {
            const int r = warp * PREFILL_WARP_ROWS + rr;
            if (r >= rows) {
                break; // the same for the whole warp
            }
            const int position = row_position[first_row + r];
            const int t = start + lane;
            float score = NEGATIVE_INFINITY;
            if (t <= position) {
                float dot = 0.0f;
                for (int d = 0; d < head_size; d++) {
                    dot += query[r][d] * keys[lane][d];
                }
                score = dot * scale;
            }
            const float tile_largest = warp_max(score);
            if (tile_largest == NEGATIVE_INFINITY) {
                continue; // every position of the tile is after this row's: the same for the whole warp
            }
            const float next = fmaxf(largest[rr], tile_largest);
            const float weight = t <= position ? expf(score - next) : 0.0f;
            const float correction = largest[rr] == NEGATIVE_INFINITY ? 0.0f : expf(largest[rr] - next);
            sum[rr] = sum[rr] * correction + warp_sum(weight);
            for (int k = 0; k < PREFILL_DIMENSIONS; k++) {
                acc[rr][k] *= correction;
            }
            for (int j = 0; j < PREFILL_KEYS; j++) {
                const float w = __shfl_sync(0xffffffffu, weight, j);
                for (int k = 0; k < PREFILL_DIMENSIONS; k++) {
                    const int d = lane + 32 * k;
                    if (d < head_size) {
                        acc[rr][k] += w * values[j][d];
                    }
                }
            }
            largest[rr] = next;
        }
    }
    for (int rr = 0; rr < PREFILL_WARP_ROWS; rr++) {
        const int r = warp * PREFILL_WARP_ROWS + rr;
        if (r < rows) {
            float* out = output + (long long) (first_row + r) * width + head * head_size;
            for (int k = 0; k < PREFILL_DIMENSIONS; k++) {
                const int d = lane + 32 * k;
                if (d < head_size) {
                    out[d] = acc[rr][k] / sum[rr];
                }
            }
        }
    }
}
