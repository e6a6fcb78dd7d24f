package dev.rustreview.ui.exporting;

import dev.rustreview.ui.fx.ErrorText;
import dev.rustreview.ui.fx.Windows;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.scene.control.Dialog;
import javafx.stage.Window;

/** Where the dialogs report the outcome: one line each for the status bar. Called on the FX thread. */
public interface Report {

    /** It worked: "Exported review to …", "Wrote review/x-accepted at abc1234 (5 hunks)". */
    void done(String message);

    /** It failed: one line of words, never a stack trace. */
    void failed(String message);

    /** Reports {@code work}'s outcome on {@code fx} when it ends; returns the same outcome. */
    default CompletableFuture<String> on(CompletableFuture<String> work, Executor fx) {
        return work.whenCompleteAsync((message, error) -> {
            if (error != null) {
                failed(ErrorText.of(error));
            } else {
                done(message);
            }
        }, fx);
    }

    /** Shows a dialog over {@code owner} (not blocking), styled like the window. */
    static void showOwned(Dialog<?> dialog, Window owner) {
        Windows.own(dialog, owner);
        dialog.show();
    }
}
