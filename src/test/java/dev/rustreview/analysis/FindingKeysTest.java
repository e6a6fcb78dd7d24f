package dev.rustreview.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link FindingKeys#normalise}'s string-literal folding: the regex it replaced, without its stack overflow. */
class FindingKeysTest {

    /** The pattern normalise used before the fuzz harness found it overflowing the stack. */
    private static final Pattern OLD_STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

    @Test
    void foldsStringLiteralsExactlyAsTheRegexDid() {
        Random random = new Random(10);
        String alphabet = "\"\\ab:(\n\u2028";
        for (int n = 0; n < 5_000; n++) {
            StringBuilder s = new StringBuilder();
            for (int i = random.nextInt(24); i > 0; i--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = s.toString();
            String folded = StableIds.fold(text);
            String expected = OLD_STRING.matcher(folded).replaceAll("\"\"");
            // normalise also folds std paths and .expect(""): neither occurs in this alphabet.
            assertThat(FindingKeys.normalise(text)).as("normalise(%s)", text).isEqualTo(expected);
        }
    }

    @Test
    void aLiteralOfAHundredThousandCharactersIsFoldedWithoutOverflowingTheStack() {
        String code = "panic!(\"" + "ab\\\" ".repeat(20_000) + "\");";
        assertThat(FindingKeys.normalise(code)).isEqualTo("panic!(\"\");");
        assertThat(FindingKeys.normalise("let s = \"" + "x".repeat(100_000))).startsWith("let s = \"xxx");
    }
}
