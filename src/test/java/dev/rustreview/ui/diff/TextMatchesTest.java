package dev.rustreview.ui.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextMatchesTest {

    private static final List<String> LINES = List.of("let guard = self.lock();", "drop(Guard);", "", "guardguard");

    @Test
    void lowerCaseQueriesIgnoreCaseAndCapitalsMatchExactly() {
        assertThat(TextMatches.find(LINES, "guard")).containsExactly(new TextMatches.Match(0, 4, 5),
                new TextMatches.Match(1, 5, 5), new TextMatches.Match(3, 0, 5), new TextMatches.Match(3, 5, 5));
        assertThat(TextMatches.find(LINES, "Guard")).containsExactly(new TextMatches.Match(1, 5, 5));
        assertThat(TextMatches.find(LINES, "")).isEmpty();
        assertThat(TextMatches.find(LINES, "absent")).isEmpty();
    }

    @Test
    void matchesDoNotOverlapAndColumnsSurviveCharactersWhoseLowerCaseIsLonger() {
        assertThat(TextMatches.find(List.of("aaaa"), "aa")).extracting(TextMatches.Match::column).containsExactly(0, 2);
        // 'İ' lower-cases to two chars; columns must still point into the original text.
        assertThat(TextMatches.find(List.of("İİ x"), "x")).containsExactly(new TextMatches.Match(0, 3, 1));
    }

    @Test
    void searchingFromTheCaretStartsAtTheNextMatchAndWraps() {
        List<TextMatches.Match> m = TextMatches.find(LINES, "guard");
        assertThat(TextMatches.firstFrom(m, 1, 0)).isEqualTo(1);
        assertThat(TextMatches.firstFrom(m, 3, 6)).isEqualTo(0); // after the last: wraps to the first
        assertThat(TextMatches.firstFrom(List.of(), 0, 0)).isEqualTo(-1);
    }
}
