package dev.caracal.backend.cuda.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every function the backend binds is one the CUDA headers declare, under the exported name (the {@code _v2} the
 * header maps to), with a descriptor of the same shape: pointers where the header has pointers or handles, 64 bits
 * for {@code size_t} and {@code CUdeviceptr}, 32 for {@code int} and enums, 8 for {@code unsigned char}. Checked
 * against the lists in the test resources (taken from the headers) and, where installed, against the headers.
 */
class BindingSignaturesTest {

    private static final Path CUDA_HEADER = Path.of("/usr/local/cuda/include/cuda.h");

    @Test
    void theDriverBindingsMatchTheListTakenFromCudaH() throws IOException {
        assertMatches(CudaDriver.class, HeaderSignatures.ofList(resource("cuda-signatures.txt")));
    }

    @Test
    void theNvrtcBindingsMatchTheListTakenFromNvrtcH() throws IOException {
        assertMatches(Nvrtc.class, HeaderSignatures.ofList(resource("nvrtc-signatures.txt")));
    }

    @Test
    void theDriverBindingsMatchTheInstalledCudaH() throws IOException {
        Optional<Path> header = installedHeader("cuda.h");
        assumeTrue(header.isPresent(), "no cuda.h installed");
        HeaderSignatures signatures = HeaderSignatures.ofHeader(Files.readString(header.get()));
        assertMatches(CudaDriver.class, signatures);
        for (CudaDriver.Attribute attribute : CudaDriver.Attribute.values()) {
            assertThat(signatures.enumerator("CU_DEVICE_ATTRIBUTE_" + attribute.name())).as(attribute.name())
                    .hasValue(attribute.code);
        }
        assertThat(signatures.enumerator("CU_STREAM_CAPTURE_MODE_THREAD_LOCAL"))
                .hasValue(CudaDriver.CU_STREAM_CAPTURE_MODE_THREAD_LOCAL);
        assertThat(signatures.enumerator("CU_STREAM_NON_BLOCKING")).hasValue(CudaDriver.CU_STREAM_NON_BLOCKING);
        assertThat(signatures.enumerator("CU_EVENT_DEFAULT")).hasValue(CudaDriver.CU_EVENT_DEFAULT);
        for (Map.Entry<Integer, String> error : CudaErrorNames.all().entrySet()) {
            assertThat(signatures.enumerator(error.getValue())).as(error.getValue()).hasValue(error.getKey());
        }
    }

    @Test
    void theNvrtcBindingsMatchAnInstalledNvrtcH() throws IOException {
        Optional<Path> header = installedHeader("nvrtc.h");
        assumeTrue(header.isPresent(), "no nvrtc.h installed");
        assertMatches(Nvrtc.class, HeaderSignatures.ofHeader(Files.readString(header.get())));
    }

    @Test
    void theListsAgreeWithTheEnumeratorsTheCodeUses() throws IOException {
        HeaderSignatures driver = HeaderSignatures.ofList(resource("cuda-signatures.txt"));
        for (CudaDriver.Attribute attribute : CudaDriver.Attribute.values()) {
            assertThat(driver.enumerator("CU_DEVICE_ATTRIBUTE_" + attribute.name())).as(attribute.name())
                    .hasValue(attribute.code);
        }
        assertThat(driver.enumerator("CU_STREAM_CAPTURE_MODE_THREAD_LOCAL")).hasValue(1);
        assertThat(driver.enumerator("CU_STREAM_NON_BLOCKING")).hasValue(1);
        assertThat(driver.enumerator("CU_EVENT_DEFAULT")).hasValue(0);
    }

    @Test
    void theHeaderReaderFollowsDefinesAndDropsParameterNames() {
        HeaderSignatures header = HeaderSignatures.ofHeader("""
                /** cuMemAlloc(CUdeviceptr *dptr) in a comment is no prototype; */
                #define cuMemAlloc                          cuMemAlloc_v2
                #define cuMemcpyHtoD                        __CUDA_API_PTDS(cuMemcpyHtoD_v2)
                CUresult CUDAAPI cuMemAlloc(CUdeviceptr *dptr, size_t bytesize);
                CUresult CUDAAPI cuMemcpyHtoD(CUdeviceptr dstDevice, const void *srcHost, size_t ByteCount);
                CUresult CUDAAPI cuCtxSynchronize(void);
                const char *nvrtcGetErrorString(nvrtcResult result);
                typedef enum { CU_EVENT_DISABLE_TIMING = 0x2 } CUevent_flags;
                """);
        assertThat(header.signature("cuMemAlloc_v2")).contains(new HeaderSignatures.Signature("CUresult",
                List.of("CUdeviceptr *", "size_t")));
        assertThat(header.signature("cuMemcpyHtoD_v2").orElseThrow().kinds())
                .containsExactly("int32", "int64", "pointer", "int64");
        assertThat(header.signature("cuCtxSynchronize").orElseThrow().parameterTypes()).isEmpty();
        assertThat(header.signature("nvrtcGetErrorString").orElseThrow().kinds()).containsExactly("pointer",
                "int32");
        assertThat(header.enumerator("CU_EVENT_DISABLE_TIMING")).hasValue(2);
    }

    /** Each symbol of each {@link NativeFunction} constant of {@code bindings} is declared, with the same shape. */
    private static void assertMatches(Class<?> bindings, HeaderSignatures header) {
        List<NativeFunction> functions = functionsOf(bindings);
        assertThat(functions).isNotEmpty();
        for (NativeFunction function : functions) {
            for (String symbol : function.symbols()) {
                Optional<HeaderSignatures.Signature> signature = header.signature(symbol);
                assertThat(signature).as("%s is declared", symbol).isPresent();
                assertThat(HeaderSignatures.kinds(function.descriptor())).as("the descriptor of %s", symbol)
                        .isEqualTo(signature.get().kinds());
            }
        }
    }

    static List<NativeFunction> functionsOf(Class<?> bindings) {
        List<NativeFunction> functions = new ArrayList<>();
        for (Field field : bindings.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == NativeFunction.class) {
                try {
                    field.setAccessible(true);
                    functions.add((NativeFunction) field.get(null));
                } catch (IllegalAccessException impossible) {
                    throw new AssertionError(impossible);
                }
            }
        }
        return functions;
    }

    private static Optional<Path> installedHeader(String name) {
        List<Path> candidates = new ArrayList<>();
        for (String variable : new String[] {"CUDA_HOME", "CUDA_PATH"}) {
            String home = System.getenv(variable);
            if (home != null && !home.isBlank()) {
                candidates.add(Path.of(home, "include", name));
            }
        }
        candidates.add(CUDA_HEADER.resolveSibling(name));
        candidates.add(Path.of("/usr/local/cuda/targets/x86_64-linux/include", name));
        NativeLibraries.findNvrtc(System.getenv()).found()
                .ifPresent(library -> candidates.add(library.toAbsolutePath().getParent().resolveSibling("include")
                        .resolve(name)));
        return candidates.stream().filter(Files::isRegularFile).findFirst();
    }

    private static String resource(String name) throws IOException {
        try (InputStream stream = BindingSignaturesTest.class.getResourceAsStream(name)) {
            assertThat(stream).as(name).isNotNull();
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
