package dev.rustreview.ui.app;

import dev.rustreview.check.Cancellation;
import dev.rustreview.check.CompilerChecker;
import dev.rustreview.check.Toolchain;
import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.settings.CheckConsent;
import dev.rustreview.ui.check.CompilerCheckDialog;
import dev.rustreview.ui.fx.ErrorText;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;

/**
 * "Run compiler checks": never automatic. The first run per repository asks, naming what will run; the build
 * runs off the FX thread with its steps and a Cancel button in the status bar (Cancel kills the sandbox), and
 * the result opens in {@link CompilerCheckDialog}. A stored result for the same head and toolchain is shown
 * without building.
 */
final class CompilerChecks {

    /** What the question needs, found off the FX thread. */
    private record Preflight(boolean consented, Toolchain toolchain, Path bwrap) {
    }

    private final MainWindow window;
    private final Consumer<String> openLink;
    private CheckConsent consent;
    private Cancellation running;
    private CompilerCheckDialog dialog;

    CompilerChecks(MainWindow window, Consumer<String> openLink) {
        this.window = window;
        this.openLink = openLink;
    }

    /** Where the consent is kept (the user's config folder; tests use their own). */
    void setConsent(CheckConsent value) {
        consent = value;
    }

    /** The action: ask (first time), then run. */
    void run(boolean rebuild) {
        ReviewBackend backend = window.backend();
        ChangeAnalysis analysis = window.analysisProperty().get();
        if (backend == null || analysis == null) {
            window.statusBar().error("Compiler checks need the analysis to finish first");
            return;
        }
        if (running != null) {
            window.statusBar().error("Compiler checks are already running: Cancel them first");
            return;
        }
        CheckConsent store = consent != null ? consent : new CheckConsent(dev.rustreview.settings.AppDirs.forCurrentUser());
        Path folder = backend.folder();
        Cancellation probe = new Cancellation();
        window.statusBar().running("Looking for the Rust toolchain\u2026");
        window.async().run(() -> new Preflight(folder != null && store.granted(folder),
                new CompilerChecker().toolchain(probe), CompilerChecker.sandboxProgram().orElse(null)), pre -> {
            if (window.backend() != backend) {
                return;
            }
            if (!pre.consented()) {
                window.statusBar().idle("Asking before building " + backend.name());
            }
            if (pre.consented() || ask(backend, pre)) {
                window.async().run(() -> {
                    grant(store, folder);
                    return Boolean.TRUE;
                }, ok -> start(backend, analysis.findings(), rebuild));
            } else {
                window.statusBar().idle("Compiler checks not run: nothing was built");
            }
        }, error -> window.statusBar().error(ErrorText.of(error)));
    }

    private static void grant(CheckConsent store, Path folder) {
        if (folder == null) {
            return;
        }
        try {
            store.grant(folder);
        } catch (java.io.IOException e) {
            // Not remembered: the question comes again next time, which is the safe side.
        }
    }

    private boolean ask(ReviewBackend backend, Preflight pre) {
        ChangeSet branch = backend.branch();
        String tool = pre.toolchain().hasClippy() ? "cargo clippy" : "cargo check (clippy is not installed)";
        String sandbox = pre.bwrap() != null
                ? "inside bubblewrap (" + pre.bwrap() + "): no network, only the temporary copies writable, a fresh home folder"
                : "— but bubblewrap is NOT installed, so the check will refuse to run (install the bubblewrap package)";
        ButtonType build = new ButtonType("Build in the sandbox", ButtonBar.ButtonData.OK_DONE);
        Alert question = new Alert(Alert.AlertType.CONFIRMATION,
                "This runs " + tool + " --message-format=json --all-targets --offline on the head ("
                        + shortId(branch.toId()) + ") and on the merge-base (" + shortId(branch.mergeBaseId()) + ") of "
                        + backend.name() + ", each copied from git objects into a temporary folder, " + sandbox + ".\n\n"
                        + "Building runs the repository's own code: build.rs scripts, procedural macros and "
                        + ".cargo/config.toml settings. Toolchain: " + pre.toolchain().key() + ".\n\n"
                        + "You are asked once for this repository.", build, ButtonType.CANCEL);
        question.setHeaderText("Build " + backend.name() + " to run compiler checks?");
        question.getDialogPane().setMinWidth(640);
        if (window.getScene() != null) {
            question.initOwner(window.getScene().getWindow());
        }
        return question.showAndWait().filter(b -> b == build).isPresent();
    }

    private void start(ReviewBackend backend, List<dev.rustreview.model.Finding> findings, boolean rebuild) {
        Cancellation cancellation = new Cancellation();
        running = cancellation;
        Runnable cancel = () -> {
            window.statusBar().running("Cancelling compiler checks\u2026");
            CompletableFuture.runAsync(cancellation::cancel);
        };
        window.topBar().compilerChecksButton().setDisable(true);
        window.statusBar().progress("Compiler checks: starting\u2026", -1, cancel);
        Consumer<String> step = text -> window.async().executors().fx().execute(() -> {
            if (running == cancellation && !cancellation.isCancelled()) {
                window.statusBar().progress("Compiler checks: " + text + "\u2026", -1, cancel);
            }
        });
        window.async().run(() -> backend.compilerCheck(findings, rebuild, step, cancellation), outcome -> {
            finish(cancellation);
            var check = outcome.check();
            window.statusBar().idle("Compiler checks: " + check.findings().size() + " introduced on the change ("
                    + check.errors() + " errors), " + check.preExisting() + " already at the base");
            window.showCompilerCheck(check);
            window.review().recordCompilerCheck(check.headCommit(), dev.rustreview.check.CheckStore.fileName(check));
            showResult(outcome);
        }, error -> {
            finish(cancellation);
            if (cancellation.isCancelled() || error instanceof CancellationException) {
                window.statusBar().idle("Compiler checks cancelled: the build was stopped");
            } else {
                window.statusBar().error(ErrorText.of(error));
            }
        });
    }

    private void finish(Cancellation cancellation) {
        if (running == cancellation) {
            running = null;
        }
        window.topBar().compilerChecksButton().setDisable(window.analysisProperty().get() == null);
    }

    private void showResult(CompilerChecker.Outcome outcome) {
        if (dialog == null) {
            dialog = new CompilerCheckDialog(window.getScene() == null ? null : window.getScene().getWindow(),
                    RustReviewApp.stylesheets(), openLink, () -> run(true));
        }
        dialog.show(outcome.check(), outcome.reused());
    }

    /** The result window, once a check finished; for tests. */
    CompilerCheckDialog dialog() {
        return dialog;
    }

    /** Cancels a running check (the window is closing). */
    void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    private static String shortId(String id) {
        return id == null ? "none" : id.substring(0, Math.min(7, id.length()));
    }
}
