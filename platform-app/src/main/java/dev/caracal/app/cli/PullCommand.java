package dev.caracal.app.cli;

import dev.caracal.app.hub.ByteSize;
import dev.caracal.app.hub.CachedFile;
import dev.caracal.app.hub.CachedRepository;
import dev.caracal.app.hub.CachedRevision;
import dev.caracal.app.hub.HubCache;
import dev.caracal.app.hub.HubClient;
import dev.caracal.app.hub.HubSettings;
import dev.caracal.app.hub.PulledFile;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code caracal pull}: a model file from a Hugging Face hub into the shared cache; also lists and deletes. */
@Command(
        name = "pull",
        mixinStandardHelpOptions = true,
        description = {
            "Downloads FILE of the Hugging Face repository ORG/NAME into the Hugging Face cache (shared with",
            "huggingface_hub: HF_HUB_CACHE, else ~/.cache/huggingface/hub), resuming an interrupted download and",
            "checking the SHA-256 of LFS files, then prints the file's path. A file already there is not downloaded",
            "again. HF_TOKEN is sent to the hub for private and gated repositories; HF_ENDPOINT names a mirror."
        },
        footer = {"", "Examples:",
            "  caracal pull bartowski/Llama-3.2-1B-Instruct-GGUF Llama-3.2-1B-Instruct-Q4_0.gguf",
            "  caracal serve --model \"$(caracal pull ORG/NAME FILE.gguf)\"",
            "  caracal pull --list", "  caracal pull --delete Qwen/Qwen2.5-0.5B-Instruct-GGUF"})
final class PullCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ORG/NAME", description = "the repository")
    String repository;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FILE",
            description = "the file in the repository, such as model-Q4_0.gguf or a path in a subfolder")
    String file;

    @Option(names = "--revision", defaultValue = HubClient.DEFAULT_REVISION, paramLabel = "R",
            description = "a branch, tag or commit hash (default: ${DEFAULT-VALUE})")
    String revision;

    @Option(names = "--cache", paramLabel = "DIR", description = "the cache folder (default: HF_HUB_CACHE, else"
            + " HF_HOME/hub, else ~/.cache/huggingface/hub)")
    Path cache;

    @Option(names = "--endpoint", paramLabel = "URL", description = "the hub (default: HF_ENDPOINT, else"
            + " https://huggingface.co)")
    URI endpoint;

    @Option(names = "--list", description = "list the cached models instead: repository, revision, file, size, path")
    boolean list;

    @Option(names = "--delete", paramLabel = "ORG/NAME", description = "delete a repository from the cache instead")
    String delete;

    @Override
    public Integer call() throws Exception {
        HubSettings settings = settings();
        if (list || delete != null) {
            if (repository != null || (list && delete != null)) {
                throw new ParameterException(spec.commandLine(), "--list and --delete take no ORG/NAME FILE and"
                        + " go alone");
            }
            HubCache hubCache = new HubCache(settings.cacheDirectory());
            return list ? list(hubCache) : delete(hubCache);
        }
        if (repository == null || file == null) {
            throw new ParameterException(spec.commandLine(), "give the repository and the file, such as: caracal"
                    + " pull Qwen/Qwen2.5-0.5B-Instruct-GGUF qwen2.5-0.5b-instruct-q4_0.gguf");
        }
        PrintWriter err = spec.commandLine().getErr();
        PullProgressBar progress = new PullProgressBar(err, Path.of(file).getFileName().toString(),
                PullProgressBar.onTerminal());
        PulledFile pulled;
        try (HubClient client = new HubClient(settings)) {
            pulled = client.pull(repository, file, revision, progress);
        } catch (IllegalArgumentException invalidName) {
            throw new ParameterException(spec.commandLine(), invalidName.getMessage());
        } finally {
            progress.end();
        }
        err.println(pulled.downloaded()
                ? "pulled " + pulled.file() + " (" + ByteSize.format(pulled.sizeBytes()) + ") of " + pulled.repository()
                        + " at " + pulled.commit()
                : pulled.file() + " of " + pulled.repository() + " at " + pulled.commit() + " is in the cache already");
        err.flush();
        spec.commandLine().getOut().println(pulled.path());
        spec.commandLine().getOut().flush();
        return 0;
    }

    private HubSettings settings() {
        HubSettings settings = HubSettings.fromEnvironment();
        try {
            settings = endpoint == null ? settings : settings.withEndpoint(endpoint);
        } catch (IllegalArgumentException invalid) {
            throw new ParameterException(spec.commandLine(), "--endpoint: " + invalid.getMessage());
        }
        return cache == null ? settings : settings.withCacheDirectory(cache);
    }

    private int list(HubCache hubCache) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<CachedRepository> repositories = hubCache.list();
        if (repositories.isEmpty()) {
            out.println("no models in " + hubCache.directory());
        }
        for (CachedRepository cached : repositories) {
            out.println(cached.repository() + "  " + ByteSize.format(cached.sizeBytes())
                    + (cached.incompleteBytes() > 0 ? " (and " + ByteSize.format(cached.incompleteBytes())
                            + " of unfinished downloads)" : "") + "  " + cached.path());
            for (CachedRevision revision : cached.revisions()) {
                String names = revision.refs().isEmpty() ? revision.commit()
                        : String.join(", ", revision.refs()) + " (" + revision.commit() + ")";
                for (CachedFile cachedFile : revision.files()) {
                    out.println("  " + names + "  " + cachedFile.name() + "  " + ByteSize.format(cachedFile.sizeBytes())
                            + "  " + cachedFile.path());
                }
            }
        }
        out.flush();
        return 0;
    }

    private int delete(HubCache hubCache) throws Exception {
        Optional<CachedRepository> cached;
        try {
            cached = hubCache.find(delete);
        } catch (IllegalArgumentException invalidName) {
            throw new ParameterException(spec.commandLine(), "--delete: " + invalidName.getMessage());
        }
        if (cached.isEmpty() || !hubCache.delete(delete)) {
            spec.commandLine().getErr().println("caracal pull: " + delete + " is not in the cache "
                    + hubCache.directory());
            spec.commandLine().getErr().flush();
            return CaracalCommand.ExitCodes.FAILURE;
        }
        spec.commandLine().getOut().println("deleted " + delete + " ("
                + ByteSize.format(cached.get().sizeBytes() + cached.get().incompleteBytes()) + ") from "
                + hubCache.directory());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
