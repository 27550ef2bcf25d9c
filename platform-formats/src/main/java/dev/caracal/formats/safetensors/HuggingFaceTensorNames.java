package dev.caracal.formats.safetensors;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renames Hugging Face Llama-family tensors to llama.cpp's GGUF names, as {@code convert_hf_to_gguf.py} does, and
 * orders them the way GGUF files written from llama2.c checkpoints do (globals, then each block in order).
 */
final class HuggingFaceTensorNames {

    /** Tensors outside the blocks, in GGUF order. */
    private static final List<Map.Entry<String, String>> GLOBAL = List.of(
            Map.entry("model.embed_tokens.weight", "token_embd.weight"),
            Map.entry("model.norm.weight", "output_norm.weight"),
            Map.entry("lm_head.weight", "output.weight"));

    /** Per-block suffixes (after {@code model.layers.N.}) to GGUF suffixes (after {@code blk.N.}), in GGUF order. */
    private static final List<Map.Entry<String, String>> BLOCK = List.of(
            Map.entry("self_attn.q_proj.weight", "attn_q.weight"),
            Map.entry("self_attn.q_proj.bias", "attn_q.bias"),
            Map.entry("self_attn.k_proj.weight", "attn_k.weight"),
            Map.entry("self_attn.k_proj.bias", "attn_k.bias"),
            Map.entry("self_attn.v_proj.weight", "attn_v.weight"),
            Map.entry("self_attn.v_proj.bias", "attn_v.bias"),
            Map.entry("self_attn.o_proj.weight", "attn_output.weight"),
            Map.entry("self_attn.o_proj.bias", "attn_output.bias"),
            Map.entry("self_attn.q_norm.weight", "attn_q_norm.weight"),
            Map.entry("self_attn.k_norm.weight", "attn_k_norm.weight"),
            Map.entry("input_layernorm.weight", "attn_norm.weight"),
            Map.entry("mlp.gate_proj.weight", "ffn_gate.weight"),
            Map.entry("mlp.down_proj.weight", "ffn_down.weight"),
            Map.entry("mlp.up_proj.weight", "ffn_up.weight"),
            Map.entry("post_attention_layernorm.weight", "ffn_norm.weight"));

    private static final Pattern HF_BLOCK = Pattern.compile("model\\.layers\\.(0|[1-9][0-9]{0,8})\\.(.+)");
    private static final Pattern GGUF_BLOCK = Pattern.compile("blk\\.(0|[1-9][0-9]{0,8})\\.(.+)");

    private HuggingFaceTensorNames() {
    }

    /** The GGUF name of a Hugging Face tensor, or the name unchanged when llama.cpp has none for it. */
    static String toGguf(String huggingFaceName) {
        for (Map.Entry<String, String> global : GLOBAL) {
            if (global.getKey().equals(huggingFaceName)) {
                return global.getValue();
            }
        }
        Matcher block = HF_BLOCK.matcher(huggingFaceName);
        if (block.matches()) {
            for (Map.Entry<String, String> suffix : BLOCK) {
                if (suffix.getKey().equals(block.group(2))) {
                    return "blk." + block.group(1) + "." + suffix.getValue();
                }
            }
        }
        return huggingFaceName;
    }

    /** The Hugging Face name of a GGUF tensor ({@link #toGguf} reversed), or null when there is none. */
    static String toHuggingFace(String ggufName) {
        for (Map.Entry<String, String> global : GLOBAL) {
            if (global.getValue().equals(ggufName)) {
                return global.getKey();
            }
        }
        Matcher block = GGUF_BLOCK.matcher(ggufName);
        if (block.matches()) {
            for (Map.Entry<String, String> suffix : BLOCK) {
                if (suffix.getValue().equals(block.group(2))) {
                    return "model.layers." + block.group(1) + "." + suffix.getKey();
                }
            }
        }
        return null;
    }

    /** True for the query projection's weight and bias (permuted with the query head count). */
    static boolean isQueryProjection(String huggingFaceName) {
        return huggingFaceName.endsWith("self_attn.q_proj.weight") || huggingFaceName.endsWith("self_attn.q_proj.bias");
    }

    /** True for the key projection's weight and bias (permuted with the key/value head count). */
    static boolean isKeyProjection(String huggingFaceName) {
        return huggingFaceName.endsWith("self_attn.k_proj.weight") || huggingFaceName.endsWith("self_attn.k_proj.bias");
    }

    /**
     * GGUF order: known global tensors first, then blocks by number with known suffixes in {@link #BLOCK} order, then
     * everything else by name.
     */
    static final Comparator<String> GGUF_ORDER = Comparator
            .comparingInt(HuggingFaceTensorNames::group)
            .thenComparingLong(HuggingFaceTensorNames::blockNumber)
            .thenComparingInt(HuggingFaceTensorNames::rank)
            .thenComparing(Comparator.naturalOrder());

    private static int group(String ggufName) {
        if (globalRank(ggufName).isPresent()) {
            return 0;
        }
        return GGUF_BLOCK.matcher(ggufName).matches() ? 1 : 2;
    }

    private static long blockNumber(String ggufName) {
        Matcher block = GGUF_BLOCK.matcher(ggufName);
        return block.matches() ? Long.parseLong(block.group(1)) : 0;
    }

    private static int rank(String ggufName) {
        Optional<Integer> global = globalRank(ggufName);
        if (global.isPresent()) {
            return global.get();
        }
        Matcher block = GGUF_BLOCK.matcher(ggufName);
        if (block.matches()) {
            for (int i = 0; i < BLOCK.size(); i++) {
                if (BLOCK.get(i).getValue().equals(block.group(2))) {
                    return i;
                }
            }
            return BLOCK.size();
        }
        return 0;
    }

    private static Optional<Integer> globalRank(String ggufName) {
        for (int i = 0; i < GLOBAL.size(); i++) {
            if (GLOBAL.get(i).getValue().equals(ggufName)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
