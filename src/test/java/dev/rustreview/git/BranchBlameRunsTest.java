package dev.rustreview.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.LineAttribution;
import org.junit.jupiter.api.Test;

class BranchBlameRunsTest {

    /** Distinct line texts, so that no line can stand in for another. */
    private static String[] texts(int n) {
        String[] texts = new String[n];
        for (int i = 0; i < n; i++) {
            texts[i] = "line " + (i + 1);
        }
        return texts;
    }

    @Test
    void consecutiveLinesOfOneCommitFormOneRun() {
        String[] origins = {null, "a", "a", "b", null, "a"};

        assertThat(BranchBlame.runs("f.rs", new int[] {2, 3, 4, 6}, origins, texts(6), "z")).containsExactly(
                new LineAttribution("f.rs", 2, 3, "a"),
                new LineAttribution("f.rs", 4, 4, "b"),
                new LineAttribution("f.rs", 6, 6, "a"));
    }

    @Test
    void addedLineTracedToTheBaseTakesItsNeighboursCommit() {
        // Line 3 is a brace the step-wise diffs matched to a base brace; it belongs with its block.
        String[] origins = {"base?", "a", null, "b", null, null, "c"};

        assertThat(BranchBlame.runs("f.rs", new int[] {2, 3, 5, 6, 7}, origins, texts(7), "z")).containsExactly(
                new LineAttribution("f.rs", 2, 3, "a"),
                new LineAttribution("f.rs", 5, 7, "c"));
    }

    @Test
    void blockTracedEntirelyToTheBaseTakesTheFallback() {
        assertThat(BranchBlame.runs("f.rs", new int[] {1, 2}, new String[] {null, null}, texts(2), "z"))
                .containsExactly(new LineAttribution("f.rs", 1, 2, "z"));
    }

    @Test
    void addedLineTracedToTheBaseSwapsWithAnUnchangedCopyOfItselfThatABranchCommitWrote() {
        // Head: "}", "x", "x", "x". The branch diff calls 1-3 added and line 4 unchanged; the commits say
        // line 3 is the base's x and line 4 the x that commit a wrote.
        String[] lines = {"}", "x", "x", "x"};
        String[] origins = {"b", "b", null, "a"};

        assertThat(BranchBlame.runs("f.rs", new int[] {1, 2, 3}, origins, lines, "z")).containsExactly(
                new LineAttribution("f.rs", 1, 2, "b"),
                new LineAttribution("f.rs", 3, 3, "a"));
    }
}
