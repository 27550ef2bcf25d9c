package dev.caracal.app.cli;

import dev.caracal.app.server.security.ApiKeyHash;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code caracal hash-key}: the {@code sha256:<hex>} form of an API key that
 * {@code caracal.security.tenants[].key-hashes} takes, or a new random key with its hash.
 */
@Command(
        name = "hash-key",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the hash of an API key as caracal.security.tenants[].key-hashes takes it (sha256:<hex>, the",
            "same as `printf %s KEY | sha256sum`). The key is read from standard input (one line) unless given;",
            "with --generate, a new random key and its hash are printed."
        },
        footer = {"", "Examples:", "  caracal hash-key --generate", "  printf %s \"$KEY\" | caracal hash-key"})
final class HashKeyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "KEY",
            description = "the key (better on standard input: arguments stay in the shell's history)")
    String key;

    @Option(names = "--generate", description = "make a new random key and print it with its hash")
    boolean generate;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (generate) {
            if (key != null) {
                throw new ParameterException(spec.commandLine(), "give either KEY or --generate, not both");
            }
            String fresh = ApiKeyHash.newKey();
            out.println("key:  " + fresh);
            out.println("hash: " + ApiKeyHash.of(fresh));
            out.flush();
            return 0;
        }
        String value = key;
        if (value == null) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            value = in.readLine();
        }
        if (value == null || value.isBlank()) {
            throw new ParameterException(spec.commandLine(), "no key given: pass it on standard input, as KEY, or"
                    + " use --generate");
        }
        out.println(ApiKeyHash.of(value.strip()));
        out.flush();
        return 0;
    }
}
