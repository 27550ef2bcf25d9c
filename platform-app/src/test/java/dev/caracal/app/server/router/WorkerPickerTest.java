package dev.caracal.app.server.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkerPickerTest {

    private static final String MODEL = "stories260K";
    private static final List<String> PROMPT = List.of("a1", "a2", "a3", "a4");

    @Test
    void prefixPolicyTakesTheLongestCachedPrefixThenTheLeastLoaded() {
        Worker none = worker("http://w1:8000", 0, Set.of());
        Worker two = worker("http://w2:8000", 3, Set.of("a1", "a2", "b9"));
        Worker gap = worker("http://w3:8000", 0, Set.of("a1", "a3", "a4"));
        WorkerPicker picker = new WorkerPicker(RouterProperties.Policy.PREFIX, 8);
        assertThat(picker.order(List.of(none, two, gap), MODEL, PROMPT, null)).containsExactly(two, gap, none);
        Worker alsoTwo = worker("http://w4:8000", 1, Set.of("a1", "a2"));
        assertThat(picker.order(List.of(none, two, gap, alsoTwo), MODEL, PROMPT, null).getFirst())
                .isSameAs(alsoTwo);
    }

    @Test
    void aWorkerTooFarAboveTheLeastLoadedLosesItsPrefix() {
        Worker cached = worker("http://w1:8000", 10, Set.of("a1", "a2", "a3", "a4"));
        Worker idle = worker("http://w2:8000", 1, Set.of());
        assertThat(new WorkerPicker(RouterProperties.Policy.PREFIX, 8).order(List.of(cached, idle), MODEL, PROMPT,
                null)).containsExactly(idle, cached);
        assertThat(new WorkerPicker(RouterProperties.Policy.PREFIX, 9).order(List.of(cached, idle), MODEL, PROMPT,
                null)).containsExactly(cached, idle);
    }

    @Test
    void blocksRoutedLatelyCountAsCachedBeforeAPollShowsThem() {
        Worker first = worker("http://w1:8000", 0, Set.of());
        Worker second = worker("http://w2:8000", 0, Set.of());
        second.routed(List.of("a1", "a2"));
        assertThat(new WorkerPicker(RouterProperties.Policy.PREFIX, 8).order(List.of(first, second), MODEL, PROMPT,
                null).getFirst()).isSameAs(second);
    }

    @Test
    void onlyReadyWorkersOfTheModelAreCandidates() {
        Worker ready = worker("http://w1:8000", 0, Set.of());
        Worker loading = new Worker(URI.create("http://w2:8000"));
        loading.update(new Worker.State(true, Map.of(MODEL, new Worker.ModelState(MODEL, false, 0, 0, 0, 16, 100,
                Set.of())), System.nanoTime(), null));
        Worker unreachable = worker("http://w3:8000", 0, Set.of());
        unreachable.markUnreachable("connection refused");
        for (RouterProperties.Policy policy : RouterProperties.Policy.values()) {
            assertThat(new WorkerPicker(policy, 8).order(List.of(ready, loading, unreachable), MODEL, PROMPT, null))
                    .containsExactly(ready);
            assertThat(new WorkerPicker(policy, 8).order(List.of(ready), "other", PROMPT, null)).isEmpty();
        }
    }

    @Test
    void aNewPrefixGoesToTheWorkerSentFewestBlocksLately() {
        Worker busy = worker("http://w1:8000", 0, Set.of("b1", "b2", "b3"));
        Worker some = worker("http://w2:8000", 0, Set.of());
        Worker idle = worker("http://w3:8000", 0, Set.of("x1", "x2", "x3", "x4", "x5"));
        busy.routed(List.of("b1", "b2", "b3"));
        some.routed(List.of("c1"));
        WorkerPicker picker = new WorkerPicker(RouterProperties.Policy.PREFIX, 8);
        assertThat(picker.order(List.of(busy, some, idle), MODEL, PROMPT, null)).containsExactly(idle, some, busy);
        idle.routed(List.of("d1", "d2", "d3", "d4"));
        assertThat(picker.order(List.of(busy, some, idle), MODEL, PROMPT, null)).containsExactly(some, busy, idle);
    }

    @Test
    void leastLoadedPolicyIgnoresPrefixes() {
        Worker cached = worker("http://w1:8000", 2, Set.of("a1", "a2", "a3", "a4"));
        Worker idle = worker("http://w2:8000", 0, Set.of());
        assertThat(new WorkerPicker(RouterProperties.Policy.LEAST_LOADED, 8).order(List.of(cached, idle), MODEL,
                PROMPT, null)).containsExactly(idle, cached);
    }

    @Test
    void randomPolicySpreadsRequestsOverEveryWorker() {
        List<Worker> workers = List.of(worker("http://w1:8000", 0, Set.of("a1")), worker("http://w2:8000", 0,
                Set.of()), worker("http://w3:8000", 0, Set.of()));
        WorkerPicker picker = new WorkerPicker(RouterProperties.Policy.RANDOM, 8);
        Map<Worker, Integer> firsts = new HashMap<>();
        for (int i = 0; i < 3000; i++) {
            firsts.merge(picker.order(workers, MODEL, PROMPT, null).getFirst(), 1, Integer::sum);
        }
        assertThat(firsts).hasSize(3);
        assertThat(firsts.values()).allSatisfy(count -> assertThat(count).isBetween(850, 1150));
    }

    @Test
    void aSessionStaysOnItsWorkerWhileThatWorkerIsReady() {
        Worker cached = worker("http://w1:8000", 0, Set.of("a1", "a2", "a3", "a4"));
        Worker other = worker("http://w2:8000", 0, Set.of());
        WorkerPicker picker = new WorkerPicker(RouterProperties.Policy.PREFIX, 8);
        picker.served("session-1", other);
        assertThat(picker.order(List.of(cached, other), MODEL, PROMPT, "session-1").getFirst()).isSameAs(other);
        assertThat(picker.order(List.of(cached, other), MODEL, PROMPT, "session-2").getFirst()).isSameAs(cached);
        other.markUnreachable("gone");
        assertThat(picker.order(List.of(cached, other), MODEL, PROMPT, "session-1")).containsExactly(cached);
    }

    @Test
    void workerUrlsAreBaseUrlsOnly() {
        assertThat(WorkerDirectory.parse(" http://10.0.0.5:8000/ ").toString()).isEqualTo("http://10.0.0.5:8000");
        for (String wrong : List.of("10.0.0.5:8000", "ftp://host:21", "http://host:8000/v1", "http://host?x=1")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> WorkerDirectory.parse(wrong))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(wrong.trim());
        }
    }

    /** A reachable worker serving {@link #MODEL} with {@code load} requests in flight and these cached blocks. */
    private static Worker worker(String url, int load, Set<String> cached) {
        Worker worker = new Worker(URI.create(url));
        worker.update(new Worker.State(true, Map.of(MODEL, new Worker.ModelState(MODEL, true, load, 0, 0.1, 16, 100,
                new HashSet<>(cached))), System.nanoTime(), null));
        return worker;
    }
}
