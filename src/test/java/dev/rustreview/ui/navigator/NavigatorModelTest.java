package dev.rustreview.ui.navigator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.Severity;
import dev.rustreview.model.Verdict;
import org.junit.jupiter.api.Test;

/** The navigator's grouping, filtering and movement, on plain data without a scene. */
class NavigatorModelTest {

    private final NavigatorModel model = new NavigatorModel();

    @Test
    void theDefaultPlanStartsWithTheRiskiestUnitAndSelectsIt() {
        model.show(Fixtures.analysis());
        assertThat(model.groupingProperty().get()).isEqualTo(Grouping.PLAN);
        NavNode root = model.rootProperty().get();
        assertThat(root.children()).extracting(NavNode::label)
                .containsExactly("Start here: critical and high", "No findings");
        NavNode urgent = root.children().get(0);
        // Flagged units sit directly under their tier, named by file and item.
        assertThat(urgent.children()).singleElement().satisfies(n -> {
            assertThat(n.hunk()).isEqualTo(new HunkRef("src/lib.rs", 0));
            assertThat(n.label()).startsWith("lib.rs").contains("fn save");
        });
        assertThat(root.children().get(1).children()).extracting(NavNode::label)
                .containsExactly("src/lib.rs", "src/util.rs");
        // The analysis arriving selects where the risk is.
        assertThat(model.selectedProperty().get()).isEqualTo(new HunkRef("src/lib.rs", 0));
        model.moveHunk(1);
        assertThat(model.selectedProperty().get()).isEqualTo(new HunkRef("src/lib.rs", 1));
    }

    @Test
    void groupsByCategoryWithCountsAndHighestSeverity() {
        model.show(Fixtures.analysis());
        model.groupingProperty().set(Grouping.CATEGORY);
        NavNode root = model.rootProperty().get();
        assertThat(root.children()).extracting(NavNode::label).containsExactly("tests", "boilerplate", "core logic");
        NavNode core = root.children().get(2);
        assertThat(core.hunks()).isEqualTo(1);
        assertThat(core.findings()).isEqualTo(1);
        assertThat(core.highest()).isEqualTo(Severity.HIGH);
        assertThat(root.highest()).isEqualTo(Severity.HIGH);
        assertThat(core.children().get(0).children().get(0).label()).contains("fn save");
    }

    @Test
    void aDecisionOnTheSelectedUnitMovesOnUnlessTheSettingIsOff() {
        var states = new java.util.HashMap<String, dev.rustreview.review.DecisionState>();
        model.show(Fixtures.analysis());
        model.setStatus(decisions(states, java.util.Set.of()));
        HunkRef first = model.selectedProperty().get();
        states.put("H0", dev.rustreview.review.DecisionState.ACCEPTED);
        model.refresh();
        model.decided(first);
        assertThat(model.selectedProperty().get()).isNotEqualTo(first).isNotNull();
        HunkRef second = model.selectedProperty().get();
        model.advanceAfterDecisionProperty().set(false);
        model.decided(second);
        assertThat(model.selectedProperty().get()).isEqualTo(second);
    }

    @Test
    void otherGroupings() {
        model.show(Fixtures.analysis());
        model.groupingProperty().set(Grouping.FILE);
        assertThat(model.rootProperty().get().children()).extracting(NavNode::label, NavNode::hunks)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("src/lib.rs", 2),
                        org.assertj.core.groups.Tuple.tuple("src/util.rs", 1));
        model.groupingProperty().set(Grouping.RISK);
        assertThat(model.rootProperty().get().children()).extracting(NavNode::label).containsExactly("high", "no findings");
        model.groupingProperty().set(Grouping.COMMIT);
        NavNode root = model.rootProperty().get();
        assertThat(root.children()).extracting(NavNode::verdict).containsExactly(Verdict.AGENT, Verdict.HUMAN);
        assertThat(root.children().get(0).label()).startsWith("aaaaaaa  Hold the lock");
        assertThat(root.children().get(1).hunks()).isEqualTo(2);
    }

    @Test
    void filterMatchesPathRuleIdAndTextAndAgentToggleKeepsAgentLines() {
        model.show(Fixtures.analysis());
        model.filterProperty().set("al1");
        assertThat(model.visibleHunks()).containsExactly(new HunkRef("src/lib.rs", 0));
        model.filterProperty().set("UTIL.rs");
        assertThat(model.visibleHunks()).containsExactly(new HunkRef("src/util.rs", 0));
        model.filterProperty().set("#[test]");
        assertThat(model.visibleHunks()).containsExactly(new HunkRef("src/lib.rs", 1));
        model.filterProperty().set("");
        model.onlyAgentProperty().set(true);
        assertThat(model.visibleHunks()).containsExactly(new HunkRef("src/lib.rs", 0));
    }

    @Test
    void movesByHunkFileAndFindingInTreeOrder() {
        model.show(Fixtures.analysis());
        model.groupingProperty().set(Grouping.FILE);
        model.selectedProperty().set(new HunkRef("src/lib.rs", 0));
        model.moveHunk(1);
        assertThat(model.selectedProperty().get()).isEqualTo(new HunkRef("src/lib.rs", 1));
        model.moveFile(1);
        assertThat(model.selectedProperty().get()).isEqualTo(new HunkRef("src/util.rs", 0));
        model.moveHunk(1);
        assertThat(model.selectedProperty().get()).isEqualTo(new HunkRef("src/util.rs", 0));
        model.moveFile(-1);
        assertThat(model.selectedProperty().get()).isEqualTo(new HunkRef("src/lib.rs", 0));
        model.moveHunk(-1);
        assertThat(model.selectedProperty().get()).isEqualTo(new HunkRef("src/lib.rs", 0));
        model.selectedProperty().set(new HunkRef("src/util.rs", 0));
        model.nextFinding();
        assertThat(model.selectedProperty().get()).isEqualTo(new HunkRef("src/lib.rs", 0));
    }

    @Test
    void noAnalysisMeansAnEmptyNavigator() {
        model.show(null);
        assertThat(model.rootProperty().get()).isNull();
        model.moveHunk(1);
        model.nextFinding();
        assertThat(model.selectedProperty().get()).isNull();
    }

    /** Decisions by hunk id, as the review would hold them. */
    private static ReviewStatus decisions(java.util.Map<String, dev.rustreview.review.DecisionState> states,
                                          java.util.Set<String> changed) {
        return new ReviewStatus() {
            @Override
            public dev.rustreview.review.DecisionState state(HunkEntry hunk) {
                return states.getOrDefault(hunk.analysis().id(), dev.rustreview.review.DecisionState.UNREVIEWED);
            }

            @Override
            public boolean changed(HunkEntry hunk) {
                return changed.contains(hunk.analysis().id());
            }
        };
    }

    @Test
    void decisionsShowAsProgressAndGlyphStateAndNextUnreviewedSkipsDecidedHunks() {
        var states = new java.util.HashMap<String, dev.rustreview.review.DecisionState>();
        model.show(Fixtures.analysis());
        model.groupingProperty().set(Grouping.FILE);
        model.setStatus(decisions(states, java.util.Set.of("H0")));
        states.put("H1", dev.rustreview.review.DecisionState.ACCEPTED);
        model.refresh();
        NavNode lib = model.rootProperty().get().children().get(0);
        assertThat(lib.decided()).isEqualTo(1);
        assertThat(lib.counts()).startsWith("1/2 units");
        assertThat(lib.progress()).isEqualTo(0.5);
        assertThat(lib.children()).extracting(NavNode::state, NavNode::changed).containsExactly(
                org.assertj.core.groups.Tuple.tuple(dev.rustreview.review.DecisionState.UNREVIEWED, true),
                org.assertj.core.groups.Tuple.tuple(dev.rustreview.review.DecisionState.ACCEPTED, false));
        model.selectedProperty().set(new HunkRef("src/lib.rs", 0));
        model.nextUnreviewed();
        assertThat(model.selectedProperty().get()).isEqualTo(new HunkRef("src/util.rs", 0));
        model.nextUnreviewed(); // wraps past the accepted hunk
        assertThat(model.selectedProperty().get()).isEqualTo(new HunkRef("src/lib.rs", 0));
    }

    @Test
    void hideDecidedKeepsTheSelectedHunkUntilTheReviewerMovesOn() {
        var states = new java.util.HashMap<String, dev.rustreview.review.DecisionState>();
        model.show(Fixtures.analysis());
        model.groupingProperty().set(Grouping.FILE);
        model.setStatus(decisions(states, java.util.Set.of()));
        model.hideDecidedProperty().set(true);
        model.selectedProperty().set(new HunkRef("src/lib.rs", 0));
        states.put("H0", dev.rustreview.review.DecisionState.ACCEPTED);
        model.refresh();
        assertThat(model.visibleHunks()).contains(new HunkRef("src/lib.rs", 0));
        model.moveHunk(1);
        assertThat(model.selectedProperty().get()).isEqualTo(new HunkRef("src/lib.rs", 1));
        assertThat(model.visibleHunks()).containsExactly(new HunkRef("src/lib.rs", 1), new HunkRef("src/util.rs", 0));
        model.hideDecidedProperty().set(false);
        assertThat(model.visibleHunks()).hasSize(3);
    }

    @Test
    void hunksUnderAGroupAreItsHunksInTreeOrder() {
        model.show(Fixtures.analysis());
        model.groupingProperty().set(Grouping.COMMIT);
        NavNode human = model.rootProperty().get().children().get(1);
        assertThat(NavigatorModel.hunksUnder(human)).containsExactly(new HunkRef("src/lib.rs", 1),
                new HunkRef("src/util.rs", 0));
    }
}
