package dev.rustreview.ui.exporting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.git.GitRepository;
import dev.rustreview.review.AcceptedChanges;
import dev.rustreview.review.DecisionState;
import dev.rustreview.review.ReviewSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The two dialogs' contents and buttons, headless: their defaults, and that their buttons write in the background
 * and report a line. Not shown: extra windows can hang Monocle's renderer.
 */
@ExtendWith(ApplicationExtension.class)
class DialogsTest {

    @TempDir
    static Path shared;
    static SampleReview sample;
    static ExecutorService background;

    @TempDir
    Path out;

    private final List<String> done = new CopyOnWriteArrayList<>();
    private final List<String> failed = new CopyOnWriteArrayList<>();
    private final Report report = new Report() {
        public void done(String message) {
            assertThat(Platform.isFxApplicationThread()).isTrue();
            done.add(message);
        }

        public void failed(String message) {
            assertThat(Platform.isFxApplicationThread()).isTrue();
            failed.add(message);
        }
    };

    @BeforeAll
    static void build() {
        sample = SampleReview.build(shared);
        background = Executors.newSingleThreadExecutor();
    }

    @AfterAll
    static void stop() {
        background.shutdownNow();
    }

    @Start
    void start(Stage stage) {
        stage.show();
    }

    @Test
    void exportDefaultsToMarkdownInTheDefaultFolderAndExportWritesAndReports(FxRobot robot) throws Exception {
        ReviewSession s = sample.session();
        ExportDialog[] dialog = new ExportDialog[1];
        robot.interact(() -> {
            dialog[0] = new ExportDialog(s, out, (h, r) -> "n".repeat(40), background, Platform::runLater, report);
        });
        Path md = out.resolve("review-agent-backup-executor.md");
        assertThat(dialog[0].formatBox().getValue()).isEqualTo(Exporter.Format.MARKDOWN);
        assertThat(dialog[0].destinationField().getText()).isEqualTo(md.toString());
        robot.interact(() -> dialog[0].formatBox().setValue(Exporter.Format.SARIF));
        assertThat(dialog[0].destinationField().getText()).isEqualTo(out.resolve("review-agent-backup-executor.sarif").toString());
        robot.interact(() -> dialog[0].formatBox().setValue(Exporter.Format.MARKDOWN));
        robot.interact(() -> ((Button) dialog[0].dialog().getDialogPane().lookupButton(ExportDialog.EXPORT)).fire());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !done.isEmpty() || !failed.isEmpty());
        assertThat(failed).isEmpty();
        assertThat(done).containsExactly("Exported review to " + md);
        assertThat(Files.readString(md)).startsWith("# ");
    }

    @Test
    void theMarkdownListsUnreviewedFindingsOnlyWhenAsked(FxRobot robot) throws Exception {
        ReviewSession s = sample.session();
        Path plain = out.resolve("plain.md");
        Path all = out.resolve("all.md");
        ExportDialog[] dialog = new ExportDialog[1];
        robot.interact(() -> dialog[0] = new ExportDialog(s, out, (h, r) -> "n", background, Platform::runLater, report));
        assertThat(dialog[0].unreviewedBox().isVisible()).isTrue();
        assertThat(dialog[0].unreviewedBox().isSelected()).isFalse();
        robot.interact(() -> {
            dialog[0].destinationField().setText(plain.toString());
            ((Button) dialog[0].dialog().getDialogPane().lookupButton(ExportDialog.EXPORT)).fire();
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Files.exists(plain));
        robot.interact(() -> {
            dialog[0].unreviewedBox().setSelected(true);
            dialog[0].destinationField().setText(all.toString());
            ((Button) dialog[0].dialog().getDialogPane().lookupButton(ExportDialog.EXPORT)).fire();
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Files.exists(all));
        assertThat(Files.readString(plain)).doesNotContain("**risk finding**")
                .contains("Findings the reviewer has not answered are not listed.");
        assertThat(Files.readString(all)).contains("**risk finding**");
        robot.interact(() -> dialog[0].formatBox().setValue(Exporter.Format.SARIF));
        assertThat(dialog[0].unreviewedBox().isVisible()).isFalse();
    }

    @Test
    void exportToAFolderIsRefusedInTheDialogAndNotesGoThroughTheWriter(FxRobot robot) throws Exception {
        ReviewSession s = sample.session();
        s.decide(s.index().entries().get(0).id(), DecisionState.ACCEPTED, null);
        ExportDialog[] dialog = new ExportDialog[1];
        robot.interact(() -> {
            dialog[0] = new ExportDialog(s, out, (h, r) -> "abcdef0123456789", background, Platform::runLater, report);
            dialog[0].destinationField().setText(out.toString());
            ((Button) dialog[0].dialog().getDialogPane().lookupButton(ExportDialog.EXPORT)).fire();
        });
        assertThat(dialog[0].destinationField().getText()).isEqualTo(out.toString());
        assertThat(done).isEmpty();
        robot.interact(() -> {
            dialog[0].formatBox().setValue(Exporter.Format.NOTES);
            ((Button) dialog[0].dialog().getDialogPane().lookupButton(ExportDialog.EXPORT)).fire();
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !done.isEmpty());
        assertThat(done.get(0)).startsWith("Added review notes on ").endsWith("(1 record, notes commit abcdef0)");
    }

    @Test
    void neitherDialogCutsItsWordsAtItsOwnSizeOrNarrower(FxRobot robot) {
        ExportDialog[] export = new ExportDialog[1];
        ApplyAcceptedDialog[] apply = new ApplyAcceptedDialog[1];
        robot.interact(() -> {
            export[0] = new ExportDialog(sample.session(), out, (h, r) -> "n", background, Platform::runLater, report);
            apply[0] = new ApplyAcceptedDialog(sample.session(), (p, b) -> "c", background, Platform::runLater, report);
        });
        for (javafx.scene.control.DialogPane pane : List.of(export[0].dialog().getDialogPane(), apply[0].dialog().getDialogPane())) {
            for (double width : new double[] {-1, 520}) {
                List<String> cut = new java.util.ArrayList<>();
                robot.interact(() -> {
                    javafx.scene.layout.StackPane host = new javafx.scene.layout.StackPane();
                    javafx.scene.Scene scene = new javafx.scene.Scene(host);
                    scene.getStylesheets().addAll(dev.rustreview.ui.app.RustReviewApp.stylesheets());
                    host.getChildren().setAll(pane);
                    host.applyCss();
                    double w = width < 0 ? pane.prefWidth(-1) : width;
                    pane.resize(w, pane.prefHeight(w));
                    pane.layout();
                    pane.applyCss();
                    pane.layout();
                    cut.addAll(dev.rustreview.ui.fx.Clipping.clipped(pane));
                    host.getChildren().clear();
                });
                assertThat(cut).as("clipped at width " + width).isEmpty();
            }
        }
    }

    @Test
    void applyWithNothingAcceptedSaysSoAndCannotWrite(FxRobot robot) {
        ApplyAcceptedDialog[] dialog = new ApplyAcceptedDialog[1];
        robot.interact(() -> {
            dialog[0] = new ApplyAcceptedDialog(sample.session(), (p, b) -> {
                throw new AssertionError("must not write");
            }, background, Platform::runLater, report);
        });
        assertThat(dialog[0].plan().summary()).startsWith("No accepted units");
        assertThat(dialog[0].dialog().getDialogPane().lookupButton(ApplyAcceptedDialog.WRITE).isDisabled()).isTrue();
    }

    @Test
    void applyWritesTheBranchAndReportsIt(FxRobot robot) throws Exception {
        ReviewSession s = sample.session();
        s.decide(s.index().entries().get(0).id(), DecisionState.ACCEPTED, null);
        try (GitRepository git = GitRepository.open(sample.repo)) {
            ApplyAcceptedDialog[] dialog = new ApplyAcceptedDialog[1];
            robot.interact(() -> {
                dialog[0] = new ApplyAcceptedDialog(s, (p, b) -> AcceptedChanges.write(git, p, b, "Tester <t@example.com>"),
                        background, Platform::runLater, report);
                });
            assertThat(dialog[0].branchField().getText()).isEqualTo("review/agent/backup-executor-accepted");
            robot.interact(() -> dialog[0].branchField().setText("bad name"));
            assertThat(dialog[0].dialog().getDialogPane().lookupButton(ApplyAcceptedDialog.WRITE).isDisabled()).isTrue();
            robot.interact(() -> {
                dialog[0].branchField().setText("review/from-dialog");
                ((Button) dialog[0].dialog().getDialogPane().lookupButton(ApplyAcceptedDialog.WRITE)).fire();
            });
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !done.isEmpty() || !failed.isEmpty());
            assertThat(failed).isEmpty();
            String commit = git.resolve("review/from-dialog").commitId();
            assertThat(done).containsExactly("Wrote review/from-dialog at " + commit.substring(0, 7) + " (1 unit)");
        }
    }
}
