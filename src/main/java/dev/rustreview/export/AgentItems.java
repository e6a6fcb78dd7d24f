package dev.rustreview.export;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import dev.rustreview.review.Anchor;
import dev.rustreview.review.Annotation;
import dev.rustreview.review.AnnotationKind;
import dev.rustreview.review.DecisionState;
import dev.rustreview.review.HunkIndex;
import dev.rustreview.review.Review;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the coding agent has to act on, in the order it should: rejected hunks, open issues and suggestions,
 * then unacknowledged high and critical findings (most severe first).
 */
public final class AgentItems {

    /** The kind of work an item asks for. */
    public enum Kind { REJECTED, ISSUE, SUGGESTION, FINDING }

    /**
     * One thing to fix.
     *
     * @param path       null for an annotation on the whole review
     * @param line       0 when the item is not on a line
     * @param code       the quoted lines
     * @param text       the reviewer's reason or comment, or the finding's title and explanation
     * @param fix        a suggestion's replacement code, or a finding's check; may be null
     * @param sourceId   the hunk, annotation or finding id
     */
    public record Item(Kind kind, String path, int line, int endLine, List<String> code, String text, String fix,
                       String sourceId) {
        public Item {
            code = List.copyOf(code);
        }
    }

    private AgentItems() {
    }

    public static List<Item> of(Review review, HunkIndex index) {
        List<Item> items = new ArrayList<>();
        for (HunkIndex.Entry e : index.entries()) {
            if (review.state(e.id()) == DecisionState.REJECTED) {
                int line = HunkLines.firstChanged(e.hunk());
                items.add(new Item(Kind.REJECTED, e.path(), line, line, HunkLines.changed(e.hunk()),
                        review.decisions().get(e.id()).reason(), null, e.id()));
            }
        }
        for (Annotation a : review.annotations()) {
            if (a.open() && (a.kind() == AnnotationKind.ISSUE || a.kind() == AnnotationKind.SUGGESTION)) {
                Anchor x = a.anchor();
                items.add(new Item(a.kind() == AnnotationKind.ISSUE ? Kind.ISSUE : Kind.SUGGESTION, x.path(),
                        x.startLine(), x.endLine(), x.lines(), a.text(), a.suggestion(), a.id()));
            }
        }
        index.analysis().findings().stream()
                .filter(f -> f.severity().atLeast(Severity.HIGH))
                .filter(f -> !review.acknowledgements().containsKey(f.id()))
                .sorted(Comparator.comparing(Finding::severity).thenComparing(Finding::path)
                        .thenComparingInt(Finding::startLine))
                .forEach(f -> items.add(new Item(Kind.FINDING, f.path(), f.startLine(), f.endLine(),
                        code(index, f), f.severity().label() + " " + f.ruleId() + ": " + f.title() + ". "
                        + f.explanation(), f.checkBeforeAccepting(), f.id())));
        return items;
    }

    /** The finding's lines from the hunk that holds them. */
    static List<String> code(HunkIndex index, Finding f) {
        return index.at(f.path(), f.side() != Side.OLD, f.startLine())
                .map(e -> HunkLines.range(e.hunk(), f.side(), f.startLine(), f.endLine())).orElse(List.of());
    }
}
