package dev.rustreview.ui.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.CompilerCheck;
import dev.rustreview.model.CompilerFinding;
import dev.rustreview.model.Severity;
import dev.rustreview.settings.AppDirs;
import dev.rustreview.settings.CheckConsent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The results window (headless) and the per-repository consent it follows. */
@ExtendWith(ApplicationExtension.class)
class CompilerCheckDialogTest {

    @TempDir
    Path home;
    private final List<String> links = new CopyOnWriteArrayList<>();
    private final List<String> rebuilds = new CopyOnWriteArrayList<>();
    private CompilerCheckDialog dialog;

    @Start
    void start(Stage stage) {
        // An owner without a scene never finishes a pulse under Monocle: give it one.
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 200, 200));
        stage.show();
        dialog = new CompilerCheckDialog(stage, List.of(), links::add, () -> rebuilds.add("rebuild"));
    }

    @org.junit.jupiter.api.AfterEach
    void closeDialog(FxRobot robot) {
        robot.interact(() -> dialog.stage().close());
    }

    static CompilerCheck check(boolean sandboxed) {
        CompilerFinding error = new CompilerFinding("C-1", "rustc", "E0308", "https://doc.rust-lang.org/error_codes/E0308.html",
                "error", Severity.HIGH, "src/lib.rs", 13, 13, "pub fn answer", "mismatched types", "", "total.into()", List.of());
        CompilerFinding lock = new CompilerFinding("C-2", "clippy", "await_holding_lock",
                "https://rust-lang.github.io/rust-clippy/master/index.html#await_holding_lock", "warning", Severity.HIGH,
                "src/lib.rs", 17, 17, "pub async fn bump", "this `MutexGuard` is held across an await point", "", null,
                List.of("AL1-7a4f17"));
        return new CompilerCheck("a".repeat(40), "b".repeat(40), "rustc 1.95.0", "clippy", "default", sandboxed,
                List.of(error, lock), 1, 0, sandboxed ? List.of() : List.of("built WITHOUT a sandbox (--no-sandbox)"), 8000);
    }

    @Test
    void showsHowItRanAndEachFindingWithBothSourcesAndLinks(FxRobot robot) {
        robot.interact(() -> dialog.show(check(true), false));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialog.summary().getText())
                .contains("cargo clippy on aaaaaaa against merge-base bbbbbbb, sandboxed")
                .contains("2 introduced on the change (1 errors)")
                .contains("1 already at the base; took 8.0 s");
        assertThat(dialog.list().getItems()).extracting(CompilerFinding::lint).containsExactly("E0308", "await_holding_lock");
        assertThat(robot.lookup("Also found by the rules: AL1-7a4f17 (one finding, two sources)").tryQuery()).isPresent();
        assertThat(robot.lookup("Suggested: total.into()").tryQuery()).isPresent();
        Hyperlink link = robot.lookup(n -> n instanceof Hyperlink h && h.getText().endsWith("#await_holding_lock"))
                .queryAs(Hyperlink.class);
        robot.interact(link::fire);
        assertThat(links).containsExactly("https://rust-lang.github.io/rust-clippy/master/index.html#await_holding_lock");
        robot.interact(() -> robot.lookup("Build again").queryButton().fire());
        assertThat(rebuilds).containsExactly("rebuild");
        assertThat(dialog.stage().isShowing()).isFalse();
    }

    @Test
    void storedAndUnsandboxedResultsSaySo(FxRobot robot) {
        robot.interact(() -> dialog.show(check(false), true));
        assertThat(dialog.summary().getText()).contains("NOT sandboxed").contains("stored result, not rebuilt")
                .contains("Note: built WITHOUT a sandbox");
    }

    @Test
    void consentIsKeptPerRepositoryInTheUsersConfig() throws Exception {
        AppDirs dirs = AppDirs.of(Map.of("RUST_REVIEW_HOME", home.toString()), "Linux", home);
        Path a = Files.createDirectories(home.resolve("a"));
        Path b = Files.createDirectories(home.resolve("b"));
        CheckConsent consent = new CheckConsent(dirs);
        assertThat(consent.granted(a)).isFalse();
        consent.grant(a);
        assertThat(new CheckConsent(dirs).granted(a)).isTrue();
        assertThat(new CheckConsent(dirs).granted(b)).isFalse();
        assertThat(new CheckConsent(dirs).granted(home.resolve("a/../a"))).isTrue();
    }
}
