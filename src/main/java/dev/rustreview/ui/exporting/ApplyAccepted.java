package dev.rustreview.ui.exporting;

import dev.rustreview.model.BadInputException;
import dev.rustreview.review.AcceptedChanges;
import dev.rustreview.review.ReviewSession;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * The logic behind {@link ApplyAcceptedDialog}: what would be written (prepared on the thread that owns the
 * review), the default branch name, and the git write on a background executor.
 */
public final class ApplyAccepted {

    /**
     * What the dialog shows.
     *
     * @param prepared       the accepted hunks and message, or {@code null} when nothing is accepted
     * @param summary        "5 of 40 hunks accepted", or why nothing can be written
     * @param defaultBranch  {@code review/<head>-accepted}
     */
    public record Plan(AcceptedChanges.Prepared prepared, String summary, String defaultBranch, int totalHunks) {
        public boolean canWrite() {
            return prepared != null;
        }
    }

    /** Two dots, @{, control characters, spaces and the characters git forbids in ref names. */
    private static final Pattern BAD_REF = Pattern.compile("\\.\\.|@\\{|[\\x00-\\x20\\x7f~^:?*\\[\\\\]|//|/\\.|\\.lock(/|$)");

    private final Executor background;

    public ApplyAccepted(Executor background) {
        this.background = Objects.requireNonNull(background);
    }

    /** Prepares the accepted hunks; call on the thread that owns the session. Never throws for "nothing accepted". */
    public static Plan plan(ReviewSession session) {
        String branch = AcceptedChanges.defaultBranch(session.review().currentHeadRef());
        int total = session.index().entries().size();
        try {
            AcceptedChanges.Prepared prepared = AcceptedChanges.prepare(session);
            return new Plan(prepared, prepared.hunks() + " of " + total + " units accepted", branch, total);
        } catch (BadInputException e) {
            return new Plan(null, "No accepted units yet: accept some units first, then write the branch.", branch, total);
        }
    }

    /** Why {@code branch} cannot be a branch name, or {@code null} when it looks fine. */
    public static String invalidBranch(String branch) {
        String b = branch == null ? "" : branch.strip();
        if (b.isEmpty()) {
            return "Enter a branch name";
        }
        if (b.startsWith("-") || b.startsWith("/") || b.endsWith("/") || b.endsWith(".") || b.startsWith(".")
                || b.equals("@") || BAD_REF.matcher(b).find() || b.startsWith("refs/")) {
            return "'" + b + "' is not a valid branch name";
        }
        return null;
    }

    /**
     * Writes {@code branch} through {@code writer} on the background executor; completes with the status line
     * "Wrote review/x-accepted at abc1234 (5 hunks)", or exceptionally (a bad branch name in words).
     */
    public CompletableFuture<String> write(AcceptedChanges.Prepared prepared, String branch, BranchWriter writer) {
        Objects.requireNonNull(prepared, "nothing accepted");
        String problem = invalidBranch(branch);
        if (problem != null) {
            return CompletableFuture.failedFuture(new BadInputException(problem));
        }
        String name = branch.strip();
        return CompletableFuture.supplyAsync(() -> {
            String commit = writer.writeAcceptedBranch(prepared, name);
            return "Wrote " + name + " at " + Exporter.shortId(commit) + " (" + prepared.hunks()
                    + (prepared.hunks() == 1 ? " unit)" : " units)");
        }, background);
    }
}
