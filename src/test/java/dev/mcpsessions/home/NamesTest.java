package dev.mcpsessions.home;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "s3kx9ab", "my-session", "my_session", "9lives"})
    void acceptsLowercaseLettersDigitsDashAndUnderscore(String name) {
        assertThat(Names.isValid(name)).isTrue();
        assertThat(Names.requireValid("session", name)).isEqualTo(name);
    }

    @Test
    void acceptsSixtyFourCharacters() {
        assertThat(Names.isValid("a".repeat(64))).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"../x", "..", ".", "a/b", "A B", "Upper", "-lead", "_lead", "a b", "a\nb", "a.b",
            "a\\b", "/abs", "x\0y", " a"})
    void refusesAnythingThatCouldLeaveTheHomeOrSurpriseAShell(String name) {
        assertThat(Names.isValid(name)).isFalse();
        assertThatThrownBy(() -> Names.requireValid("session", name)).isInstanceOf(InvalidNameException.class);
    }

    @Test
    void refusesSixtyFiveCharacters() {
        assertThat(Names.isValid("a".repeat(65))).isFalse();
    }

    @Test
    void messageNamesTheKindTheValueAndTheRule() {
        assertThatThrownBy(() -> Names.requireValid("server", "A B"))
                .hasMessageContaining("server")
                .hasMessageContaining("'A B'")
                .hasMessageContaining("1 to 64 characters of a-z, 0-9, '_' and '-'");
    }

    @Test
    void messageShortensLongNamesAndMasksControlCharacters() {
        String message = new InvalidNameException("session", "x".repeat(500) + "\u001b[31m").getMessage();
        assertThat(message).contains("x".repeat(70) + "...").doesNotContain("x".repeat(71));
        assertThat(new InvalidNameException("session", "a\u001bb").getMessage()).contains("'a?b'");
        assertThat(new InvalidNameException("session", null).getMessage()).contains("(none)");
    }
}
