package dev.rustreview.ui.exporting;

/** Where the dialogs report the outcome: one line each for the status bar. Called on the FX thread. */
public interface Report {

    /** It worked: "Exported review to …", "Wrote review/x-accepted at abc1234 (5 hunks)". */
    void done(String message);

    /** It failed: one line of words, never a stack trace. */
    void failed(String message);
}
