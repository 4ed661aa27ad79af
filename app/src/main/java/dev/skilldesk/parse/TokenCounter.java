package dev.skilldesk.parse;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens with a real BPE (jtokkit's cl100k_base). Agents' own tokenizers differ by a few
 * percent, so counts are shown as estimates. Thread-safe.
 */
public final class TokenCounter {
    private final Encoding encoding =
            Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

    public int count(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        return encoding.countTokensOrdinary(text);
    }
}
