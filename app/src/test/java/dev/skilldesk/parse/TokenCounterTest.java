package dev.skilldesk.parse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCounterTest {
    @Test
    void countsWithARealBpe() {
        TokenCounter t = new TokenCounter();
        assertThat(t.count("")).isZero();
        assertThat(t.count("hello world")).isEqualTo(2); // cl100k_base: "hello", " world"
        assertThat(t.count("<|endoftext|>")).isGreaterThan(1); // special tokens are plain text here
    }
}
