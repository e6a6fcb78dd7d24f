package dev.rustreview.analysis.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;

class BoundedRegexTest {

    @Test
    void catastrophicBacktrackingGivesUpAsNoMatch() {
        BoundedRegex evil = BoundedRegex.untrusted("^(a|a?)+$");
        String input = "a".repeat(40) + "!";

        boolean found = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> evil.find(input));

        assertThat(found).isFalse();
    }

    @Test
    void overLongInputIsCutWithoutTheCutCountingAsItsEnd() {
        String input = "x".repeat(BoundedRegex.MAX_INPUT_LENGTH + 50);

        assertThat(BoundedRegex.untrusted("^x+").find(input)).isTrue();
        assertThat(BoundedRegex.untrusted("x$").find(input)).isFalse();
        assertThat(BoundedRegex.untrusted("x\\b").find(input)).isFalse();
        assertThat(BoundedRegex.untrusted("x+").matchesWhole(input)).isFalse();
        assertThat(BoundedRegex.trusted("x$").find(input)).isTrue();
    }

    @Test
    void matchingIgnoresCase() {
        assertThat(BoundedRegex.untrusted("claude").find("CLAUDE Opus")).isTrue();
        assertThat(BoundedRegex.untrusted("co-authored-by").matchesWhole("Co-Authored-By")).isTrue();
    }

    @Test
    void invalidOrOverlongPatternsAreRejected() {
        assertThatThrownBy(() -> BoundedRegex.untrusted("(")).isInstanceOf(PatternSyntaxException.class);
        assertThatThrownBy(() -> BoundedRegex.untrusted("a".repeat(501)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("is longer than 500 characters");
    }
}
