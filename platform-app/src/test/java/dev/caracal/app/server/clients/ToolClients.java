package dev.caracal.app.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.caracal.app.server.ToolModelsServer;
import dev.langchain4j.model.output.structured.Description;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the tool and structured-output tests of the real clients share: the Java types each client derives a JSON
 * schema from (each generator reads the annotations it knows: Jackson's descriptions, Swagger's bounds,
 * LangChain4j's {@code @Description}), and the check that an answer satisfies the schema the client really sent.
 */
final class ToolClients {

    /** What every tool returns; the test finds it again in the next request's tool message. */
    static final String TOOL_RESULT = "21 degrees";

    /** Keeps answers short: stories260K writes JSON nearly byte by byte. */
    static final int MAX_TOKENS = 160;

    static final int SEED = 3;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ToolClients() {
    }

    enum Pet { CAT, DOG, FISH }

    record Address(@JsonPropertyDescription("The city") String city,
            @Schema(minimum = "1000", maximum = "99999") int zip) {
    }

    @JsonClassDescription("A person and their pets")
    record Person(@JsonPropertyDescription("The first name") @Description("The first name") String name,
            @Schema(minimum = "0", maximum = "120") int age, @ArraySchema(maxItems = 3) List<Pet> pets,
            Address address) {
    }

    enum City { PARIS, LONDON, TOKYO }

    enum Unit { CELSIUS, FAHRENHEIT }

    /** The arguments of a weather tool, for clients that derive a tool's parameters from a class. */
    @JsonClassDescription("The weather in a city")
    record GetWeather(City city, Unit unit) {
    }

    static JsonNode readTree(String json) {
        return JSON.readTree(json);
    }

    /** Fails unless {@code value} (JSON text or tree, or an object a client parsed) satisfies {@code schema}. */
    static void assertSatisfies(Object value, JsonNode schema, String what) {
        JsonNode tree = switch (value) {
            case String text -> JSON.readTree(text);
            case JsonNode node -> node;
            default -> JSON.valueToTree(value);
        };
        assertThat(ToolModelsServer.validate(tree, schema)).as(what + ": " + tree + " against " + schema).isEmpty();
    }
}
