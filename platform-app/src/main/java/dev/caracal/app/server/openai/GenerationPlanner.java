package dev.caracal.app.server.openai;

import dev.caracal.app.server.config.RequestLimits;
import dev.caracal.spring.boot.engine.DeploymentRegistry;
import dev.caracal.spring.boot.engine.ModelDeployment;
import dev.caracal.app.server.error.OpenAiException;
import dev.caracal.app.server.security.Tenant;
import dev.caracal.engine.api.OutputConstraint;
import dev.caracal.engine.api.Prompts;
import dev.caracal.engine.api.SamplingParameters;
import dev.caracal.engine.api.chat.InvalidChatException;
import dev.caracal.engine.api.chat.PreparedChat;
import dev.caracal.formats.template.ChatMessage;
import dev.caracal.formats.template.ChatTemplateException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Validates a request against OpenAI's rules, the configured {@link RequestLimits} and the model's context, and turns
 * it into a {@link GenerationPlan}: every refusal is an {@link OpenAiException} that names the parameter.
 */
@Component
class GenerationPlanner {

    /** OpenAI's default {@code max_tokens} of a (legacy) completion. */
    static final int COMPLETION_DEFAULT_MAX_TOKENS = 16;
    /** OpenAI's limit on {@code logprobs} of a completion. */
    static final int MAX_COMPLETION_LOGPROBS = 5;

    private final DeploymentRegistry registry;
    private final RequestLimits limits;

    GenerationPlanner(DeploymentRegistry registry, RequestLimits limits) {
        this.registry = registry;
        this.limits = limits;
    }

    GenerationPlan chat(ChatCompletionRequest request, Tenant tenant) {
        ModelDeployment deployment = deployment(request.model(), tenant);
        List<ChatMessage> messages = messages(request.messages());
        Prompts prompts = deployment.prompts();
        PreparedChat chat;
        try {
            chat = PreparedChat.prepare(prompts, messages, ChatSetup.of(request));
        } catch (InvalidChatException invalid) {
            throw ChatSetup.invalid(invalid);
        }
        int[] prompt = chat.prompt();
        Integer maxTokens = request.maxCompletionTokens() != null ? request.maxCompletionTokens() : request.maxTokens();
        String maxTokensName = request.maxCompletionTokens() != null ? "max_completion_tokens" : "max_tokens";
        boolean logprobs = Boolean.TRUE.equals(request.logprobs());
        int topLogprobs = request.topLogprobs() == null ? 0 : request.topLogprobs();
        if (topLogprobs < 0 || topLogprobs > SamplingParameters.MAX_TOP_LOGPROBS) {
            throw OpenAiException.invalid("top_logprobs", "top_logprobs must be between 0 and "
                    + SamplingParameters.MAX_TOP_LOGPROBS + ", was " + topLogprobs);
        }
        if (request.topLogprobs() != null && !logprobs) {
            throw OpenAiException.invalid("top_logprobs", "top_logprobs needs logprobs set to true");
        }
        GenerationPlan plan = plan(deployment, request, List.of(prompt), "messages", maxTokens, maxTokensName, null,
                logprobs, topLogprobs);
        SamplingParameters sampling = chat.apply(plan.sampling());
        return new GenerationPlan(deployment, plan.prompts(), sampling, plan.n(), plan.stream(), plan.includeUsage(),
                plan.topLogprobs(), plan.ignoreEos()).readAs(chat.reading());
    }

    GenerationPlan completion(CompletionRequest request, Tenant tenant) {
        ModelDeployment deployment = deployment(request.model(), tenant);
        List<int[]> prompts = prompts(request.prompt(), deployment.prompts());
        Integer logprobs = request.logprobs();
        if (logprobs != null && (logprobs < 0 || logprobs > MAX_COMPLETION_LOGPROBS)) {
            throw OpenAiException.invalid("logprobs", "logprobs must be between 0 and " + MAX_COMPLETION_LOGPROBS
                    + ", was " + logprobs);
        }
        GenerationPlan plan = plan(deployment, request, prompts, "prompt", request.maxTokens(), "max_tokens",
                COMPLETION_DEFAULT_MAX_TOKENS, logprobs != null, logprobs == null ? 0 : logprobs);
        OutputConstraint format = ChatSetup.responseFormat(request.responseFormat(), deployment.prompts());
        if (format == null) {
            return plan;
        }
        return new GenerationPlan(deployment, plan.prompts(), plan.sampling().toBuilder().constraint(format).build(),
                plan.n(), plan.stream(), plan.includeUsage(), plan.topLogprobs(), plan.ignoreEos());
    }

    private GenerationPlan plan(ModelDeployment deployment, SamplingFields request, List<int[]> prompts,
            String promptName, Integer maxTokens, String maxTokensName, Integer defaultMaxTokens, boolean logprobs,
            int topLogprobs) {
        int n = request.n() == null ? 1 : request.n();
        if (n < 1 || n > limits.maxChoices()) {
            throw OpenAiException.invalid("n", "n must be between 1 and " + limits.maxChoices() + ", was " + n);
        }
        if ((long) n * prompts.size() > limits.maxChoices()) {
            throw OpenAiException.invalid("n", "a batch of " + prompts.size() + " prompts with n " + n + " asks for "
                    + (long) n * prompts.size() + " choices; at most " + limits.maxChoices() + " are allowed");
        }
        if (maxTokens != null && maxTokens < 1) {
            throw OpenAiException.invalid(maxTokensName, maxTokensName + " must be at least 1, was " + maxTokens);
        }
        if (maxTokens != null && limits.maxTokens() > 0 && maxTokens > limits.maxTokens()) {
            throw OpenAiException.invalid(maxTokensName, maxTokensName + " must be at most " + limits.maxTokens()
                    + ", was " + maxTokens);
        }
        int context = deployment.contextLength();
        int longest = prompts.stream().mapToInt(prompt -> prompt.length).max().orElse(0);
        int room = Math.max(1, context - longest);
        int limit = maxTokens != null ? maxTokens
                : defaultMaxTokens != null ? Math.min(defaultMaxTokens, room)
                : limits.maxTokens() > 0 ? Math.min(limits.maxTokens(), room) : context - longest;
        if (longest + Math.max(limit, 1) > context) {
            throw contextLengthExceeded(context, longest, maxTokens, promptName);
        }
        SamplingParameters.Builder sampling = SamplingParameters.builder()
                .maxTokens(limit)
                .temperature(range("temperature", request.temperature(), 1.0, 0, 2))
                .topP(topP(request.topP()))
                .presencePenalty(range("presence_penalty", request.presencePenalty(), 0, -2, 2))
                .frequencyPenalty(range("frequency_penalty", request.frequencyPenalty(), 0, -2, 2))
                .minP(range("min_p", request.minP(), 0, 0, 1))
                .repetitionPenalty(repetitionPenalty(request.repetitionPenalty()))
                .topK(topK(request.topK()))
                .logitBias(logitBias(request.logitBias(), deployment.prompts()))
                .seed(request.seed())
                .stop(stop(request.stop(), limits))
                .logprobs(logprobs)
                .topLogprobs(topLogprobs);
        SamplingParameters parameters;
        try {
            parameters = sampling.build().validateFor(deployment.prompts().vocabularySize());
        } catch (IllegalArgumentException invalid) {
            throw OpenAiException.invalid(null, invalid.getMessage());
        }
        boolean stream = Boolean.TRUE.equals(request.stream());
        boolean includeUsage = stream && request.streamOptions() != null
                && Boolean.TRUE.equals(request.streamOptions().includeUsage());
        if (!stream && request.streamOptions() != null) {
            throw OpenAiException.invalid("stream_options", "stream_options is only allowed when stream is true");
        }
        return new GenerationPlan(deployment, prompts, parameters, n, stream, includeUsage, topLogprobs,
                Boolean.TRUE.equals(request.ignoreEos()));
    }

    /**
     * A ready deployment of {@code model} to plan with (admission routes the request among the model's deployments
     * later): 404 when unknown or not allowed for the tenant, 503 while loading or after a failed load.
     */
    private ModelDeployment deployment(String model, Tenant tenant) {
        if (model == null || model.isBlank()) {
            throw OpenAiException.invalid("model", "you must provide a model parameter");
        }
        List<ModelDeployment> group = tenant.mayUse(model) ? registry.group(model) : List.of();
        if (group.isEmpty()) {
            throw OpenAiException.unknownModel(model);
        }
        for (ModelDeployment deployment : group) {
            if (deployment.state() == ModelDeployment.State.READY) {
                return deployment;
            }
        }
        if (group.stream().anyMatch(deployment -> deployment.state() == ModelDeployment.State.LOADING)) {
            throw OpenAiException.unavailable("The model `" + model + "` is loading; try again shortly", 5);
        }
        ModelDeployment first = group.getFirst();
        if (first.state() == ModelDeployment.State.FAILED) {
            throw OpenAiException.unavailable("The model `" + model + "` failed to load: " + first.failure(), 60);
        }
        throw OpenAiException.unavailable("The model `" + model + "` is being unloaded (or the server is shutting"
                + " down): it takes no new requests", 5);
    }

    private static OpenAiException contextLengthExceeded(int context, int prompt, Integer maxTokens, String param) {
        String what = param.equals("messages") ? "messages" : "prompt";
        String message = maxTokens == null
                ? "This model's maximum context length is " + context + " tokens. However, your " + what
                        + " resulted in " + prompt + " tokens, which leaves no room for the completion. Please"
                        + " reduce the length of the " + what + "."
                : "This model's maximum context length is " + context + " tokens. However, you requested "
                        + (prompt + maxTokens) + " tokens (" + prompt + " in the " + what + ", " + maxTokens
                        + " in the completion). Please reduce the length of the " + what + " or completion.";
        return new OpenAiException(HttpStatus.BAD_REQUEST, "invalid_request_error", message, param,
                "context_length_exceeded", Map.of());
    }

    private List<ChatMessage> messages(List<ChatCompletionRequest.Message> messages) {
        if (messages == null || messages.isEmpty()) {
            throw OpenAiException.invalid("messages", "messages must be a non-empty list");
        }
        if (messages.size() > limits.maxMessages()) {
            throw OpenAiException.invalid("messages", "messages may hold at most " + limits.maxMessages()
                    + " messages, had " + messages.size());
        }
        List<ChatMessage> converted = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            ChatCompletionRequest.Message message = messages.get(i);
            String at = "messages[" + i + "]";
            if (message == null) {
                throw OpenAiException.invalid(at, at + " must be an object");
            }
            String role = message.role();
            if (role == null) {
                throw OpenAiException.invalid(at + ".role", at + " needs a role");
            }
            role = switch (role) {
                case "system", "user", "assistant", "tool" -> role;
                case "developer" -> "system";
                case "function" -> throw OpenAiException.unsupported(at + ".role",
                        "`" + at + ".role` 'function' (legacy function calling; use tools)");
                default -> throw OpenAiException.invalid(at + ".role", "Invalid value for '" + at + ".role': '"
                        + role + "'; supported roles are 'system', 'developer', 'user', 'assistant' and 'tool'");
            };
            boolean assistant = role.equals("assistant");
            List<ChatMessage.ToolCall> calls = assistant ? toolCalls(message.toolCalls(), at + ".tool_calls")
                    : List.of();
            String content = content(message.content(), at + ".content", assistant);
            if (role.equals("tool")) {
                if (message.toolCallId() == null) {
                    throw OpenAiException.invalid(at + ".tool_call_id", at + " (a tool message) needs the"
                            + " tool_call_id it answers");
                }
                converted.add(ChatMessage.tool(message.toolCallId(), toolName(converted, message.toolCallId()),
                        content));
            } else if (!calls.isEmpty()) {
                // Empty text rather than None: templates such as Qwen3's join the content to strings.
                converted.add(ChatMessage.assistantToolCalls(content, calls));
            } else {
                converted.add(ChatMessage.of(role, content));
            }
        }
        return converted;
    }

    /** An assistant turn's tool calls: {@code [{id, type: "function", function: {name, arguments}}]}. */
    private static List<ChatMessage.ToolCall> toolCalls(JsonNode calls, String at) {
        if (calls == null || calls.isNull()) {
            return List.of();
        }
        if (!calls.isArray()) {
            throw OpenAiException.invalid(at, at + " must be a list of tool calls");
        }
        List<ChatMessage.ToolCall> converted = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            JsonNode call = calls.get(i);
            String callAt = at + "[" + i + "]";
            JsonNode function = call.path("function");
            if (!function.path("name").isString()) {
                throw OpenAiException.invalid(callAt + ".function.name", callAt + " needs function.name");
            }
            JsonNode arguments = function.get("arguments");
            Map<String, Object> parsed;
            try {
                JsonNode tree = arguments == null || arguments.isNull() ? null
                        : arguments.isString() ? OpenAiJson.MAPPER.readTree(arguments.stringValue()) : arguments;
                if (tree != null && !tree.isObject()) {
                    throw OpenAiException.invalid(callAt + ".function.arguments", callAt + ".function.arguments must"
                            + " be a JSON object (as text)");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> map = tree == null ? Map.of() : OpenAiJson.MAPPER.convertValue(tree, Map.class);
                parsed = map;
            } catch (tools.jackson.core.JacksonException malformed) {
                throw OpenAiException.invalid(callAt + ".function.arguments", callAt + ".function.arguments is not"
                        + " valid JSON: " + malformed.getOriginalMessage());
            }
            String id = call.path("id").isString() ? call.path("id").stringValue() : null;
            converted.add(new ChatMessage.ToolCall(id, function.path("name").stringValue(), parsed));
        }
        return converted;
    }

    /** The name of the function an earlier assistant turn called with {@code id}, or null when none did. */
    private static String toolName(List<ChatMessage> earlier, String id) {
        for (int i = earlier.size() - 1; i >= 0; i--) {
            for (ChatMessage.ToolCall call : earlier.get(i).toolCalls()) {
                if (id.equals(call.id())) {
                    return call.name();
                }
            }
        }
        return null;
    }

    /** A message's content: a string, or text parts joined; null only for an assistant turn. */
    private static String content(JsonNode content, String at, boolean mayBeNull) {
        if (content == null || content.isNull()) {
            if (mayBeNull) {
                return "";
            }
            throw OpenAiException.invalid(at, at + " is missing");
        }
        if (content.isString()) {
            return content.stringValue();
        }
        if (!content.isArray()) {
            throw OpenAiException.invalid(at, at + " must be a string or a list of content parts");
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            String partAt = at + "[" + i + "]";
            JsonNode type = part.get("type");
            if (type == null || !type.isString()) {
                throw OpenAiException.invalid(partAt + ".type", partAt + " needs a type");
            }
            if (!type.stringValue().equals("text")) {
                throw OpenAiException.unsupported(partAt + ".type", "Content of type '" + type.stringValue() + "'");
            }
            JsonNode partText = part.get("text");
            if (partText == null || !partText.isString()) {
                throw OpenAiException.invalid(partAt + ".text", partAt + ".text must be a string");
            }
            text.append(partText.stringValue());
        }
        return text.toString();
    }

    /** A completion's prompts: a string, strings, token ids, or lists of token ids. */
    private static List<int[]> prompts(JsonNode prompt, Prompts encoder) {
        if (prompt == null || prompt.isNull()) {
            throw OpenAiException.invalid("prompt", "you must provide a prompt");
        }
        if (prompt.isString()) {
            return List.of(nonEmpty(encoder.text(prompt.stringValue()), "prompt"));
        }
        if (!prompt.isArray() || prompt.isEmpty()) {
            throw OpenAiException.invalid("prompt", "prompt must be a string, a list of strings, a list of token ids"
                    + " or a list of lists of token ids");
        }
        if (prompt.get(0).isNumber()) {
            return List.of(tokenIds(prompt, "prompt", encoder));
        }
        List<int[]> prompts = new ArrayList<>(prompt.size());
        for (int i = 0; i < prompt.size(); i++) {
            JsonNode item = prompt.get(i);
            String at = "prompt[" + i + "]";
            if (item.isString()) {
                prompts.add(nonEmpty(encoder.text(item.stringValue()), at));
            } else if (item.isArray() && !item.isEmpty()) {
                prompts.add(tokenIds(item, at, encoder));
            } else {
                throw OpenAiException.invalid(at, at + " must be a string or a non-empty list of token ids");
            }
        }
        return prompts;
    }

    private static int[] tokenIds(JsonNode list, String at, Prompts encoder) {
        int[] ids = new int[list.size()];
        for (int i = 0; i < ids.length; i++) {
            JsonNode id = list.get(i);
            if (!id.isIntegralNumber() || !id.canConvertToInt() || !encoder.isVocabulary(id.intValue())) {
                throw OpenAiException.invalid(at, at + "[" + i + "] must be a token id in [0, "
                        + encoder.vocabularySize() + "), was " + id);
            }
            ids[i] = id.intValue();
        }
        return ids;
    }

    private static int[] nonEmpty(int[] tokens, String at) {
        if (tokens.length == 0) {
            throw OpenAiException.invalid(at, at + " is empty");
        }
        return tokens;
    }

    private static double range(String name, Double value, double otherwise, double min, double max) {
        if (value == null) {
            return otherwise;
        }
        if (!(value >= min && value <= max)) {
            throw OpenAiException.invalid(name, name + " must be between " + format(min) + " and " + format(max)
                    + ", was " + value);
        }
        return value;
    }

    private static double topP(Double value) {
        if (value != null && !(value > 0 && value <= 1)) {
            throw OpenAiException.invalid("top_p", "top_p must be greater than 0 and at most 1, was " + value);
        }
        return value == null ? 1.0 : value;
    }

    private static double repetitionPenalty(Double value) {
        if (value != null && !(value > 0 && value <= 2)) {
            throw OpenAiException.invalid("repetition_penalty", "repetition_penalty must be greater than 0 and at"
                    + " most 2, was " + value);
        }
        return value == null ? 1.0 : value;
    }

    private static int topK(Integer value) {
        if (value == null || value == -1 || value == 0) {
            return 0;
        }
        if (value < 0) {
            throw OpenAiException.invalid("top_k", "top_k must be -1 or 0 (off) or at least 1, was " + value);
        }
        return value;
    }

    private Map<Integer, Float> logitBias(Map<String, Double> bias, Prompts encoder) {
        if (bias == null) {
            return Map.of();
        }
        if (bias.size() > limits.maxLogitBias()) {
            throw OpenAiException.invalid("logit_bias", "logit_bias may hold at most " + limits.maxLogitBias()
                    + " entries, had " + bias.size());
        }
        Map<Integer, Float> converted = new HashMap<>();
        bias.forEach((key, value) -> {
            int id;
            try {
                id = Integer.parseInt(key.strip());
            } catch (NumberFormatException notAnId) {
                throw OpenAiException.invalid("logit_bias", "logit_bias keys must be token ids, was '" + key + "'");
            }
            if (!encoder.isVocabulary(id)) {
                throw OpenAiException.invalid("logit_bias", "logit_bias token id " + id + " is outside the vocabulary"
                        + " [0, " + encoder.vocabularySize() + ")");
            }
            if (value == null || !(Math.abs(value) <= SamplingParameters.MAX_LOGIT_BIAS)) {
                throw OpenAiException.invalid("logit_bias", "logit_bias values must be between -100 and 100, token "
                        + id + " had " + value);
            }
            converted.put(id, value.floatValue());
        });
        return converted;
    }

    private static List<String> stop(JsonNode stop, RequestLimits limits) {
        if (stop == null || stop.isNull()) {
            return List.of();
        }
        List<String> strings = new ArrayList<>();
        if (stop.isString()) {
            strings.add(stop.stringValue());
        } else if (stop.isArray()) {
            for (JsonNode item : stop) {
                if (!item.isString()) {
                    throw OpenAiException.invalid("stop", "stop must be a string or a list of strings");
                }
                strings.add(item.stringValue());
            }
        } else {
            throw OpenAiException.invalid("stop", "stop must be a string or a list of strings");
        }
        if (strings.stream().anyMatch(String::isEmpty)) {
            throw OpenAiException.invalid("stop", "stop strings must not be empty");
        }
        if (strings.size() > limits.maxStop()) {
            throw OpenAiException.invalid("stop", "stop may hold at most " + limits.maxStop() + " strings, had "
                    + strings.size());
        }
        if (strings.stream().anyMatch(string -> string.length() > limits.maxStopLength())) {
            throw OpenAiException.invalid("stop", "a stop string may be at most " + limits.maxStopLength()
                    + " characters long");
        }
        return strings;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
