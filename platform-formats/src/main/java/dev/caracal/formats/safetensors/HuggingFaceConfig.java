package dev.caracal.formats.safetensors;

import dev.caracal.formats.ModelConfig;
import dev.caracal.formats.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Hugging Face {@code config.json} for a Llama-family causal LM, read into the values {@link ModelConfig} needs.
 *
 * @param architecture      llama.cpp's architecture name ({@code llama}, {@code qwen2}, {@code qwen3})
 * @param permuteQueryKey   true when the query and key rows must be permuted to GGUF's rotary layout (Llama, Mistral)
 * @param vocabularySize    {@code vocab_size}, when given
 * @param contextLength     {@code max_position_embeddings}
 * @param embeddingLength   {@code hidden_size}
 * @param blockCount        {@code num_hidden_layers}
 * @param feedForwardLength {@code intermediate_size}
 * @param headCount         {@code num_attention_heads}
 * @param headCountKv       {@code num_key_value_heads}, default the head count
 * @param keyLength         {@code head_dim}, default hidden size / heads
 * @param rmsNormEpsilon    {@code rms_norm_eps}
 * @param ropeFrequencyBase {@code rope_theta}
 * @param ropeScaling       {@code rope_scaling} of type {@code llama3}
 * @param tieWordEmbeddings {@code tie_word_embeddings}
 * @param topLevel          every top-level key, rendered as text, for display
 */
record HuggingFaceConfig(
        String architecture,
        boolean permuteQueryKey,
        OptionalInt vocabularySize,
        int contextLength,
        int embeddingLength,
        int blockCount,
        int feedForwardLength,
        int headCount,
        int headCountKv,
        int keyLength,
        float rmsNormEpsilon,
        float ropeFrequencyBase,
        Optional<ModelConfig.RopeScaling> ropeScaling,
        boolean tieWordEmbeddings,
        Map<String, String> topLevel) {

    /** Largest JSON side file read (config.json, the shard index), in bytes. */
    static final long MAX_JSON_BYTES = 100_000_000L;
    /** Longest value shown in {@link #topLevel()}. */
    static final int MAX_RENDERED_LENGTH = 200;

    static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Reads a small JSON file (config.json, an index) into a tree, failing with the file's name. */
    static JsonNode readJson(Path path) throws IOException {
        String fileName = path.toString();
        long size = Files.size(path);
        if (size > MAX_JSON_BYTES) {
            throw new ModelFormatException(fileName, ModelFormatException.NO_OFFSET,
                    size + " bytes is more than the " + MAX_JSON_BYTES + " a JSON side file may have");
        }
        byte[] bytes = Files.readAllBytes(path);
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || !root.isObject()) {
                throw new ModelFormatException(fileName, 0, "not a JSON object");
            }
            return root;
        } catch (JacksonException invalid) {
            long offset = invalid.getLocation() == null || invalid.getLocation().getByteOffset() < 0
                    ? ModelFormatException.NO_OFFSET
                    : invalid.getLocation().getByteOffset();
            throw new ModelFormatException(fileName, offset, "not valid JSON: " + invalid.getOriginalMessage());
        }
    }

    /** Reads and checks {@code config.json}. */
    static HuggingFaceConfig read(Path configJson) throws IOException {
        Reader reader = new Reader(configJson.toString(), readJson(configJson));
        return reader.read();
    }

    /** The ModelConfig, given the vocabulary size (embedding rows) and whether the output reuses the embedding. */
    ModelConfig modelConfig(int vocabulary, boolean tiedEmbeddings) {
        return new ModelConfig(
                architecture,
                vocabulary,
                contextLength,
                embeddingLength,
                blockCount,
                feedForwardLength,
                headCount,
                headCountKv,
                keyLength,
                rmsNormEpsilon,
                ropeFrequencyBase,
                keyLength,
                ropeScaling,
                tiedEmbeddings);
    }

    /** Reads fields with messages that name them. */
    private record Reader(String fileName, JsonNode root) {

        HuggingFaceConfig read() {
            String[] architecture = architecture();
            int embeddingLength = required("hidden_size");
            int headCount = required("num_attention_heads");
            int headCountKv = optional("num_key_value_heads").orElse(headCount);
            if (headCount % headCountKv != 0) {
                throw problem("num_key_value_heads " + headCountKv + " does not divide num_attention_heads "
                        + headCount);
            }
            OptionalInt headDim = optional("head_dim");
            if (headDim.isEmpty() && embeddingLength % headCount != 0) {
                throw problem("num_attention_heads " + headCount + " does not divide hidden_size " + embeddingLength
                        + " and there is no head_dim");
            }
            int keyLength = headDim.orElse(embeddingLength / headCount);
            JsonNode ropeParameters = nonNull(root.get("rope_parameters"));
            Optional<Double> theta = number("rope_theta");
            if (theta.isEmpty() && ropeParameters != null && ropeParameters.isObject()) {
                theta = number(ropeParameters, "rope_parameters.rope_theta");
            }
            JsonNode scaling = nonNull(root.get("rope_scaling"));
            String scalingName = "rope_scaling";
            if (scaling == null && ropeParameters != null) {
                scaling = ropeParameters;
                scalingName = "rope_parameters";
            }
            boolean isLlama = architecture[0].equals("llama");
            return new HuggingFaceConfig(
                    architecture[0],
                    isLlama,
                    optional("vocab_size"),
                    optional("max_position_embeddings").orElse(isLlama ? 2048 : 32768),
                    embeddingLength,
                    required("num_hidden_layers"),
                    required("intermediate_size"),
                    headCount,
                    headCountKv,
                    keyLength,
                    number("rms_norm_eps").orElse(1e-6).floatValue(),
                    theta.orElse(10000.0).floatValue(),
                    ropeScaling(scaling, scalingName),
                    bool("tie_word_embeddings").orElse(false),
                    render(root));
        }

        /** {llama.cpp architecture, the Hugging Face name it came from}. */
        private String[] architecture() {
            JsonNode architectures = nonNull(root.get("architectures"));
            if (architectures != null) {
                if (!architectures.isArray()) {
                    throw problem("architectures is " + describe(architectures) + ", not an array of class names");
                }
                for (JsonNode name : architectures.values()) {
                    String mapped = name.isString() ? fromClassName(name.stringValue()) : null;
                    if (mapped != null) {
                        return new String[] {mapped, name.stringValue()};
                    }
                }
            }
            JsonNode modelType = nonNull(root.get("model_type"));
            if (architectures == null && modelType != null && modelType.isString()) {
                String mapped = switch (modelType.stringValue()) {
                    case "llama", "mistral" -> "llama";
                    case "qwen2" -> "qwen2";
                    case "qwen3" -> "qwen3";
                    default -> null;
                };
                if (mapped != null) {
                    return new String[] {mapped, modelType.stringValue()};
                }
            }
            String found = architectures != null ? "architectures " + architectures
                    : modelType != null ? "model_type " + modelType : "no architectures or model_type";
            throw problem(found + ": Caracal reads LlamaForCausalLM, MistralForCausalLM, Qwen2ForCausalLM and"
                    + " Qwen3ForCausalLM");
        }

        private static String fromClassName(String className) {
            return switch (className) {
                case "LlamaForCausalLM", "MistralForCausalLM" -> "llama";
                case "Qwen2ForCausalLM" -> "qwen2";
                case "Qwen3ForCausalLM" -> "qwen3";
                default -> null;
            };
        }

        private Optional<ModelConfig.RopeScaling> ropeScaling(JsonNode scaling, String name) {
            if (scaling == null) {
                return Optional.empty();
            }
            if (!scaling.isObject()) {
                throw problem(name + " is " + describe(scaling) + ", not an object");
            }
            JsonNode type = nonNull(scaling.get("rope_type"));
            if (type == null) {
                type = nonNull(scaling.get("type"));
            }
            String typeName = type != null && type.isString() ? type.stringValue() : "default";
            return switch (typeName) {
                case "default" -> Optional.empty();
                case "llama3" -> Optional.of(new ModelConfig.RopeScaling(
                        requiredNumber(scaling, name, "factor").floatValue(),
                        requiredNumber(scaling, name, "low_freq_factor").floatValue(),
                        requiredNumber(scaling, name, "high_freq_factor").floatValue(),
                        positiveInt(scaling.get("original_max_position_embeddings"),
                                name + ".original_max_position_embeddings")
                                .orElseThrow(() -> problem(name + " has no original_max_position_embeddings"))));
                default -> throw problem(name + " has rope type " + typeName
                        + ", which Caracal does not support (it reads llama3 scaling)");
            };
        }

        private int required(String key) {
            return optional(key).orElseThrow(() -> problem("has no " + key));
        }

        private OptionalInt optional(String key) {
            return positiveInt(root.get(key), key);
        }

        private OptionalInt positiveInt(JsonNode value, String key) {
            if (nonNull(value) == null) {
                return OptionalInt.empty();
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() <= 0) {
                throw problem(key + " is " + describe(value) + "; it must be a positive integer");
            }
            return OptionalInt.of(value.intValue());
        }

        private Optional<Double> number(String key) {
            return number(root, key);
        }

        private Optional<Double> number(JsonNode parent, String key) {
            String field = key.substring(key.lastIndexOf('.') + 1);
            JsonNode value = nonNull(parent.get(field));
            if (value == null) {
                return Optional.empty();
            }
            if (!value.isNumber() || !Double.isFinite(value.doubleValue()) || value.doubleValue() <= 0) {
                throw problem(key + " is " + describe(value) + "; it must be a positive number");
            }
            return Optional.of(value.doubleValue());
        }

        private Double requiredNumber(JsonNode parent, String name, String key) {
            return number(parent, name + "." + key).orElseThrow(() -> problem(name + " has no " + key));
        }

        private Optional<Boolean> bool(String key) {
            JsonNode value = nonNull(root.get(key));
            if (value == null) {
                return Optional.empty();
            }
            if (!value.isBoolean()) {
                throw problem(key + " is " + describe(value) + "; it must be true or false");
            }
            return Optional.of(value.booleanValue());
        }

        private static JsonNode nonNull(JsonNode value) {
            return value == null || value.isNull() || value.isMissingNode() ? null : value;
        }

        private static String describe(JsonNode value) {
            return abbreviate(value.toString());
        }

        ModelFormatException problem(String what) {
            return new ModelFormatException(fileName, ModelFormatException.NO_OFFSET, what);
        }
    }

    /** Every top-level key of a JSON object, strings as they are and other values as compact JSON. */
    static Map<String, String> render(JsonNode root) {
        Map<String, String> rendered = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            JsonNode value = entry.getValue();
            rendered.put(entry.getKey(), abbreviate(value.isString() ? value.stringValue() : value.toString()));
        }
        return rendered;
    }

    static String abbreviate(String text) {
        return text.length() <= MAX_RENDERED_LENGTH
                ? text
                : text.substring(0, MAX_RENDERED_LENGTH) + "… (" + text.length() + " characters)";
    }
}
