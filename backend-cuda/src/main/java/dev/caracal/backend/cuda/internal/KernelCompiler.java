package dev.caracal.backend.cuda.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles the kernel source for one GPU architecture ({@code sm_90a}) and keeps each CUBIN in a disk cache, named by
 * the SHA-256 of what made it (file name, source, architecture, options, compiler version). Entries are written
 * atomically (a temporary file, then a move); one that is unreadable or corrupt is compiled again; where the cache
 * cannot be written, the CUBIN is used from memory.
 */
public final class KernelCompiler {

    private static final System.Logger LOG = System.getLogger(KernelCompiler.class.getName());

    /** The first bytes of a cache entry, then the SHA-256 of the CUBIN, then the CUBIN. */
    private static final byte[] MAGIC = "CRCLCUB1".getBytes(StandardCharsets.US_ASCII);
    private static final int DIGEST_BYTES = 32;

    /** Turns CUDA source into a CUBIN: NVRTC in production, a stand-in in the tests. */
    @FunctionalInterface
    public interface Compilation {

        /** The CUBIN of {@code source} ({@code fileName} in messages) compiled with {@code options}. */
        byte[] compile(String source, String fileName, List<String> options);
    }

    private final Compilation compilation;
    private final String compilerVersion;
    private final Optional<Path> cacheDirectory;

    /**
     * @param compilation     what compiles on a cache miss
     * @param compilerVersion part of the cache key ({@code 13.0}): a new compiler makes new entries
     * @param cacheDirectory  where CUBINs are kept; empty to compile every time
     */
    public KernelCompiler(Compilation compilation, String compilerVersion, Optional<Path> cacheDirectory) {
        this.compilation = compilation;
        this.compilerVersion = compilerVersion;
        this.cacheDirectory = cacheDirectory;
    }

    /** NVRTC, caching under {@link #cacheDirectory(Map, String)} of {@code environment}. */
    public static KernelCompiler withNvrtc(Nvrtc nvrtc, Map<String, String> environment) {
        return new KernelCompiler(nvrtc::compileToCubin, nvrtc.version(),
                Optional.of(cacheDirectory(environment, System.getProperty("user.home"))));
    }

    /**
     * {@code $CARACAL_CUDA_CACHE}, else {@code $XDG_CACHE_HOME/caracal/cuda}, else
     * {@code userHome/.cache/caracal/cuda}.
     */
    public static Path cacheDirectory(Map<String, String> environment, String userHome) {
        String explicit = environment.get("CARACAL_CUDA_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String cacheHome = environment.get("XDG_CACHE_HOME");
        Path base = cacheHome != null && !cacheHome.isBlank() ? Path.of(cacheHome) : Path.of(userHome, ".cache");
        return base.resolve("caracal").resolve("cuda");
    }

    /**
     * The architecture to compile for: {@code sm_90a} for compute capability 9.0 and {@code sm_100a} for 10.0 (their
     * architecture-specific features: wgmma, TMA, tcgen05), {@code sm_XY} otherwise.
     */
    public static String architecture(int major, int minor) {
        String plain = "sm_" + major + minor;
        return (major == 9 || major == 10) && minor == 0 ? plain + "a" : plain;
    }

    /** NVRTC's options for {@code architecture}: C++17, line info for profilers, IEEE arithmetic (no fast math). */
    public static List<String> options(String architecture) {
        return List.of("--gpu-architecture=" + architecture, "-std=c++17", "-lineinfo");
    }

    /** The compiler's version, part of every cache key. */
    public String compilerVersion() {
        return compilerVersion;
    }

    /** The CUBIN of {@code source} for {@code architecture}, from the cache or compiled (and then cached). */
    public byte[] compile(String source, String fileName, String architecture) {
        List<String> options = options(architecture);
        if (cacheDirectory.isEmpty()) {
            return compilation.compile(source, fileName, options);
        }
        Path entry = cacheDirectory.get().resolve(entryName(fileName, cacheKey(source, fileName, architecture,
                options)));
        Optional<byte[]> cached = read(entry);
        if (cached.isPresent()) {
            return cached.get();
        }
        byte[] cubin = compilation.compile(source, fileName, options);
        write(entry, cubin);
        return cubin;
    }

    /** The SHA-256, in hex, of each part with its length before it. */
    String cacheKey(String source, String fileName, String architecture, List<String> options) {
        List<String> parts = new ArrayList<>(List.of("caracal-cuda-cubin", fileName, source, architecture,
                compilerVersion));
        parts.addAll(options);
        MessageDigest digest = sha256();
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
            digest.update(bytes);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** {@code caracal_kernels-<key>.cubin}: the file name's stem, for people listing the folder. */
    static String entryName(String fileName, String key) {
        String stem = Path.of(fileName).getFileName().toString().replaceFirst("\\.[^.]*$", "")
                .replaceAll("[^A-Za-z0-9_.-]", "_");
        return stem + "-" + key + ".cubin";
    }

    private static Optional<byte[]> read(Path entry) {
        byte[] bytes;
        try {
            if (!Files.isRegularFile(entry)) {
                return Optional.empty();
            }
            bytes = Files.readAllBytes(entry);
        } catch (IOException | RuntimeException unreadable) {
            LOG.log(System.Logger.Level.WARNING, "cannot read the cached CUBIN {0} ({1}); compiling again", entry,
                    unreadable.toString());
            return Optional.empty();
        }
        int header = MAGIC.length + DIGEST_BYTES;
        if (bytes.length <= header || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            LOG.log(System.Logger.Level.WARNING, "the cached CUBIN {0} is not a cache entry; compiling again", entry);
            return Optional.empty();
        }
        byte[] cubin = Arrays.copyOfRange(bytes, header, bytes.length);
        if (!Arrays.equals(sha256().digest(cubin), Arrays.copyOfRange(bytes, MAGIC.length, header))) {
            LOG.log(System.Logger.Level.WARNING, "the cached CUBIN {0} is corrupt; compiling again", entry);
            return Optional.empty();
        }
        return Optional.of(cubin);
    }

    /** Writes the entry through a temporary file and a move, so that no reader sees half of it. */
    private static void write(Path entry, byte[] cubin) {
        Path temporary = null;
        try {
            Files.createDirectories(entry.getParent());
            temporary = Files.createTempFile(entry.getParent(), entry.getFileName().toString(), ".tmp");
            byte[] bytes = new byte[MAGIC.length + DIGEST_BYTES + cubin.length];
            System.arraycopy(MAGIC, 0, bytes, 0, MAGIC.length);
            System.arraycopy(sha256().digest(cubin), 0, bytes, MAGIC.length, DIGEST_BYTES);
            System.arraycopy(cubin, 0, bytes, MAGIC.length + DIGEST_BYTES, cubin.length);
            Files.write(temporary, bytes);
            try {
                Files.move(temporary, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(temporary, entry, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException unwritable) {
            LOG.log(System.Logger.Level.WARNING, "cannot write the CUBIN cache entry {0} ({1}); using the CUBIN from"
                    + " memory (set CARACAL_CUDA_CACHE to a writable folder to keep it)", entry,
                    unwritable.toString());
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // the temporary file stays; the next write makes its own
                }
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
    }
}
