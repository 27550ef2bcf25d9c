package dev.caracal.app.cli;

import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.formats.quantize.GgufQuantizer;
import dev.caracal.formats.quantize.QuantizationType;
import dev.caracal.formats.random.RandomModelWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code caracal random-model}: writes a GGUF model with random weights and real shapes, for benchmarks. */
@Command(
        name = "random-model",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a GGUF model with random weights and a real shape (for speed work; it generates gibberish).",
            "Shapes: 1b (dim 2048, 16 layers, 32 heads, 8 KV heads, FFN 8192, vocabulary 32000),",
            "110m (dim 768, 12 layers, 12 heads, 12 KV heads, FFN 2048, vocabulary 32000, context 2048), medium, small."
        })
final class RandomModelCommand implements Callable<Integer> {


    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "the GGUF file to write")
    Path output;

    @Option(names = "--shape", defaultValue = "1b", paramLabel = "SHAPE",
            description = "1b, 110m, medium or small (default: ${DEFAULT-VALUE})")
    String shape;

    @Option(names = "--type", defaultValue = "Q4_0", paramLabel = "TYPE",
            description = "weight format: F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q2_K..Q6_K, IQ4_NL; or a"
                    + " llama.cpp mix, Q4_K_M or Q5_K_M (drawn in F16, then quantized by `caracal quantize`'s rules:"
                    + " Q6_K for output and for attn_v and ffn_down on half of the layers) (default: ${DEFAULT-VALUE})")
    String type;

    @Option(names = "--arch", defaultValue = "LLAMA", paramLabel = "ARCH",
            description = "LLAMA, QWEN2 or QWEN3 (default: ${DEFAULT-VALUE})")
    RandomModelWriter.Architecture architecture;

    @Option(names = "--tokenizer", paramLabel = "FILE",
            description = "a Hugging Face tokenizer.json whose vocabulary (and chat template, from the"
                    + " tokenizer_config.json beside it) the model gets, instead of a synthetic 32,000-token one")
    Path tokenizer;

    @Option(names = "--pre-tokenizer", defaultValue = "llama-bpe", paramLabel = "NAME",
            description = "llama.cpp's name of the tokenizer's pre-tokenizer, with --tokenizer: llama-bpe (Llama 3),"
                    + " qwen2 (Qwen2/2.5/3), ... (default: ${DEFAULT-VALUE})")
    String preTokenizer;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        RandomModelWriter.Spec base = switch (shape.toLowerCase()) {
            case "1b" -> RandomModelWriter.Spec.oneBillionShape();
            case "110m" -> RandomModelWriter.Spec.oneHundredTenMillionShape();
            case "medium" -> RandomModelWriter.Spec.medium();
            case "small" -> RandomModelWriter.Spec.small();
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "unknown shape '" + shape + "'; use 1b, 110m, medium or small");
        };
        Optional<QuantizationType> mix = QuantizationType.find(type).filter(QuantizationType::isMix);
        QuantFormat format = mix.isPresent() ? QuantFormat.F16 : format(type);
        RandomModelWriter.Spec chosen = base.withArchitecture(architecture)
                .withFormats(format, Optional.empty())
                .withSeed(seed);
        if (tokenizer != null) {
            if (!Files.isRegularFile(tokenizer)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--tokenizer: no file "
                        + tokenizer);
            }
            chosen = chosen.withVocabulary(RandomModelWriter.Vocabulary.fromTokenizerJson(tokenizer, preTokenizer));
        }
        long start = System.nanoTime();
        if (mix.isPresent()) {
            Path drawn = Files.createTempFile(output.toAbsolutePath().getParent(), ".random-model-f16-", ".gguf");
            try {
                RandomModelWriter.write(chosen, drawn);
                GgufQuantizer.quantize(drawn, output, GgufQuantizer.Options.of(mix.get()), null);
            } finally {
                Files.deleteIfExists(drawn);
            }
        } else {
            RandomModelWriter.write(chosen, output);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("wrote %s (%,d bytes, %s %s, %.1f s)%n", output, Files.size(output), architecture,
                mix.map(Enum::name).orElse(format.name()), (System.nanoTime() - start) / 1e9);
        out.flush();
        return 0;
    }

    private QuantFormat format(String name) {
        try {
            return QuantFormat.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "unknown --type '" + name
                    + "'; use a weight format (F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q2_K..Q6_K, IQ4_NL) or"
                    + " Q4_K_M or Q5_K_M");
        }
    }
}
