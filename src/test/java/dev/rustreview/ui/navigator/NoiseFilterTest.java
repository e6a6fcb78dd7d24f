package dev.rustreview.ui.navigator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import dev.rustreview.review.RuleMute;
import dev.rustreview.review.RuleMutes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The severity filter and mutes on navigator data, and where f goes next; no scene. */
class NoiseFilterTest {

    private static Finding finding(String id, String rule, int line) {
        Finding f = Fixtures.analysis().findings().get(0);
        return new Finding(id, rule, f.area(), f.severity(), f.path(), f.side(), line, line, f.objects(), f.title(),
                f.explanation(), f.checkBeforeAccepting(), f.lints());
    }

    @Test
    void fVisitsEveryFindingOfAUnitThenTheNextUnitsAndWraps() {
        HunkRef a = new HunkRef("a.rs", 0);
        HunkRef b = new HunkRef("b.rs", 0);
        HunkRef c = new HunkRef("c.rs", 0);
        Map<HunkRef, List<Finding>> found = Map.of(a, List.of(finding("A1", "PN1", 3), finding("A2", "PN1", 9)),
                b, List.of(), c, List.of(finding("C1", "AL1", 5)));
        List<HunkRef> order = List.of(a, b, c);
        var first = FindingWalk.next(order, found::get, a, null).orElseThrow();
        assertThat(first.finding().id()).as("the selected unit's first finding first").isEqualTo("A1");
        var second = FindingWalk.next(order, found::get, a, "A1").orElseThrow();
        assertThat(second.finding().id()).isEqualTo("A2");
        var third = FindingWalk.next(order, found::get, a, "A2").orElseThrow();
        assertThat(third.unit()).as("a unit without findings is skipped").isEqualTo(c);
        assertThat(third.finding().id()).isEqualTo("C1");
        var wrapped = FindingWalk.next(order, found::get, c, "C1").orElseThrow();
        assertThat(wrapped.finding().id()).isEqualTo("A1");
        assertThat(FindingWalk.next(order, found::get, b, null).orElseThrow().finding().id()).isEqualTo("C1");
        assertThat(FindingWalk.next(List.of(b), found::get, b, null)).isEmpty();
        assertThat(FindingWalk.next(List.of(), found::get, null, null)).isEmpty();
    }

    @Test
    void theFilterUnflagsUnitsButKeepsThemAndCountsWhatItLeftOut() {
        NavigatorModel model = new NavigatorModel();
        model.show(Fixtures.analysis());
        int units = model.visibleHunks().size();
        assertThat(model.rootProperty().get().children()).extracting(NavNode::label)
                .contains("Start here: critical and high");

        model.noise().minimumProperty().set(Severity.CRITICAL); // the one finding is high
        assertThat(model.visibleHunks()).hasSize(units);
        assertThat(model.rootProperty().get().children()).extracting(NavNode::label).containsExactly("No findings");
        List<HunkEntry> all = model.allHunks().stream().map(r -> model.entry(r).orElseThrow()).toList();
        assertThat(model.noise().hidden(all)).isEqualTo(new NoiseFilter.Hidden(0, 1));
        assertThat(model.nextFinding()).as("f skips what the filter leaves out").isEmpty();

        model.noise().minimumProperty().set(null);
        model.noise().mutesProperty().set(RuleMutes.of(Map.of("AL1", new RuleMute("AL1", RuleMute.Scope.REVIEW, "Ann",
                Instant.EPOCH)), List.of()));
        assertThat(model.rootProperty().get().children()).extracting(NavNode::label).containsExactly("No findings");
        assertThat(model.noise().hidden(all)).isEqualTo(new NoiseFilter.Hidden(1, 0));
        assertThat(model.entry(model.allHunks().get(0)).orElseThrow().findings())
                .as("the unit itself still holds its muted finding").hasSize(1);

        model.noise().mutesProperty().set(RuleMutes.NONE);
        assertThat(model.nextFinding()).map(Finding::id).contains("F1");
        assertThat(model.visitedFinding()).isEqualTo("F1");
        model.moveHunk(1);
        assertThat(model.visitedFinding()).as("moving another way forgets the visit").isNull();
    }
}
