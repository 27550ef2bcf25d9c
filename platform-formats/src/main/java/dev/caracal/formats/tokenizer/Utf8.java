package dev.caracal.formats.tokenizer;

/** UTF-8 decoding as Hugging Face tokenizers do it, for decoded token bytes that may not be valid UTF-8. */
public final class Utf8 {

    private Utf8() {
    }

    /**
     * Decodes UTF-8, replacing each maximal subpart of an invalid sequence by one U+FFFD (the Unicode standard's
     * recommended practice, which Rust and so Hugging Face tokenizers follow; the JDK's decoder differs on some inputs).
     */
    public static String decodeLossy(byte[] bytes) {
        StringBuilder text = new StringBuilder(bytes.length);
        int i = 0;
        while (i < bytes.length) {
            int lead = bytes[i] & 0xff;
            if (lead < 0x80) {
                text.append((char) lead);
                i++;
                continue;
            }
            int needed;
            int low = 0x80;
            int high = 0xbf;
            if (lead >= 0xc2 && lead <= 0xdf) {
                needed = 1;
            } else if (lead >= 0xe0 && lead <= 0xef) {
                needed = 2;
                low = lead == 0xe0 ? 0xa0 : 0x80;
                high = lead == 0xed ? 0x9f : 0xbf;
            } else if (lead >= 0xf0 && lead <= 0xf4) {
                needed = 3;
                low = lead == 0xf0 ? 0x90 : 0x80;
                high = lead == 0xf4 ? 0x8f : 0xbf;
            } else {
                text.append('\ufffd');
                i++;
                continue;
            }
            int codePoint = lead & (0x3f >> needed);
            int at = i + 1;
            int taken = 0;
            while (taken < needed && at < bytes.length) {
                int next = bytes[at] & 0xff;
                if (next < (taken == 0 ? low : 0x80) || next > (taken == 0 ? high : 0xbf)) {
                    break;
                }
                codePoint = codePoint << 6 | next & 0x3f;
                at++;
                taken++;
            }
            if (taken == needed) {
                text.appendCodePoint(codePoint);
            } else {
                text.append('\ufffd');
            }
            i = at;
        }
        return text.toString();
    }
}
