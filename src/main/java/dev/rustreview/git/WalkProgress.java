package dev.rustreview.git;

/** Progress of a walk over a branch's commits: how many of them were walked so far, and their total. */
@FunctionalInterface
public interface WalkProgress {

    /** Called from the walking thread, at the start (0), now and then, and at the end (total). */
    void commitsWalked(int done, int total);

    /** Reports nothing. */
    WalkProgress NONE = (done, total) -> { };
}
