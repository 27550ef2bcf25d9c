package dev.caracal.formats.tokenizer;

import java.nio.charset.StandardCharsets;

/**
 * GPT-2's byte-level alphabet: each of the 256 byte values stands for one printable character (bytes_to_unicode), so
 * that every byte sequence is a string of vocabulary characters ({@code Ġ} for a space, {@code Ċ} for a newline).
 */
final class ByteLevelAlphabet {

    private static final char[] BYTE_TO_CHARACTER = new char[256];
    private static final byte[] CHARACTER_TO_BYTE = new byte[512];
    private static final boolean[] IN_ALPHABET = new boolean[512];

    static {
        int next = 256;
        for (int value = 0; value < 256; value++) {
            boolean printable = value >= '!' && value <= '~' || value >= 0xa1 && value <= 0xac || value >= 0xae;
            char character = printable ? (char) value : (char) next++;
            BYTE_TO_CHARACTER[value] = character;
            CHARACTER_TO_BYTE[character] = (byte) value;
            IN_ALPHABET[character] = true;
        }
    }

    private ByteLevelAlphabet() {
    }

    /** The character that stands for {@code value} (0 to 255). */
    static char character(int value) {
        return BYTE_TO_CHARACTER[value & 0xff];
    }

    /** The bytes a vocabulary entry stands for, or null when it holds a character outside the alphabet. */
    static byte[] decode(String piece) {
        byte[] bytes = new byte[piece.length()];
        for (int i = 0; i < piece.length(); i++) {
            char character = piece.charAt(i);
            if (character >= IN_ALPHABET.length || !IN_ALPHABET[character]) {
                return null;
            }
            bytes[i] = CHARACTER_TO_BYTE[character];
        }
        return bytes;
    }

    /**
     * The bytes a token contributes to decoded text, as Hugging Face's ByteLevel decoder finds them: the alphabet's
     * bytes, or the entry's own UTF-8 where it holds a character outside the alphabet.
     */
    static byte[] decodeOrRaw(String piece) {
        byte[] bytes = decode(piece);
        return bytes != null ? bytes : piece.getBytes(StandardCharsets.UTF_8);
    }

    /** The vocabulary string for {@code bytes}. */
    static String encode(byte[] bytes) {
        char[] characters = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            characters[i] = BYTE_TO_CHARACTER[bytes[i] & 0xff];
        }
        return new String(characters);
    }
}
