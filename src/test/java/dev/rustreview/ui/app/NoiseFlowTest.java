package dev.rustreview.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import dev.rustreview.settings.AppDirs;
import dev.rustreview.ui.fx.FxExecutors;
import dev.rustreview.ui.navigator.HunkEntry;
import dev.rustreview.ui.navigator.NavNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Noise controls on the sample, headless: the severity filter, muting a rule, findings grouped by rule, and f. */
@ExtendWith(ApplicationExtension.class)
class NoiseFlowTest {

    @TempDir
    Path home;

    private FxExecutors executors;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        executors = new FxExecutors();
        AppDirs dirs = SampleWindows.dirs(home);
        window = SampleWindows.show(stage, executors, dirs, 1400, 900);
    }

    @AfterEach
    void close() throws Exception {
        // On the FX thread, as the application closes it (close touches the window's controls).
        WaitForAsyncUtils.asyncFx(() -> window.close()).get(60, java.util.concurrent.TimeUnit.SECONDS);
        executors.close();
    }

    private void waitForReview() throws Exception {
        SampleWindows.waitForReview(window, 120);
    }

    private List<HunkEntry> units() {
        return window.navigator().allHunks().stream().map(r -> window.navigator().entry(r).orElseThrow()).toList();
    }

    private static List<String> groupLabels(NavNode root) {
        return root.children().stream().map(NavNode::label).toList();
    }

    /** The gutter dots of one severity on the diff's visible rows. */
    private int dots(String severityClass) {
        return (int) window.diffView().area().lookupAll(".marker-dot" + severityClass).stream().filter(Node::isVisible)
                .count();
    }

    private HunkEntry selected() {
        return window.navigator().entry(window.navigator().selectedProperty().get()).orElseThrow();
    }

    @Test
    void theSeverityFilterKeepsEveryUnitButCountsOnlyWhatIsAboveTheLine(FxRobot robot) throws Exception {
        waitForReview();
        assertThat(groupLabels(window.navigator().rootProperty().get())).contains("Then: medium and low");
        int visible = window.navigator().visibleHunks().size();
        long belowHigh = units().stream().flatMap(e -> e.findings().stream())
                .filter(f -> !f.severity().atLeast(Severity.HIGH)).count();
        robot.interact(() -> window.diffView().expandAll());
        WaitForAsyncUtils.waitForFxEvents();
        int lowDots = dots(".marker-medium") + dots(".marker-low");
        int highDots = dots(".marker-high") + dots(".marker-critical");
        robot.clickOn(".noise-high");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.navigator().noise().minimumProperty().get()).isEqualTo(Severity.HIGH);
        // The gutter follows the filter: dots below the line go, the others stay.
        assertThat(lowDots).as("the first unit's file shows medium or low dots").isPositive();
        assertThat(dots(".marker-medium") + dots(".marker-low")).isZero();
        assertThat(dots(".marker-high") + dots(".marker-critical")).isEqualTo(highDots);
        NavNode root = window.navigator().rootProperty().get();
        assertThat(groupLabels(root)).containsExactly("Start here: critical and high", "No findings");
        assertThat(window.navigator().visibleHunks()).as("units are never hidden by the filter").hasSize(visible);
        assertThat(window.navigatorPane().noiseBar().hiddenText()).isEqualTo(belowHigh + " below high");
        robot.clickOn(".noise-all");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.navigatorPane().noiseBar().hiddenText()).isEmpty();
        assertThat(dots(".marker-medium") + dots(".marker-low")).isEqualTo(lowDots);
        assertThat(groupLabels(window.navigator().rootProperty().get())).contains("Then: medium and low");
    }

    @Test
    void theInspectorShowsAnnotationsFirstThenFindingsGroupedByRuleAndMutingCountsThem(FxRobot robot) throws Exception {
        waitForReview();
        HunkEntry unit = selected();
        Map<String, Long> byRule = new java.util.TreeMap<>();
        unit.findings().forEach(f -> byRule.merge(f.ruleId(), 1L, Long::sum));
        List<Node> content = window.inspectorPane().content().getChildren();
        List<String> toggles = content.stream().flatMap(n -> n.lookupAll(".finding-group-toggle").stream())
                .map(n -> ((Hyperlink) n).getText().substring(2)).sorted().toList();
        assertThat(toggles).containsExactlyElementsOf(byRule.entrySet().stream()
                .map(e -> e.getKey() + " \u00d7 " + e.getValue()).toList());
        int annotations = Math.max(indexOfPrefix(content, "Annotations ("), indexOf(content, "No annotations"));
        int findings = indexOfPrefix(content, "Findings (");
        assertThat(annotations).as("the annotations section comes first").isBetween(0, findings - 1);

        // Mute one rule of this unit for this review through its group's menu.
        String rule = byRule.keySet().stream().filter(r -> !r.equals("AL1")).findFirst().orElseThrow();
        long total = units().stream().flatMap(e -> e.findings().stream()).filter(f -> f.ruleId().equals(rule)).count();
        Node mute = window.inspectorPane().content().lookupAll(".finding-group").stream()
                .filter(g -> g.lookupAll(".finding-group-toggle").stream()
                        .anyMatch(t -> ((Hyperlink) t).getText().contains(rule + " \u00d7")))
                .map(g -> g.lookup(".mute-button")).findFirst().orElseThrow();
        // The menu's items, as the reviewer picks them (a popup menu's rows are not reliably clickable headless).
        var item = ((javafx.scene.control.MenuButton) mute).getItems().get(0);
        assertThat(item.getText()).isEqualTo("Mute " + rule + " for this review");
        assertThat(((javafx.scene.control.MenuButton) mute).getItems().get(1).getText())
                .isEqualTo("Mute " + rule + " for the repository (.rust-review.json)");
        robot.interact(item::fire);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.review().mutes().muted(rule)).isTrue();
        assertThat(window.navigatorPane().noiseBar().hiddenText()).isEqualTo(total + " muted");
        assertThat(units().stream().flatMap(e -> e.findings().stream())
                .filter(f -> f.ruleId().equals(rule))).as("muted findings are still there").hasSize((int) total);
        assertThat(window.inspectorPane().content().lookupAll(".muted-badge")).extracting(n -> ((Labeled) n).getText())
                .containsExactly("muted");
        assertThat(window.inspectorPane().content().lookupAll(".label").stream()
                .map(n -> ((Labeled) n).getText()).filter(t -> t != null && t.startsWith("muted for this review \u00b7 ")))
                .as("a muted group is closed and says why").hasSize(1);
        assertThat(window.statusBar().messageText()).startsWith("Muted " + rule + " (" + total + " findings");

        javafx.scene.control.Button unmute = (javafx.scene.control.Button) window.inspectorPane().content()
                .lookup(".unmute-button");
        assertThat(unmute.isDisabled()).isFalse();
        robot.interact(unmute::fire); // it may sit below the inspector's fold; firing is what a click does
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.review().mutes().muted(rule)).isFalse();
        assertThat(window.navigatorPane().noiseBar().hiddenText()).isEmpty();
    }

    @Test
    void fVisitsEveryFindingTheFilterShowsInOrder(FxRobot robot) throws Exception {
        waitForReview();
        robot.interact(() -> window.navigator().noise().minimumProperty().set(Severity.HIGH));
        Set<String> expected = new LinkedHashSet<>();
        units().forEach(e -> e.findings().stream().filter(f -> f.severity().atLeast(Severity.HIGH))
                .forEach(f -> expected.add(f.id())));
        robot.interact(() -> window.navigatorPane().tree().requestFocus());
        List<String> visited = new ArrayList<>();
        HunkEntry first = selected();
        for (int i = 0; i < expected.size(); i++) {
            robot.type(KeyCode.F);
            WaitForAsyncUtils.waitForFxEvents();
            visited.add(window.navigator().visitedFinding());
        }
        assertThat(visited).as("each finding once, none skipped").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected);
        // The selected unit's high findings come first, in line order.
        List<String> firstUnit = first.findings().stream().filter(f -> f.severity().atLeast(Severity.HIGH))
                .sorted(java.util.Comparator.comparingInt(Finding::startLine)).map(Finding::id).toList();
        assertThat(visited.subList(0, firstUnit.size())).containsExactlyElementsOf(firstUnit);
        robot.type(KeyCode.F);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.navigator().visitedFinding()).as("wraps around").isEqualTo(visited.get(0));
    }

    private static int indexOf(List<Node> nodes, String text) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i) instanceof Labeled l && text.equals(l.getText())) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfPrefix(List<Node> nodes, String prefix) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i) instanceof Labeled l && l.getText() != null && l.getText().startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
