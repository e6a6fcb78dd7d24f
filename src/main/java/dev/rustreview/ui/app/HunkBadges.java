package dev.rustreview.ui.app;
import dev.rustreview.review.Anchor;
import dev.rustreview.review.Annotation;
import dev.rustreview.review.DecisionState;
import dev.rustreview.ui.diff.HunkBadge;
import dev.rustreview.ui.diff.LineNote;
import dev.rustreview.ui.review.ReviewModel;
import java.util.ArrayList;
import java.util.List;

/** The review as the diff view shows it: a badge per hunk header, a marker per annotated line. */
final class HunkBadges {

    /** Annotations longer than this are cut in the marker's tooltip; the inspector shows them whole. */
    private static final int TOOLTIP_CHARS = 300;

    private HunkBadges() {
    }

    /** Puts the review's badges and markers on the file the diff view shows; a single commit's diff gets none. */
    static void paint(dev.rustreview.ui.diff.DiffView diff, ReviewModel review,
                      dev.rustreview.ui.navigator.NavigatorModel navigator, boolean branchShown) {
        String path = diff.current().path();
        java.util.Map<Integer, HunkBadge> badges = new java.util.HashMap<>();
        if (branchShown && review.isOpen()) {
            for (var ref : navigator.allHunks()) {
                if (ref.path().equals(path)) {
                    navigator.entry(ref).filter(e -> e.analysis() != null).map(e -> of(review, e.analysis().id()))
                            .filter(HunkBadge::isShown).ifPresent(b -> badges.put(ref.index(), b));
                }
            }
        }
        diff.setHunkBadges(badges);
        diff.setLineNotes(branchShown ? notes(review.annotations(path)) : List.of());
        diff.setThreads(branchShown ? InlineThreads.of(review.annotations(path), java.time.Instant.now()) : List.of());
    }

    static HunkBadge of(ReviewModel review, String hunkId) {
        DecisionState state = review.state(hunkId);
        // A unit the agent left as the last round showed it says so, beside its decision if it has one.
        var same = review.unchangedSince(hunkId);
        String unchanged = same.isPresent() ? "unchanged since round " + same.getAsInt() : "";
        String also = unchanged.isEmpty() ? "" : " \u00b7 " + unchanged;
        return switch (state) {
            case ACCEPTED -> new HunkBadge("accepted" + also, "decision-accepted");
            case REJECTED -> new HunkBadge("rejected" + also, "decision-rejected");
            case DISCUSS -> new HunkBadge("discuss" + also, "decision-discuss");
            case UNREVIEWED -> review.changedSince(hunkId).isPresent()
                    ? new HunkBadge("changed since round " + review.changedSince(hunkId).getAsInt(), "decision-changed")
                    : new HunkBadge(unchanged, unchanged.isEmpty() ? "" : "decision-unchanged");
        };
    }

    /** One marker per line of each current line annotation, its tooltip the kind, author and text. */
    static List<LineNote> notes(List<Annotation> annotations) {
        List<LineNote> notes = new ArrayList<>();
        for (Annotation a : annotations) {
            Anchor at = a.anchor();
            if (a.outdated() || at.scope() != Anchor.Scope.LINES) {
                continue;
            }
            String text = a.kind().label() + " \u00b7 " + a.author() + (a.resolved() ? " (resolved)" : "") + "\n"
                    + (a.text().length() > TOOLTIP_CHARS ? a.text().substring(0, TOOLTIP_CHARS) + "\u2026" : a.text());
            for (int line = at.startLine(); line <= at.endLine(); line++) {
                notes.add(new LineNote(at.side(), line, text));
            }
        }
        return notes;
    }
}
