package dev.rustreview.ui.review;

import dev.rustreview.model.Side;
import dev.rustreview.review.Acknowledgement;
import dev.rustreview.review.Annotation;
import dev.rustreview.review.AnnotationKind;
import dev.rustreview.review.Coverage;
import dev.rustreview.review.Decision;
import dev.rustreview.review.DecisionState;
import dev.rustreview.review.Review;
import dev.rustreview.review.ReviewSession;
import dev.rustreview.review.ReviewStore;
import dev.rustreview.ui.fx.ErrorText;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The window's side of a review: the open {@link ReviewSession}, every reviewer command the window offers,
 * and saving. Owned by the FX thread (the review is a mutable model). Each change bumps {@link #versionProperty}
 * so views repaint, and schedules a save {@value #SAVE_DELAY_MILLIS} ms later: a burst of {@code a a a} is one
 * write. The write itself runs on {@code io} from a snapshot, so a slow disk never stalls the window; a change
 * made meanwhile stays pending and is written next. Commands report bad input through {@code onError} as one
 * line and change nothing.
 */
public final class ReviewModel {

    private Consumer<String> onDecided = id -> { };

    /** Delay between the last change and its save. */
    public static final long SAVE_DELAY_MILLIS = 400;

    /** Runs a task on the FX thread after a delay (a timer in the app, immediate in tests). */
    public interface Scheduler {
        void later(Runnable onFx, long delayMillis);
    }

    private final Executor io;
    private final Executor fx;
    private final Scheduler scheduler;
    private final Consumer<String> onError;
    private final ReadOnlyObjectWrapper<ReviewSession> session = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Coverage> coverage = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper version = new ReadOnlyIntegerWrapper();
    private ReviewStore store;
    private boolean saveScheduled;
    private Write inFlight;
    private String lastSaveError;
    /** Units unchanged since the previous round (id → round), recomputed on every change; empty in round 1. */
    private java.util.Map<String, Integer> unchanged = java.util.Map.of();

    /** One snapshot on its way to disk; applied once, by whichever of flush or completion comes first. */
    private static final class Write {
        final Review review;
        final ReviewStore.Snapshot snapshot;
        final CompletableFuture<Long> revision;
        boolean applied;

        Write(Review review, ReviewStore.Snapshot snapshot, CompletableFuture<Long> revision) {
            this.review = review;
            this.snapshot = snapshot;
            this.revision = revision;
        }

        void apply(long rev) {
            if (!applied) {
                applied = true;
                ReviewStore.saved(review, snapshot, rev);
            }
        }
    }

    public ReviewModel(Executor io, Executor fx, Scheduler scheduler, Consumer<String> onError) {
        this.io = io;
        this.fx = fx;
        this.scheduler = scheduler;
        this.onError = onError;
    }

    /** Shows {@code opened} (saving the previous review first); null closes. A new round is saved at once. */
    public void attach(ReviewSession opened, ReviewStore openedStore) {
        flush();
        session.set(opened);
        store = openedStore;
        lastSaveError = null;
        changed(opened != null && opened.startedNewRound());
    }

    public boolean isOpen() {
        return session.get() != null;
    }

    public ReadOnlyObjectProperty<ReviewSession> sessionProperty() {
        return session.getReadOnlyProperty();
    }

    /** Coverage and ready state of the open review; null when none is open. */
    public ReadOnlyObjectProperty<Coverage> coverageProperty() {
        return coverage.getReadOnlyProperty();
    }

    /** Bumped on every change to the review, for views to repaint. */
    public ReadOnlyIntegerProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    // ---- queries -------------------------------------------------------------------------------------

    public DecisionState state(String hunkId) {
        return review().map(r -> r.state(hunkId)).orElse(DecisionState.UNREVIEWED);
    }

    public Optional<Decision> decision(String hunkId) {
        return review().map(r -> r.decisions().get(hunkId));
    }

    /** The round whose decision on this hunk's earlier version no longer fits, if the agent changed it. */
    public OptionalInt changedSince(String hunkId) {
        Integer round = review().map(r -> r.changedSince().get(hunkId)).orElse(null);
        return round == null ? OptionalInt.empty() : OptionalInt.of(round);
    }

    /** The round a unit has been unchanged since, when the agent left it as the previous round showed it. */
    public OptionalInt unchangedSince(String hunkId) {
        Integer round = unchanged.get(hunkId);
        return round == null ? OptionalInt.empty() : OptionalInt.of(round);
    }

    /** Every unit unchanged since the previous round: id → the round it is unchanged since. */
    public java.util.Map<String, Integer> unchangedUnits() {
        return unchanged;
    }

    /** Whether the reviewer marked {@code path} as viewed (and the agent has not changed it since). */
    public boolean viewed(String path) {
        return review().map(r -> r.viewedFiles().containsKey(path)).orElse(false);
    }

    /** The paths marked as viewed. */
    public java.util.Set<String> viewedPaths() {
        return review().map(r -> r.viewedFiles().keySet()).orElse(java.util.Set.of());
    }

    public Optional<Acknowledgement> acknowledgement(String findingId) {
        return review().map(r -> r.acknowledgements().get(findingId));
    }

    /** Annotations on lines or the whole of {@code path}, current ones first, oldest first within each. */
    public List<Annotation> annotations(String path) {
        return review().map(r -> r.annotations().stream().filter(a -> path.equals(a.anchor().path()))
                .sorted(java.util.Comparator.comparing(Annotation::outdated).thenComparing(Annotation::created))
                .toList()).orElse(List.of());
    }

    public int currentRound() {
        return review().map(Review::currentRound).orElse(0);
    }

    // ---- commands ------------------------------------------------------------------------------------

    /** Decides one hunk; a rejection needs a reason. Returns whether it was recorded. */
    public boolean decide(String hunkId, DecisionState state, String reason) {
        boolean ok = command(s -> s.decide(hunkId, state, reason));
        if (ok && state != DecisionState.UNREVIEWED) {
            onDecided.accept(hunkId);
        }
        return ok;
    }

    /** Called on the FX thread after one unit was accepted, rejected or marked for discussion. */
    public void setOnDecided(Consumer<String> value) {
        onDecided = value == null ? id -> { } : value;
    }

    /**
     * Decides a group of hunks. Unless {@code confirmed}, accepting leaves hunks with high or critical findings
     * undecided and lists them in the result, so the caller can ask and call again confirmed.
     */
    public Optional<ReviewSession.BulkResult> decideAll(List<String> hunkIds, DecisionState state, String reason,
                                                         boolean confirmed) {
        ReviewSession.BulkResult[] result = new ReviewSession.BulkResult[1];
        boolean ok = command(s -> result[0] = s.decideHunks(hunkIds, state, reason, confirmed));
        return ok ? Optional.of(result[0]) : Optional.empty();
    }

    /** The current review's round of {@code headCommit} refers to the compiler check stored as {@code file}. */
    public boolean recordCompilerCheck(String headCommit, String file) {
        return session.get() != null && command(s -> s.recordCompilerCheck(headCommit, file));
    }

    public boolean acknowledge(String findingId, String note) {
        return command(s -> s.acknowledge(findingId, note));
    }

    /** Marks a finding as a real problem for the agent to fix (it goes into the feedback). */
    public boolean markProblem(String findingId, String note) {
        return command(s -> s.markProblem(findingId, note));
    }

    /** Mutes a rule in this review or (recorded here; the caller writes the team's file) for the repository. */
    public boolean mute(String rule, dev.rustreview.review.RuleMute.Scope scope) {
        return command(s -> s.mute(rule, scope));
    }

    /** Shows a muted rule's findings again. */
    public boolean unmute(String rule) {
        return command(s -> s.unmute(rule));
    }

    /** The muted rules of the open review (none when no review is open). */
    public dev.rustreview.review.RuleMutes mutes() {
        return session.get() == null ? dev.rustreview.review.RuleMutes.NONE : session.get().mutes();
    }

    /** Dismisses a finding as a false positive; needs a reason. */
    public boolean dismiss(String findingId, String reason) {
        return command(s -> s.dismiss(findingId, reason));
    }

    /** Marks a file as viewed or clears the mark; returns whether it was recorded. */
    public boolean setViewed(String path, boolean viewed) {
        return command(s -> s.setViewed(path, viewed));
    }

    public Optional<Annotation> annotateLines(String path, Side side, int start, int end, AnnotationKind kind,
                                              String text, String suggestion) {
        return commandResult(() -> session.get().annotateLines(path, side, start, end, kind, text, suggestion));
    }

    public Optional<Annotation> annotateFile(String path, AnnotationKind kind, String text) {
        return commandResult(() -> session.get().annotateFile(path, kind, text));
    }

    public Optional<Annotation> reply(String annotationId, String text) {
        return commandResult(() -> session.get().reply(annotationId, text));
    }

    public Optional<Annotation> resolve(String annotationId, boolean resolved) {
        return commandResult(() -> session.get().resolve(annotationId, resolved));
    }

    private boolean command(Consumer<ReviewSession> action) {
        return commandResult(() -> {
            action.accept(session.get());
            return Boolean.TRUE;
        }).isPresent();
    }

    private <T> Optional<T> commandResult(Supplier<T> action) {
        if (session.get() == null) {
            onError.accept("No review is open yet: wait for the analysis to finish");
            return Optional.empty();
        }
        try {
            T value = action.get();
            changed(true);
            return Optional.of(value);
        } catch (RuntimeException e) {
            onError.accept(ErrorText.of(e));
            return Optional.empty();
        }
    }

    // ---- saving --------------------------------------------------------------------------------------

    private void changed(boolean save) {
        ReviewSession s = session.get();
        coverage.set(s == null ? null : s.coverage());
        unchanged = s == null ? java.util.Map.of() : s.unchangedUnits();
        version.set(version.get() + 1);
        if (save && s != null && !saveScheduled) {
            saveScheduled = true;
            scheduler.later(this::saveNow, SAVE_DELAY_MILLIS);
        }
    }

    private void saveNow() {
        saveScheduled = false;
        ReviewSession s = session.get();
        if (s == null || inFlight != null) {
            return; // the running write reschedules when it ends
        }
        Optional<ReviewStore.Snapshot> snapshot = snapshot(s);
        if (snapshot.isEmpty()) {
            return;
        }
        ReviewStore target = store;
        CompletableFuture<Long> revision;
        try {
            revision = CompletableFuture.supplyAsync(() -> target.write(snapshot.get()), io);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            return; // flush() on close writes it
        }
        Write write = new Write(s.review(), snapshot.get(), revision);
        inFlight = write;
        revision.whenCompleteAsync((rev, error) -> finished(write, rev, error), fx);
    }

    private Optional<ReviewStore.Snapshot> snapshot(ReviewSession s) {
        try {
            return store.snapshot(s.review());
        } catch (RuntimeException e) {
            reportSaveError(e);
            return Optional.empty();
        }
    }

    private void finished(Write write, Long rev, Throwable error) {
        if (inFlight == write) {
            inFlight = null;
        }
        if (error != null) {
            reportSaveError(error instanceof CompletionException ? error.getCause() : error);
            return; // the next change tries again; retrying a refused write in a loop would only repeat the error
        }
        write.apply(rev);
        lastSaveError = null;
        ReviewSession s = session.get();
        if (s != null && s.review() == write.review && write.review.pendingChanges() > 0 && !saveScheduled) {
            saveScheduled = true;
            scheduler.later(this::saveNow, SAVE_DELAY_MILLIS);
        }
    }

    private void reportSaveError(Throwable e) {
        lastSaveError = "The review was not saved: " + ErrorText.of(e);
        onError.accept(lastSaveError);
    }

    /**
     * Writes everything now, on the calling thread (the window is closing or switching reviews): waits for a
     * write in flight, then saves what changed since. Returns false, after reporting, when it could not save.
     */
    public boolean flush() {
        ReviewSession s = session.get();
        if (s == null) {
            return true;
        }
        Write write = inFlight;
        if (write != null) {
            try {
                write.apply(write.revision.join());
            } catch (CompletionException | java.util.concurrent.CancellationException e) {
                // reported when its completion runs; the save below tries again
            }
            inFlight = null;
        }
        try {
            store.save(s.review());
            return true;
        } catch (RuntimeException e) {
            reportSaveError(e);
            return false;
        }
    }

    /**
     * Writes everything on {@code io} and completes on the FX thread with whether it saved (false after
     * reporting the failure): the window closing or switching reviews waits for this instead of writing on the
     * FX thread. A write already in flight is awaited first, so the file never goes back to an older snapshot.
     */
    public CompletableFuture<Boolean> flushInBackground() {
        ReviewSession s = session.get();
        if (s == null) {
            return CompletableFuture.completedFuture(true);
        }
        Review review = s.review();
        ReviewStore target = store;
        Write write = inFlight;
        CompletableFuture<?> previous = write == null ? CompletableFuture.completedFuture(null)
                : write.revision.handle((rev, error) -> null);
        return previous.thenComposeAsync(ignored -> {
            if (write != null) {
                if (!write.revision.isCompletedExceptionally()) {
                    write.apply(write.revision.join());
                }
                if (inFlight == write) {
                    inFlight = null;
                }
            }
            Optional<ReviewStore.Snapshot> snapshot;
            try {
                snapshot = target.snapshot(review);
            } catch (RuntimeException e) {
                reportSaveError(e);
                return CompletableFuture.completedFuture(false);
            }
            if (snapshot.isEmpty()) {
                return CompletableFuture.completedFuture(true);
            }
            return CompletableFuture.supplyAsync(() -> target.write(snapshot.get()), io)
                    .handleAsync((rev, error) -> {
                        if (error != null) {
                            reportSaveError(error instanceof CompletionException ? error.getCause() : error);
                            return false;
                        }
                        ReviewStore.saved(review, snapshot.get(), rev);
                        return true;
                    }, fx);
        }, fx);
    }

    /**
     * Closes the open review without writing on the FX thread: its pending changes go to disk on {@code io}
     * (the returned future, completed on the FX thread), and the model shows no review meanwhile.
     */
    public CompletableFuture<Boolean> detach() {
        CompletableFuture<Boolean> saved = flushInBackground();
        session.set(null);
        store = null;
        lastSaveError = null;
        changed(false);
        return saved;
    }

    /** The last save failure still standing, for the status bar; null when saves succeed. */
    public String lastSaveError() {
        return lastSaveError;
    }

    private Optional<Review> review() {
        return Optional.ofNullable(session.get()).map(ReviewSession::review);
    }
}
