package dev.caracal.app.cli;

import dev.caracal.formats.tokenizer.Tokenizer;
import dev.caracal.formats.tokenizer.Tokenizers;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code caracal tokenize}: the token ids of a text, like llama.cpp's {@code llama-tokenize}. */
@Command(
        name = "tokenize",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the token ids of TEXT.",
            "The tokenizer comes from a GGUF file, a tokenizer.json or tokenizer.model, or a model directory."
        })
final class TokenizeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE|DIR",
            description = "GGUF file, tokenizer.json, tokenizer.model, or a directory holding one")
    Path model;

    @Parameters(paramLabel = "TEXT", description = "the text to tokenize")
    String text;

    @Option(names = "--pieces", description = "print each token's id and piece, one per line")
    boolean pieces;

    @Option(names = "--no-bos", negatable = false,
            description = "do not add the model's BOS/EOS tokens (added by default, as for a prompt)")
    boolean noSpecialTokens;

    @Option(names = "--no-parse-special", negatable = false,
            description = "treat special-token text such as <|eot_id|> as plain text")
    boolean noParseSpecial;

    @Override
    public Integer call() throws Exception {
        Tokenizer tokenizer = Tokenizers.load(model);
        int[] tokens = tokenizer.encode(text, !noSpecialTokens, !noParseSpecial);
        PrintWriter out = spec.commandLine().getOut();
        if (pieces) {
            for (int token : tokens) {
                out.printf("%6d -> '%s'%n", token, render(tokenizer.tokenBytes(token, false, true)));
            }
            out.printf("%d tokens%n", tokens.length);
        } else {
            out.println(Arrays.toString(tokens));
        }
        out.flush();
        return 0;
    }

    /** The bytes as text when they are whole UTF-8 characters; otherwise printable ASCII and {@code \xNN} escapes. */
    static String render(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException partial) {
            StringBuilder text = new StringBuilder();
            for (byte value : bytes) {
                int unsigned = value & 0xff;
                text.append(unsigned >= 0x20 && unsigned < 0x7f ? String.valueOf((char) unsigned)
                        : String.format("\\x%02X", unsigned));
            }
            return text.toString();
        }
    }
}
