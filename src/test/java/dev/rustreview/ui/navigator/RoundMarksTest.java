package dev.rustreview.ui.navigator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The navigator's round marks on plain data: n passes over unchanged units and viewed files; hiding counts. */
class RoundMarksTest {

    private final NavigatorModel model = new NavigatorModel();
    private static final HunkRef SAVE = new HunkRef("src/lib.rs", 0);
    private static final HunkRef TEST = new HunkRef("src/lib.rs", 1);
    private static final HunkRef UTIL = new HunkRef("src/util.rs", 0);

    @Test
    void nPassesOverUnchangedUnitsWhileOthersAreUndecidedThenComesBackToThem() {
        model.show(Fixtures.analysis());
        model.groupingProperty().set(Grouping.FILE);
        model.marks().update(Map.of("H1", 1), Set.of(), 1);
        model.selectedProperty().set(SAVE);
        model.nextUnreviewed();
        assertThat(model.selectedProperty().get()).as("H1 is unchanged since round 1").isEqualTo(UTIL);
        model.nextUnreviewed();
        assertThat(model.selectedProperty().get()).isEqualTo(SAVE);
        // With every other unit decided, n still reaches the unchanged one.
        model.setStatus(new ReviewStatus() {
            @Override
            public dev.rustreview.review.DecisionState state(HunkEntry hunk) {
                return hunk.ref().equals(TEST) ? dev.rustreview.review.DecisionState.UNREVIEWED
                        : dev.rustreview.review.DecisionState.ACCEPTED;
            }

            @Override
            public boolean changed(HunkEntry hunk) {
                return false;
            }
        });
        model.nextUnreviewed();
        assertThat(model.selectedProperty().get()).isEqualTo(TEST);
    }

    @Test
    void nPassesOverTheUnitsOfViewedFiles() {
        model.show(Fixtures.analysis());
        model.groupingProperty().set(Grouping.FILE);
        model.marks().update(Map.of(), Set.of("src/lib.rs"), 1);
        model.selectedProperty().set(SAVE);
        model.nextUnreviewed();
        assertThat(model.selectedProperty().get()).isEqualTo(UTIL);
        model.nextUnreviewed();
        assertThat(model.selectedProperty().get()).as("the only undecided unit outside viewed files").isEqualTo(UTIL);
        model.marks().update(Map.of(), Set.of("src/lib.rs", "src/util.rs"), 1);
        model.nextUnreviewed();
        assertThat(model.selectedProperty().get()).as("only viewed files are left").isEqualTo(SAVE);
    }

    @Test
    void hidingUnchangedUnitsListsTheOthersAndCountsWhatItHides() {
        model.show(Fixtures.analysis());
        model.marks().update(Map.of("H1", 1, "U0", 1), Set.of(), 1);
        assertThat(model.marks().unchangedCountProperty().get()).isEqualTo(2);
        assertThat(model.marks().hiddenProperty().get()).isZero();
        assertThat(model.visibleHunks()).hasSize(3);
        model.marks().hideUnchangedProperty().set(true);
        assertThat(model.visibleHunks()).containsExactly(SAVE);
        assertThat(model.marks().hiddenProperty().get()).isEqualTo(2);
        assertThat(model.marks().sinceRoundProperty().get()).isEqualTo(1);
        // A new round where the agent changed everything: nothing to hide, nothing hidden.
        model.marks().update(Map.of(), Set.of(), 2);
        assertThat(model.visibleHunks()).hasSize(3);
        assertThat(model.marks().hiddenProperty().get()).isZero();
    }
}
