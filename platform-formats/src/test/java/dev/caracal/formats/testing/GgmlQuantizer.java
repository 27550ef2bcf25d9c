package dev.caracal.formats.testing;

import dev.caracal.api.tensor.QuantFormat;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;

/**
 * ggml's own quantizers ({@code quantize_<type>(src, dst, rows, row length, quant_weights)}), called through FFM in
 * the {@code libggml-base} of {@link NodeLlamaCppOracle}'s prebuilt llama.cpp: the reference for importance-weighted
 * quantization, which no shipped file holds. (The library in the {@code de.kherud:llama} jar is an older ggml whose
 * K-quant bytes differ from {@code llama-quantize}'s; this one matches them.)
 */
public final class GgmlQuantizer {

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT;

    private static SymbolLookup library;

    private GgmlQuantizer() {
    }

    /**
     * The library, installing the oracle on first use; skips (in CI fails) the calling test where it cannot. It stays
     * loaded for the JVM's life, and every test must look it up here: loaded again after an unload, its static
     * initializer aborts the JVM ({@code GGML_ASSERT(prev != ggml_uncaught_exception)}).
     */
    public static synchronized SymbolLookup library() {
        if (library == null) {
            library = SymbolLookup.libraryLookup(NodeLlamaCppOracle.ggmlBaseLibrary(), Arena.global());
        }
        return library;
    }

    /**
     * {@code quantize_<format>} of {@code rows} rows of {@code rowLength} values; {@code importance} (one per column,
     * or null for ggml's unweighted reference) is ggml's {@code quant_weights}.
     */
    public static byte[] quantize(QuantFormat format, float[] values, int rows, int rowLength, float[] importance) {
        SymbolLookup lookup = library();
        String symbol = "quantize_" + format.name().toLowerCase(Locale.ROOT).replace("_k", "_K");
        MethodHandle quantize = Linker.nativeLinker().downcallHandle(lookup.find(symbol).orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                        ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment source = arena.allocateFrom(FLOAT, values);
            MemorySegment weights = importance == null ? MemorySegment.NULL : arena.allocateFrom(FLOAT, importance);
            long bytes = format.bytesFor((long) rows * rowLength);
            MemorySegment destination = arena.allocate(bytes, 64);
            long written = (long) quantize.invokeExact(source, destination, (long) rows, (long) rowLength, weights);
            if (written != bytes) {
                throw new IllegalStateException(symbol + " wrote " + written + " bytes, not " + bytes);
            }
            return destination.toArray(ValueLayout.JAVA_BYTE);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
