package dev.caracal.backend.xla;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.DeviceInfo;
import dev.caracal.api.kernel.AttentionKernel;
import dev.caracal.api.kernel.Kernels;
import dev.caracal.api.kv.KvCache;
import dev.caracal.api.kv.KvCacheSpec;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.api.tensor.Tensor;
import dev.caracal.api.tensor.WeightTensor;
import dev.caracal.backend.xla.program.ProgramBuilder.Precision;
import dev.caracal.backend.xla.program.StableHloProgram;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The XLA backend: weights, activations and the KV cache in an XLA device's memory; kernel calls are traced until a
 * result is read (a step's logits), then run as one StableHLO program ({@link StepTrace}) compiled once per program
 * (compared op by op, the text written only to compile it), that is per batch size and context bucket, and run by the
 * device. Weights in F32, F16 and BF16, and Q8_0 and Q4_0 as their GGUF bytes dequantized inside the programs.
 * Products are f32 arithmetic unless {@value #PRECISION_PROPERTY} (or {@code CARACAL_XLA_PRECISION}) says otherwise
 * ({@link Precision}).
 */
public final class XlaBackend implements Backend {

    private static final System.Logger LOG = System.getLogger(XlaBackend.class.getName());

    /**
     * One program compiled by the device: its shape bucket for people ({@code rows 16/4, context 1024, 98 kernels}:
     * the padded row counts its kernels compute, the padded context its attention reads, how many kernel calls it
     * traces) and how long the compilation took.
     */
    public record Compilation(String bucket, long nanoseconds) {
    }

    /** The weight formats the programs read. */
    static final Set<QuantFormat> FORMATS = EnumSet.of(QuantFormat.F32, QuantFormat.F16, QuantFormat.BF16,
            QuantFormat.Q8_0, QuantFormat.Q4_0);

    /** The precision of the programs' products: {@code highest} (the default), {@code high} or {@code default}. */
    static final String PRECISION_PROPERTY = "caracal.backend.xla.precision";

    private final XlaDevice device;
    private final Precision precision;
    private final XlaKernels kernels = new XlaKernels(this);
    private final XlaAttention attention = new XlaAttention(this);
    private final Map<StableHloProgram, XlaDevice.Program> programs = new LinkedHashMap<>();
    private final List<Compilation> compilations = new ArrayList<>();
    private StepTrace trace;

    /** A backend on {@code device} with the configured precision ({@link #configuredPrecision()}). */
    XlaBackend(XlaDevice device) {
        this(device, configuredPrecision());
    }

    XlaBackend(XlaDevice device, Precision precision) {
        this.device = device;
        this.precision = precision;
    }

    /** {@value #PRECISION_PROPERTY}, else {@code CARACAL_XLA_PRECISION}, else {@link Precision#HIGHEST}. */
    static Precision configuredPrecision() {
        return precision(System.getProperty(PRECISION_PROPERTY, System.getenv("CARACAL_XLA_PRECISION")));
    }

    /** {@code setting} ({@code highest}, {@code high} or {@code default}, any case; null means highest). */
    static Precision precision(String setting) {
        if (setting == null || setting.isBlank()) {
            return Precision.HIGHEST;
        }
        try {
            return Precision.valueOf(setting.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException(PRECISION_PROPERTY + " is '" + setting + "': set it to highest (f32"
                    + " products, the default), high or default (TF32 on NVIDIA GPUs, bf16 passes on TPUs)",
                    unknown);
        }
    }

    XlaDevice device() {
        return device;
    }

    /** The precision of the programs' products. */
    Precision precision() {
        return precision;
    }

    /** The trace the next kernel call joins. */
    synchronized StepTrace trace() {
        if (trace == null) {
            trace = new StepTrace(this);
        }
        trace.call();
        return trace;
    }

    /** Runs the traced kernel calls as one program, if there are any (before their results are read). */
    synchronized void flush() {
        StepTrace pending = trace;
        trace = null;
        if (pending != null && !pending.isEmpty()) {
            pending.run();
        }
    }

    /**
     * The compiled {@code traced} program, compiling (and logging) it the first time, which is the only time its text
     * is written: {@code bucket} says which.
     */
    synchronized XlaDevice.Program program(StableHloProgram traced, Supplier<String> bucket) {
        XlaDevice.Program program = programs.get(traced);
        if (program == null) {
            long start = System.nanoTime();
            program = device.compile(traced.text());
            Compilation compilation = new Compilation(bucket.get(), System.nanoTime() - start);
            programs.put(traced, program);
            compilations.add(compilation);
            LOG.log(System.Logger.Level.INFO, "compiled the XLA program for {0} in {1} ms ({2} programs)",
                    compilation.bucket(), compilation.nanoseconds() / 1_000_000, programs.size());
        }
        return program;
    }

    /** Every program compiled so far, in order: one per shape bucket the steps have needed. */
    public synchronized List<Compilation> compilations() {
        return List.copyOf(compilations);
    }

    /** The programs compiled so far, as their texts (for tests and the golden files). */
    synchronized List<String> programTexts() {
        return programs.keySet().stream().map(StableHloProgram::text).toList();
    }

    @Override
    public String name() {
        return XlaBackendProvider.NAME;
    }

    @Override
    public List<DeviceInfo> devices() {
        return List.of(new DeviceInfo(device.name(), "xla", device.memoryBytes(), device.details()));
    }

    @Override
    public WeightTensor loadWeight(String name, long[] shape, QuantFormat format, MemorySegment bytes) {
        if (!supports(format)) {
            throw new IllegalArgumentException(name + " is " + format + ", which the XLA backend does not read; it"
                    + " reads " + FORMATS);
        }
        format.checkWeight(name, shape, bytes.byteSize());
        return new XlaWeight(name, shape, format, device.upload(WeightValues.deviceType(format, shape), bytes));
    }

    @Override
    public Tensor allocate(int rows, int columns) {
        if (rows < 0 || columns < 0) {
            throw new IllegalArgumentException("a tensor of " + rows + " x " + columns);
        }
        // the storage has a bucket's rows, so that views of it compute padded to their bucket (StepTrace.paddedRows)
        return new XlaTensor(new XlaTensor.Storage(this, StepTrace.rowBucket(rows), columns), 0, rows);
    }

    @Override
    public KvCache allocateKvCache(KvCacheSpec spec, int blockCount) {
        return new XlaKvCache(device, spec, blockCount, this::flush);
    }

    @Override
    public Kernels kernels() {
        return kernels;
    }

    @Override
    public AttentionKernel attention() {
        return attention;
    }

    @Override
    public boolean supports(QuantFormat format) {
        return FORMATS.contains(format);
    }

    /** Frees the compiled programs and the device. */
    @Override
    public synchronized void close() {
        flush();
        programs.values().forEach(XlaDevice.Program::close);
        programs.clear();
        device.close();
    }
}
