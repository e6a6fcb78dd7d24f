package dev.rustreview.review;

import dev.rustreview.model.BadInputException;
import dev.rustreview.model.Category;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Objects;

/**
 * Applies the reviewer's commands to a {@link Review} on one analysed round. Opening a session on a new head
 * starts a round and carries earlier work over (see {@link RoundStarter}).
 */
public final class ReviewSession {

    /** What a bulk decision did: the hunks it decided, and the high-risk ones it left for a confirmed decision. */
    public record BulkResult(List<String> decided, List<String> skippedHighRisk) {
    }

    private final Review review;
    private final HunkIndex index;
    private final String author;
    private final Clock clock;
    private final boolean newRound;
    /** The rules the repository's {@code .rust-review.json} mutes (read at the base by the caller). */
    private java.util.Set<String> sharedMutes = java.util.Set.of();

    private ReviewSession(Review review, HunkIndex index, String author, Clock clock) {
        this.review = review;
        this.index = index;
        this.author = Objects.requireNonNull(author, "author");
        this.clock = clock;
        UnitMigration.migrate(review, index);
        AcknowledgementCarrier.reattach(review, index);
        this.newRound = RoundStarter.startIfMoved(review, index, clock.instant());
        if (review.unitsOf(review.currentRound()).isEmpty()) {
            // A round saved by an older version: its head is this one, so these are its units.
            review.roundUnits(review.currentRound(), index.entries().stream().map(HunkIndex.Entry::id).toList());
        }
    }

    /** Opens {@code review} on {@code index}'s round, starting a new round when the head commit moved. */
    public static ReviewSession open(Review review, HunkIndex index, String author, Clock clock) {
        return new ReviewSession(review, index, author, clock);
    }

    public Review review() { return review; }
    public HunkIndex index() { return index; }
    public boolean startedNewRound() { return newRound; }

    /**
     * The earlier round whose head this session shows (the reviewer went back from a later head), or empty
     * when it shows the last round's head. No round is started for it; the review stays on its last round.
     */
    public Optional<Round> earlierRoundShown() {
        return RoundStarter.earlierRound(review, index.analysis().changeSet().toId());
    }

    /** The rules the team mutes in {@code .rust-review.json}, as the caller read it at the base. */
    public void useSharedMutes(java.util.Collection<String> rules) {
        sharedMutes = java.util.Set.copyOf(rules);
    }

    /** Which rules are muted: the team's list with the reviewer's own choices over it. */
    public RuleMutes mutes() {
        return RuleMutes.of(review.mutes(), sharedMutes);
    }

    /**
     * Mutes {@code rule}'s findings in this review ({@code REVIEW}) or for the repository ({@code REPOSITORY}:
     * the caller also writes the team's file when there is a work tree). Muting never acknowledges a finding.
     */
    public void mute(String rule, RuleMute.Scope scope) {
        SharedMutes.checkRule(rule);
        if (scope == RuleMute.Scope.SHOWN) {
            throw new IllegalArgumentException("use unmute to show a rule");
        }
        review.putMute(new RuleMute(rule, scope, author, clock.instant()));
    }

    /** Shows {@code rule}'s findings again; one the team's file mutes is shown in this review only. */
    public void unmute(String rule) {
        SharedMutes.checkRule(rule);
        if (!mutes().muted(rule)) {
            throw new BadInputException("rule " + rule + " is not muted in review " + review.id()
                    + ": 'rust-review review status' lists the muted rules");
        }
        if (sharedMutes.contains(rule)) {
            review.putMute(new RuleMute(rule, RuleMute.Scope.SHOWN, author, clock.instant()));
        } else {
            review.removeMute(rule);
        }
    }

    public Coverage coverage() {
        return CoverageCalculator.compute(review, index);
    }

    /** Decides one hunk (a confirmed look at it, so high-risk hunks may be accepted). */
    public void decide(String hunkId, DecisionState state, String reason) {
        HunkIndex.Entry e = index.entry(hunkId).orElseThrow(() -> new BadInputException(
                "no unit '" + hunkId + "' in the current round: 'rust-review review status --format json' lists the unit ids"));
        requireReason(state, reason);
        apply(e, state, reason);
    }

    public BulkResult decideFile(String path, DecisionState state, String reason, boolean confirmed) {
        List<HunkIndex.Entry> hunks = index.entries().stream().filter(e -> e.path().equals(path)).toList();
        if (hunks.isEmpty()) {
            throw new BadInputException("no hunks in '" + path + "' in the current round: check the path");
        }
        return bulk(hunks, state, reason, confirmed);
    }

    public BulkResult decideCategory(Category category, DecisionState state, String reason, boolean confirmed) {
        return bulk(index.entries().stream().filter(e -> e.analysis().category() == category).toList(), state,
                reason, confirmed);
    }

    /** Decides every hunk with lines written by the commit whose id starts with {@code commitPrefix}. */
    public BulkResult decideCommit(String commitPrefix, DecisionState state, String reason, boolean confirmed) {
        if (commitPrefix.length() < 4) {
            throw new BadInputException("commit id '" + commitPrefix + "' is too short: give at least 4 hex digits");
        }
        return bulk(index.entries().stream().filter(e -> e.commitIds().stream().anyMatch(c -> c.startsWith(commitPrefix)))
                .toList(), state, reason, confirmed);
    }

    /** Decides the listed hunks (a navigator group); unknown ids are refused before anything changes. */
    public BulkResult decideHunks(List<String> hunkIds, DecisionState state, String reason, boolean confirmed) {
        List<HunkIndex.Entry> hunks = new ArrayList<>();
        for (String id : hunkIds) {
            hunks.add(index.entry(id).orElseThrow(() -> new BadInputException(
                    "no unit '" + id + "' in the current round: reload the review")));
        }
        return bulk(hunks, state, reason, confirmed);
    }

    /**
     * Records that the compiler check stored as {@code file} (under {@code rust-review/checks/}) is this review's
     * check of head {@code headCommit}: the round of that head refers to it, so reopening shows it without a build.
     * Returns false when no round has that head.
     */
    public boolean recordCompilerCheck(String headCommit, String file) {
        return review.recordCompilerCheck(headCommit, file);
    }

    /**
     * Marks {@code path} as viewed (or clears the mark), as GitHub's per-file checkbox: the mark stays until the
     * agent changes the file in a later round.
     */
    public void setViewed(String path, boolean viewed) {
        if (index.entries().stream().noneMatch(e -> e.path().equals(path))) {
            throw new BadInputException("'" + path + "' is not changed in the current round: check the path");
        }
        if (viewed) {
            review.putViewed(new ViewedFile(path, review.currentRound(), author, clock.instant(),
                    ViewedFiles.fingerprint(index, path)));
        } else {
            review.removeViewed(path);
        }
    }

    /** Units the agent left as the previous round showed them: id → round they are unchanged since. */
    public java.util.Map<String, Integer> unchangedUnits() {
        return UnchangedUnits.of(review, index);
    }

    public void acknowledge(String id, String note) {
        String findingId = requireFinding(id);
        review.putAck(new Acknowledgement(findingId, Acknowledgement.Kind.CHECKED, blankToNull(note), author,
                clock.instant(), review.currentRound()));
    }

    /** Marks a finding as a real problem the agent has to fix ({@code note}: what to do, optional). */
    public void markProblem(String id, String note) {
        String findingId = requireFinding(id);
        review.putAck(new Acknowledgement(findingId, Acknowledgement.Kind.PROBLEM, blankToNull(note), author,
                clock.instant(), review.currentRound()));
    }

    public void dismiss(String id, String reason) {
        String findingId = requireFinding(id);
        if (blankToNull(reason) == null) {
            throw new BadInputException("dismissing a finding as a false positive needs a reason: pass --reason");
        }
        review.putAck(new Acknowledgement(findingId, Acknowledgement.Kind.DISMISSED, reason, author, clock.instant(),
                review.currentRound()));
    }

    /** Annotates lines {@code start..end} of {@code path} on {@code side}; returns the annotation. */
    public Annotation annotateLines(String path, Side side, int start, int end, AnnotationKind kind, String text,
                                    String suggestion) {
        if (start < 1 || end < start) {
            throw new BadInputException("line range " + start + "-" + end + " is not valid: give N or N-M with N <= M");
        }
        HunkIndex.Entry e = index.at(path, side == Side.NEW, start).orElse(null);
        if (e == null && index.entries().stream().noneMatch(x -> x.path().equals(path))) {
            throw new BadInputException("'" + path + "' is not changed in the current round: check the path");
        }
        List<String> lines = e == null ? List.of() : SideText.range(e.hunk(), side, start, end);
        return add(new Anchor(Anchor.Scope.LINES, path, side, start, end, lines, e == null ? null : e.id()), kind,
                text, suggestion);
    }

    public Annotation annotateFile(String path, AnnotationKind kind, String text) {
        return add(Anchor.file(path), kind, text, null);
    }

    public Annotation annotateReview(AnnotationKind kind, String text) {
        return add(Anchor.review(), kind, text, null);
    }

    public Annotation reply(String annotationId, String text) {
        Annotation a = annotation(annotationId).withReply(new Reply(author, clock.instant(), requireText(text)));
        review.putAnnotation(a);
        return a;
    }

    public Annotation resolve(String annotationId, boolean resolved) {
        Annotation a = annotation(annotationId).withResolved(resolved, clock.instant());
        review.putAnnotation(a);
        return a;
    }

    private Annotation add(Anchor anchor, AnnotationKind kind, String text, String suggestion) {
        var now = clock.instant();
        Annotation a = new Annotation(ReviewIds.newAnnotationId(), anchor, kind, requireText(text),
                blankToNull(suggestion), author, now, now, List.of(), false, review.currentRound(), 0);
        review.putAnnotation(a);
        return a;
    }

    private BulkResult bulk(List<HunkIndex.Entry> hunks, DecisionState state, String reason, boolean confirmed) {
        requireReason(state, reason);
        List<String> decided = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (HunkIndex.Entry e : hunks) {
            boolean risky = index.worstFinding(e).map(s -> s.atLeast(Severity.HIGH)).orElse(false);
            if (state == DecisionState.ACCEPTED && risky && !confirmed) {
                skipped.add(e.id());
            } else {
                apply(e, state, reason);
                decided.add(e.id());
            }
        }
        return new BulkResult(decided, skipped);
    }

    private void apply(HunkIndex.Entry e, DecisionState state, String reason) {
        if (state == DecisionState.UNREVIEWED) {
            review.removeDecision(e.id());
            return;
        }
        review.putDecision(new Decision(e.id(), state, blankToNull(reason), author, clock.instant(),
                review.currentRound(), Fingerprints.of(e.hunk()), e.path(), e.analysis().items()));
    }

    private Annotation annotation(String id) {
        return review.annotation(id).orElseThrow(() -> new BadInputException("no annotation '" + id
                + "' in review " + review.id() + ": 'rust-review review status' lists them"));
    }

    /**
     * The current id of the finding {@code findingId} names: its own id, or an id an earlier version of the analyzer
     * gave it (one a reviewer may have copied from an older export), when exactly one finding had it.
     */
    private String requireFinding(String findingId) {
        if (index.analysis().finding(findingId).isPresent()) {
            return findingId;
        }
        List<Finding> formerly = index.analysis().findings().stream()
                .filter(f -> f.formerIds().contains(findingId)).toList();
        if (formerly.size() == 1) {
            return formerly.get(0).id();
        }
        throw new BadInputException("no finding '" + findingId
                + "' in the current round: 'rust-review analyze' lists the finding ids");
    }

    private static void requireReason(DecisionState state, String reason) {
        if (state == DecisionState.REJECTED && blankToNull(reason) == null) {
            throw new BadInputException("a rejection needs a reason the agent can act on: pass --reason");
        }
    }

    private static String requireText(String text) {
        if (blankToNull(text) == null) {
            throw new BadInputException("the text is empty: pass --text");
        }
        return text;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
