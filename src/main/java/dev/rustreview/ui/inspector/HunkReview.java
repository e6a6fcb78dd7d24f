package dev.rustreview.ui.inspector;

import dev.rustreview.model.Finding;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.Side;
import dev.rustreview.review.Acknowledgement;
import dev.rustreview.review.Anchor;
import dev.rustreview.review.Annotation;
import dev.rustreview.review.Decision;
import dev.rustreview.review.DecisionState;
import dev.rustreview.review.OutdatedDecision;
import dev.rustreview.review.ReviewSession;
import dev.rustreview.ui.navigator.HunkEntry;
import dev.rustreview.ui.review.ReviewModel;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The review's side of one hunk, as plain data: its decision, whether the agent changed it since an earlier
 * round (and what was decided then), each finding's acknowledgement, and the annotations that belong to it.
 * Computed from a {@link ReviewModel} and the navigator's {@link HunkEntry}; tested without a scene.
 *
 * @param hunkId        the stable hunk id decisions use; null when the analyzer did not categorise the hunk
 * @param decision      the current decision, null while unreviewed
 * @param changedSince  the round whose decision no longer fits this hunk, if the agent changed it
 * @param outdated      earlier decisions that now map to this hunk
 * @param annotations   annotations on the hunk's lines and on its whole file
 * @param reviewOpen    whether a review is open (commands are refused otherwise)
 */
public record HunkReview(String hunkId, String path, DecisionState state, Decision decision,
                         OptionalInt changedSince, List<OutdatedDecision> outdated, List<FindingStatus> findings,
                         List<Annotation> annotations, boolean reviewOpen) {

    /** A finding of the hunk and the reviewer's answer to it, null when not yet acknowledged or dismissed. */
    public record FindingStatus(Finding finding, Acknowledgement ack) {

        /** Answered, or nothing to answer: a compiler-only finding has no acknowledgement in the review. */
        public boolean answered() {
            return ack != null || !acknowledgeable();
        }

        /** Whether the review can acknowledge or dismiss it (a rule found it). */
        public boolean acknowledgeable() {
            return !finding.compilerOnly();
        }

        /** "checked by Ann: note", "dismissed by Ann: reason", or "not acknowledged". */
        public String statusText() {
            if (!acknowledgeable()) {
                return "from the compiler: nothing to acknowledge, it goes when a build of the head no longer reports it";
            }
            if (ack == null) {
                return "not acknowledged";
            }
            String verb = switch (ack.kind()) {
                case DISMISSED -> "dismissed by ";
                case PROBLEM -> "marked as a problem for the agent by ";
                case CHECKED -> "checked by ";
            };
            return verb + who(ack.author()) + (ack.note() == null ? "" : ": " + ack.note());
        }
    }

    public HunkReview {
        outdated = List.copyOf(outdated);
        findings = List.copyOf(findings);
        annotations = List.copyOf(annotations);
    }

    public static HunkReview of(ReviewModel review, HunkEntry entry) {
        String id = entry.analysis() == null ? null : entry.analysis().id();
        String path = entry.ref().path();
        DecisionState state = id == null ? DecisionState.UNREVIEWED : review.state(id);
        Decision decision = id == null ? null : review.decision(id).orElse(null);
        OptionalInt since = id == null ? OptionalInt.empty() : review.changedSince(id);
        ReviewSession session = review.sessionProperty().get();
        List<OutdatedDecision> outdated = id == null || session == null ? List.of()
                : session.review().outdatedDecisions().stream().filter(o -> id.equals(o.nowHunkId())).toList();
        List<FindingStatus> findings = entry.findings().stream()
                .map(f -> new FindingStatus(f, review.acknowledgement(f.id()).orElse(null))).toList();
        List<Annotation> annotations = review.annotations(path).stream().filter(a -> appliesTo(a, entry)).toList();
        return new HunkReview(id, path, state, decision, since, outdated, findings, annotations, review.isOpen());
    }

    /**
     * Whether {@code a} belongs with this hunk: anchored to its id, on lines of its file overlapping its lines
     * on that side, or on its whole file.
     */
    public static boolean appliesTo(Annotation a, HunkEntry entry) {
        Anchor anchor = a.anchor();
        String id = entry.analysis() == null ? null : entry.analysis().id();
        if (id != null && id.equals(anchor.hunkId())) {
            return true;
        }
        if (!entry.ref().path().equals(anchor.path())) {
            return false;
        }
        return switch (anchor.scope()) {
            case FILE -> true;
            case REVIEW -> false;
            case LINES -> {
                int[] range = lines(entry.hunk(), anchor.side());
                yield range != null && anchor.startLine() <= range[1] && anchor.endLine() >= range[0];
            }
        };
    }

    /** The hunk's first and last line on {@code side}, or null when it has no lines there. */
    static int[] lines(Hunk hunk, Side side) {
        int start = side == Side.OLD ? hunk.oldStart() : hunk.newStart();
        int count = side == Side.OLD ? hunk.oldCount() : hunk.newCount();
        return count == 0 ? null : new int[] {start, start + count - 1};
    }

    public boolean decidable() {
        return hunkId != null;
    }

    /** The first finding not yet acknowledged or dismissed. */
    public Optional<FindingStatus> nextUnanswered() {
        return findings.stream().filter(f -> !f.answered()).findFirst();
    }

    public Optional<FindingStatus> finding(String findingId) {
        return findings.stream().filter(f -> f.finding().id().equals(findingId)).findFirst();
    }

    /** "Unreviewed", "Accepted", "Rejected" or "Needs discussion". */
    public String stateLabel() {
        return label(state);
    }

    /** Who decided and when, e.g. "by Ann · 2026-11-22 10:00 (3 h ago)"; empty while unreviewed. */
    public String decisionByline(Instant now, ZoneId zone) {
        return decision == null ? "" : "by " + who(decision.author()) + " \u00b7 " + when(decision.at(), now, zone);
    }

    public static String label(DecisionState s) {
        return switch (s) {
            case UNREVIEWED -> "Unreviewed";
            case ACCEPTED -> "Accepted";
            case REJECTED -> "Rejected";
            case DISCUSS -> "Needs discussion";
        };
    }

    /** "new 225–227", "old 12", "whole file" or "review". */
    public static String linesLabel(Anchor anchor) {
        return switch (anchor.scope()) {
            case FILE -> "whole file";
            case REVIEW -> "whole review";
            case LINES -> anchor.side().name().toLowerCase(java.util.Locale.ROOT) + " " + anchor.startLine()
                    + (anchor.endLine() > anchor.startLine() ? "\u2013" + anchor.endLine() : "");
        };
    }

    /** The display name of an author given as "Name <email>". */
    public static String who(String author) {
        if (author == null) {
            return "?";
        }
        int lt = author.indexOf('<');
        String name = lt > 0 ? author.substring(0, lt).trim() : author.trim();
        return name.isEmpty() ? author : name;
    }

    private static final DateTimeFormatter ABSOLUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** "2026-11-22 10:00 (3 h ago)". */
    public static String when(Instant at, Instant now, ZoneId zone) {
        return ABSOLUTE.format(at.atZone(zone)) + " (" + ago(at, now) + ")";
    }

    public static String ago(Instant at, Instant now) {
        long s = Duration.between(at, now).getSeconds();
        if (s < 0) {
            return "just now";
        }
        if (s < 60) {
            return "just now";
        }
        if (s < 3600) {
            return s / 60 + " min ago";
        }
        if (s < 86_400) {
            return s / 3600 + " h ago";
        }
        return s / 86_400 + " d ago";
    }
}
