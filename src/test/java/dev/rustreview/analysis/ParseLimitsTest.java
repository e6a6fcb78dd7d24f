package dev.rustreview.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ParseLimitsTest {

    @Test
    void aSmallFileGetsOneSecondPlusFourMillisecondsAKibUpToTheLimit() {
        assertThat(ParseLimits.DEFAULT.timeoutFor(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(ParseLimits.DEFAULT.timeoutFor(233 * 1024)).isEqualTo(Duration.ofMillis(1_932));
        assertThat(ParseLimits.DEFAULT.timeoutFor(4 * 1024 * 1024)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aTighterLimitStaysTheLimit() {
        assertThat(new ParseLimits(Duration.ofMillis(20), 100).timeoutFor(50_000)).isEqualTo(Duration.ofMillis(20));
    }
}
