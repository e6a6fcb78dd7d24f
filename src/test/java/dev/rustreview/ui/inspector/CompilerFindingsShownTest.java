package dev.rustreview.ui.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.CompilerCheck;
import dev.rustreview.model.CompilerFinding;
import dev.rustreview.model.CompilerOverlay;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import dev.rustreview.ui.diff.DiffDocument;
import dev.rustreview.ui.diff.DiffMarks;
import dev.rustreview.ui.navigator.Fixtures;
import dev.rustreview.ui.navigator.HunkEntry;
import dev.rustreview.ui.navigator.HunkRef;
import dev.rustreview.ui.navigator.NavNode;
import dev.rustreview.ui.navigator.NavigatorModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A compiler check's findings in the window: clippy's {@code await_holding_lock} on the lines of the AL1 rule
 * finding is one finding with both sources (navigator, inspector, gutter); a compile error and a clippy lint with a
 * suggested replacement become findings of their own, painted and listed like rule findings, without
 * acknowledge buttons (the review has nothing to record for them).
 */
@ExtendWith(ApplicationExtension.class)
class CompilerFindingsShownTest {

    @TempDir
    Path store;

    private InspectorPane pane;
    private NavigatorModel navigator;
    private ChangeAnalysis shown;

    static CompilerCheck check(String head) {
        CompilerFinding lock = new CompilerFinding("C-aaaa0001", "clippy", "await_holding_lock",
                "https://rust-lang.github.io/rust-clippy/master/index.html#await_holding_lock", "warning", Severity.HIGH,
                "src/lib.rs", 2, 2, "async fn save", "this `MutexGuard` is held across an await point", "", null,
                List.of("F1"));
        CompilerFinding error = new CompilerFinding("C-aaaa0002", "rustc", "E0308",
                "https://doc.rust-lang.org/error_codes/E0308.html", "error", Severity.HIGH, "src/lib.rs", 2, 2,
                "async fn save", "mismatched types", "", null, List.of());
        CompilerFinding style = new CompilerFinding("C-aaaa0003", "clippy", "needless_return",
                "https://rust-lang.github.io/rust-clippy/master/index.html#needless_return", "warning", Severity.LOW,
                "src/util.rs", 3, 3, "impl Default for Cfg", "unneeded `return` statement", "", "Self::new()",
                List.of());
        return new CompilerCheck(head, Fixtures.AGENT, "rustc 1.95.0 / clippy 0.1.95", "clippy", "default", true,
                List.of(error, lock, style), 1, 0, List.of(), 8000);
    }

    @Start
    void start(Stage stage) {
        ChangeAnalysis analysis = Fixtures.analysis();
        shown = CompilerOverlay.apply(analysis, check(analysis.changeSet().toId()));
        navigator = new NavigatorModel();
        navigator.show(shown);
        InspectorSample sample = new InspectorSample(analysis, store);
        pane = new InspectorPane(new InspectorModel(navigator), sample.review, link -> { }, InspectorSample.CLOCK);
        stage.setScene(new Scene(new BorderPane(pane), 700, 900));
        stage.show();
        navigator.selectedProperty().set(new HunkRef("src/lib.rs", 0));
    }

    @Test
    void theConfirmedLintIsOneFindingWithBothSourcesAndTheOthersAreAdded() {
        HunkEntry unit = navigator.entry(new HunkRef("src/lib.rs", 0)).orElseThrow();
        assertThat(unit.findings()).extracting(Finding::sourceLabel)
                .containsExactlyInAnyOrder("AL1 + clippy::await_holding_lock", "rustc E0308");
        assertThat(shown.findings()).hasSize(3);
        assertThat(navigator.entry(new HunkRef("src/util.rs", 0)).orElseThrow().findings())
                .extracting(Finding::sourceLabel).containsExactly("clippy::needless_return");
        assertThat(details(navigator.rootProperty().get())).anyMatch(d -> d.contains("AL1 + clippy::await_holding_lock"));
        assertThat(CompilerOverlay.apply(Fixtures.analysis(), check("c".repeat(40))).findings())
                .as("a check of another head adds nothing").hasSize(1);
    }

    @Test
    void theGutterMarksTheErrorAndTheMergedFindingOnTheirLine() {
        var file = shown.changeSet().files().get(0);
        DiffDocument doc = DiffDocument.of(file, shown.file(file.path()).orElseThrow());
        DiffMarks marks = DiffMarks.of(doc, shown);
        int row = 0;
        while (doc.rows().get(row).newLine() != 2) {
            row++;
        }
        assertThat(marks.findingsAt(row)).extracting(Finding::sourceLabel)
                .containsExactlyInAnyOrder("AL1 + clippy::await_holding_lock", "rustc E0308");
    }

    @Test
    void theInspectorNamesBothSourcesAndOffersNoAcknowledgementForCompilerOnlyFindings(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(texts(".rule-badge")).containsExactlyInAnyOrder("AL1 + clippy::await_holding_lock", "rustc E0308");
        assertThat(texts(".subsection")).contains("Found by two sources: AL1 + clippy::await_holding_lock",
                "Found by rustc E0308 on the head, not on the merge-base");
        assertThat(texts(".inspector-text")).contains(
                "clippy::await_holding_lock (warning): this `MutexGuard` is held across an await point");
        assertThat(pane.lookupAll(".ack-button")).as("only the rule finding is acknowledged").hasSize(1);

        robot.interact(() -> navigator.selectedProperty().set(new HunkRef("src/util.rs", 0)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(texts(".subsection")).contains("Suggested code (from clippy)");
        assertThat(texts(".md-code-block")).contains("Self::new()");
        assertThat(pane.lookupAll(".ack-button")).isEmpty();
    }

    private List<String> texts(String selector) {
        List<String> out = new ArrayList<>();
        for (Node n : pane.lookupAll(selector)) {
            if (n instanceof Label l) {
                out.add(l.getText());
            }
        }
        return out;
    }

    private static List<String> details(NavNode node) {
        List<String> out = new ArrayList<>();
        if (node.detail() != null) {
            out.add(node.detail());
        }
        node.children().forEach(c -> out.addAll(details(c)));
        return out;
    }
}
