package dev.caracal.app.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.server.GatewayTestBase;
import dev.caracal.app.server.security.CacheSalt;
import dev.caracal.formats.template.ChatMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The cluster API on the gateway without tenants (open, as {@code /v1}): the state of each deployment, and the block
 * hashes of a request's prompt, which are the keys the engine's prefix cache holds once that prompt has run, chained
 * (prompts sharing a prefix share the hashes of its full blocks), the same for a chat and the completion of its rendered
 * template, and refused exactly as {@code /v1} refuses a bad request; anyone may set the salt here
 * ({@link CacheSalt#HEADER}).
 */
class ClusterApiTest extends GatewayTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String STORY = "Once upon a time, there was a little girl named Lily. She loved to play"
            + " outside in the park with her friends. One day, she saw a big red ball under a tree. She ran to the"
            + " ball and kicked it very hard. The ball flew over the fence and into the garden of an old man.";

    @Test
    void theStateListsEachDeploymentWithItsLoadAndCachedBlocks() {
        JsonNode state = get("/cluster/v1/state");
        assertThat(names(state)).containsExactly("ready", "models");
        assertThat(state.get("ready").booleanValue()).isTrue();
        JsonNode model = state.get("models").get(0);
        assertThat(state.get("models")).hasSize(1);
        assertThat(names(model)).containsExactly("model", "deployment", "ready", "waiting", "running",
                "kv_cache_usage", "block_size", "blocks_total", "cached_blocks");
        assertThat(model.get("model").stringValue()).isEqualTo(MODEL);
        assertThat(model.get("deployment").stringValue()).isEqualTo(MODEL);
        assertThat(model.get("ready").booleanValue()).isTrue();
        assertThat(model.get("waiting").intValue()).isGreaterThanOrEqualTo(0);
        assertThat(model.get("running").intValue()).isGreaterThanOrEqualTo(0);
        assertThat(model.get("kv_cache_usage").doubleValue()).isBetween(0.0, 1.0);
        assertThat(model.get("block_size").intValue()).isEqualTo(16);
        assertThat(model.get("blocks_total").intValue()).isEqualTo(deployment().stats().kvCache().blocksTotal());
        assertThat(model.get("cached_blocks").isArray()).isTrue();
        model.get("cached_blocks").forEach(hash -> assertThat(hash.stringValue()).matches("[0-9a-f]{32}"));
    }

    @Test
    void aPromptsHashesAreTheBlocksTheEngineCachesOnceItHasRun() {
        String request = "{\"model\": \"" + MODEL + "\", \"prompt\": " + JSON.writeValueAsString(STORY)
                + ", \"max_tokens\": 1}";
        JsonNode prefix = post("/cluster/v1/prefix/completions", request);
        assertThat(names(prefix)).containsExactly("model", "block_size", "prompt_tokens", "block_hashes");
        assertThat(prefix.get("model").stringValue()).isEqualTo(MODEL);
        assertThat(prefix.get("block_size").intValue()).isEqualTo(16);
        int promptTokens = prefix.get("prompt_tokens").intValue();
        assertThat(promptTokens).isEqualTo(deployment().prompts().text(STORY).length);
        List<String> hashes = strings(prefix.get("block_hashes"));
        assertThat(hashes).hasSize(promptTokens / 16).hasSizeGreaterThanOrEqualTo(4)
                .allMatch(hash -> hash.matches("[0-9a-f]{32}")).doesNotHaveDuplicates();

        JsonNode completion = post("/v1/completions", request);
        assertThat(completion.get("usage").get("prompt_tokens").intValue()).isEqualTo(promptTokens);
        assertThat(strings(get("/cluster/v1/state").get("models").get(0).get("cached_blocks"))).containsAll(hashes);
        assertThat(post("/cluster/v1/prefix/completions", request)).as("nothing generated, the same again")
                .isEqualTo(prefix);
    }

    @Test
    void promptsSharingAPrefixShareExactlyTheHashesOfItsFullBlocks() {
        int[] story = deployment().prompts().text(STORY);
        int common = 53; // three full blocks and five tokens
        int[] first = Arrays.copyOf(story, 90);
        int[] second = first.clone();
        for (int i = common; i < second.length; i++) {
            second[i] = story[i] == 300 ? 301 : 300;
        }
        List<String> a = strings(post("/cluster/v1/prefix/completions", tokens(first)).get("block_hashes"));
        List<String> b = strings(post("/cluster/v1/prefix/completions", tokens(second)).get("block_hashes"));
        assertThat(a).hasSize(5);
        assertThat(b).hasSize(5);
        assertThat(b.subList(0, 3)).isEqualTo(a.subList(0, 3));
        for (int block = 3; block < 5; block++) {
            assertThat(b.get(block)).as("block " + block).isNotEqualTo(a.get(block));
        }
        int[] thirdWord = first.clone();
        thirdWord[3] = first[3] == 300 ? 301 : 300;
        assertThat(strings(post("/cluster/v1/prefix/completions", tokens(thirdWord)).get("block_hashes")))
                .as("a block's hash stands for the whole prefix up to its end").doesNotContainAnyElementsOf(a);
        List<String> shorter = strings(post("/cluster/v1/prefix/completions",
                tokens(Arrays.copyOf(story, 47))).get("block_hashes"));
        assertThat(shorter).as("a partial block has no hash").isEqualTo(a.subList(0, 2));
    }

    @Test
    void aChatHasTheHashesOfTheCompletionOfItsRenderedTemplate() {
        List<ChatMessage> conversation = List.of(ChatMessage.system("You tell short stories to children."),
                ChatMessage.user("Tell me about Lily and her red ball."),
                ChatMessage.assistant(STORY), ChatMessage.user("What did the old man say?"));
        ObjectNode chat = JSON.createObjectNode().put("model", MODEL).put("max_tokens", 8);
        ArrayNode messages = chat.putArray("messages");
        for (ChatMessage message : conversation) {
            messages.addObject().put("role", message.role()).put("content", message.content());
        }
        JsonNode fromChat = post("/cluster/v1/prefix/chat/completions", chat.toString());
        String rendered = deployment().prompts().renderChat(conversation);
        JsonNode fromCompletion = post("/cluster/v1/prefix/completions", JSON.createObjectNode().put("model", MODEL)
                .put("prompt", rendered).toString());
        assertThat(fromChat.get("prompt_tokens").intValue()).isEqualTo(chatPrompt(conversation).length)
                .isEqualTo(fromCompletion.get("prompt_tokens").intValue());
        assertThat(strings(fromChat.get("block_hashes"))).hasSizeGreaterThanOrEqualTo(5)
                .isEqualTo(strings(fromCompletion.get("block_hashes")));
    }

    @Test
    void withoutTenantsAnyoneMaySetTheSaltAndEachSaltHasItsOwnHashes() {
        String request = "{\"model\": \"" + MODEL + "\", \"prompt\": " + JSON.writeValueAsString(STORY) + "}";
        List<String> unsalted = strings(post("/cluster/v1/prefix/completions", request).get("block_hashes"));
        List<String> li = salted(CacheSalt.encode("李"), request);
        assertThat(li).hasSameSizeAs(unsalted).doesNotContainAnyElementsOf(unsalted)
                .doesNotContainAnyElementsOf(salted(CacheSalt.encode("王"), request))
                .doesNotContainAnyElementsOf(salted("?", request));
        assertThat(salted("%41lice%20B.", request)).as("the value is decoded").isEqualTo(salted(
                CacheSalt.encode("Alice B."), request));
        for (String malformed : List.of("%E6", "%4", "a%zz", "%FF%FE")) {
            EntityExchangeResult<String> refused = client().post().uri("/cluster/v1/prefix/completions")
                    .header(CacheSalt.HEADER, malformed).contentType(MediaType.APPLICATION_JSON).bodyValue(request)
                    .exchange().expectBody(String.class).returnResult();
            assertThat(refused.getStatus().value()).as(malformed).isEqualTo(400);
        }
    }

    @Test
    void aBadRequestGetsTheStatusAndErrorOfTheOpenAiApi() {
        List<String> chats = List.of(
                "{\"model\": ",
                "[]",
                "",
                "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}",
                "{\"model\": \"absent\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}",
                "{\"model\": \"" + MODEL + "\", \"messages\": []}",
                "{\"model\": \"" + MODEL + "\", \"messages\": [{\"role\": \"wizard\", \"content\": \"Hi\"}]}",
                "{\"model\": \"" + MODEL + "\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}],"
                        + " \"audio\": {\"voice\": \"alloy\"}}",
                "{\"model\": \"" + MODEL + "\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}],"
                        + " \"temperature\": 5}",
                "{\"model\": \"" + MODEL + "\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}],"
                        + " \"max_tokens\": \"many\"}",
                "{\"model\": \"" + MODEL + "\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}],"
                        + " \"max_tokens\": 1000000}");
        List<String> completions = List.of(
                "{\"model\": \"" + MODEL + "\"}",
                "{\"model\": \"" + MODEL + "\", \"prompt\": \"Hi\", \"echo\": true}",
                "{\"model\": \"" + MODEL + "\", \"prompt\": \"Hi\", \"n\": 0}",
                "{\"model\": \"" + MODEL + "\", \"prompt\": [1, 100000]}",
                "{\"model\": \"" + MODEL + "\", \"prompt\": \"Hi\", \"logprobs\": 9}");
        for (String body : chats) {
            assertSameRefusal("/v1/chat/completions", "/cluster/v1/prefix/chat/completions", body);
        }
        for (String body : completions) {
            assertSameRefusal("/v1/completions", "/cluster/v1/prefix/completions", body);
        }
        EntityExchangeResult<String> wrongType = client().post().uri("/cluster/v1/prefix/completions")
                .contentType(MediaType.TEXT_PLAIN).bodyValue("Hi").exchange().expectBody(String.class).returnResult();
        assertThat(wrongType.getStatus().value()).isEqualTo(415);
    }

    private void assertSameRefusal(String openAi, String cluster, String body) {
        EntityExchangeResult<String> expected = exchange(openAi, body);
        EntityExchangeResult<String> actual = exchange(cluster, body);
        assertThat(expected.getStatus().value()).as(body).isBetween(400, 499);
        assertThat(actual.getStatus()).as(body).isEqualTo(expected.getStatus());
        assertThat(actual.getResponseBody()).as(body).isEqualTo(expected.getResponseBody());
    }

    private EntityExchangeResult<String> exchange(String path, String body) {
        return client().post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectBody(String.class).returnResult();
    }

    private int[] chatPrompt(List<ChatMessage> conversation) {
        return deployment().prompts().chat(conversation);
    }

    private String tokens(int[] prompt) {
        return "{\"model\": \"" + MODEL + "\", \"prompt\": " + Arrays.toString(prompt) + "}";
    }

    private JsonNode get(String path) {
        return JSON.readTree(client().get().uri(path).exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody());
    }

    private JsonNode post(String path, String body) {
        return JSON.readTree(client().post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
    }

    /** The block hashes of {@code request} with the salt header {@code salt}. */
    private List<String> salted(String salt, String request) {
        return strings(JSON.readTree(client().post().uri("/cluster/v1/prefix/completions").header(CacheSalt.HEADER,
                salt).contentType(MediaType.APPLICATION_JSON).bodyValue(request).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).get("block_hashes"));
    }

    private static List<String> names(JsonNode object) {
        return new ArrayList<>(object.propertyNames());
    }

    private static List<String> strings(JsonNode array) {
        return IntStream.range(0, array.size()).mapToObj(i -> array.get(i).stringValue()).toList();
    }
}
