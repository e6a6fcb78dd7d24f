package dev.rustreview.export;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import dev.rustreview.review.Acknowledgement;
import dev.rustreview.review.Anchor;
import dev.rustreview.review.Annotation;
import dev.rustreview.review.AnnotationKind;
import dev.rustreview.review.DecisionState;
import dev.rustreview.review.HunkIndex;
import dev.rustreview.review.Review;
import dev.rustreview.review.RuleMutes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the coding agent has to act on, in the order it should: rejected units, open issues and suggestions,
 * findings the reviewer marked as problems, unresolved threads (open questions, and open notes that have replies, with the replies),
 * then, only when asked, the findings nobody has answered yet (high and critical, rules not muted).
 */
public final class AgentItems {

    /** The kind of work an item asks for. */
    public enum Kind { REJECTED, ISSUE, SUGGESTION, PROBLEM, THREAD, FINDING }

    /**
     * One thing to fix.
     *
     * @param path       null for an annotation on the whole review
     * @param line       0 when the item is not on a line
     * @param code       the quoted lines
     * @param text       the reviewer's reason or comment, or the finding's title and explanation
     * @param fix        a suggestion's replacement code, or a finding's check; may be null
     * @param sourceId   the unit, annotation or finding id
     * @param replies    a thread's replies, "author: text"
     */
    public record Item(Kind kind, String path, int line, int endLine, List<String> code, String text, String fix,
                       String sourceId, List<String> replies) {
        public Item {
            code = List.copyOf(code);
            replies = replies == null ? List.of() : List.copyOf(replies);
        }
    }

    private AgentItems() {
    }

    /** Everything, unanswered high and critical findings included (the GitHub review's comments). */
    public static List<Item> of(Review review, HunkIndex index) {
        return of(review, index, RuleMutes.NONE, true);
    }

    /**
     * What the reviewer asked for; with {@code includeUnreviewed}, also the unanswered high and critical findings
     * of rules not muted.
     */
    public static List<Item> of(Review review, HunkIndex index, RuleMutes mutes, boolean includeUnreviewed) {
        List<Item> items = new ArrayList<>();
        for (HunkIndex.Entry e : index.entries()) {
            if (review.state(e.id()) == DecisionState.REJECTED) {
                int line = HunkLines.firstChanged(e.hunk());
                items.add(new Item(Kind.REJECTED, e.path(), line, line, HunkLines.changed(e.hunk()),
                        review.decisions().get(e.id()).reason(), null, e.id(), List.of()));
            }
        }
        for (Annotation a : review.annotations()) {
            if (a.open() && (a.kind() == AnnotationKind.ISSUE || a.kind() == AnnotationKind.SUGGESTION)) {
                Anchor x = a.anchor();
                items.add(new Item(a.kind() == AnnotationKind.ISSUE ? Kind.ISSUE : Kind.SUGGESTION, x.path(),
                        x.startLine(), x.endLine(), x.lines(), a.text(), a.suggestion(), a.id(), replies(a)));
            }
        }
        sorted(index.analysis().findings()).stream()
                .filter(f -> ack(review, f) == Acknowledgement.Kind.PROBLEM)
                .forEach(f -> items.add(finding(Kind.PROBLEM, index, f, review.acknowledgements().get(f.id()).note())));
        for (Annotation a : review.annotations()) {
            // A question waits for an answer; a note only when it became a conversation (it has replies).
            if (a.open() && (a.kind() == AnnotationKind.QUESTION
                    || a.kind() == AnnotationKind.NOTE && !a.replies().isEmpty())) {
                Anchor x = a.anchor();
                items.add(new Item(Kind.THREAD, x.path(), x.startLine(), x.endLine(), x.lines(),
                        a.kind().label() + ": " + a.text(), null, a.id(), replies(a)));
            }
        }
        if (includeUnreviewed) {
            sorted(index.analysis().findings()).stream()
                    .filter(f -> f.severity().atLeast(Severity.HIGH))
                    .filter(f -> ack(review, f) == null && !mutes.muted(f))
                    .forEach(f -> items.add(finding(Kind.FINDING, index, f, null)));
        }
        return items;
    }

    private static List<Finding> sorted(List<Finding> findings) {
        return findings.stream().sorted(Comparator.comparing(Finding::severity).thenComparing(Finding::path)
                .thenComparingInt(Finding::startLine)).toList();
    }

    private static Acknowledgement.Kind ack(Review review, Finding f) {
        Acknowledgement a = review.acknowledgements().get(f.id());
        return a == null ? null : a.kind();
    }

    private static Item finding(Kind kind, HunkIndex index, Finding f, String note) {
        String text = f.severity().label() + " " + f.ruleId() + ": " + f.title() + ". " + f.explanation()
                + (note == null ? "" : "\nReviewer: " + note);
        return new Item(kind, f.path(), f.startLine(), f.endLine(), code(index, f), text, f.checkBeforeAccepting(),
                f.id(), List.of());
    }

    private static List<String> replies(Annotation a) {
        return a.replies().stream().map(r -> r.author() + ": " + r.text()).toList();
    }

    /** The finding's lines from the hunk that holds them. */
    static List<String> code(HunkIndex index, Finding f) {
        return index.at(f.path(), f.side() != Side.OLD, f.startLine())
                .map(e -> HunkLines.range(e.hunk(), f.side(), f.startLine(), f.endLine())).orElse(List.of());
    }
}
