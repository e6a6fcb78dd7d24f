package dev.rustreview.model;

import java.util.List;

/**
 * A risk the analyzer marks for closer review.
 *
 * @param id                   short id, stable across rounds (derived from rule, path and the flagged code)
 * @param ruleId               the rule from RISK-RULES.md ({@code AL1})
 * @param title                one line: what was seen
 * @param side                 the side the lines refer to: NEW, or OLD for code the change removes
 * @param startLine            first line (1-based) on that side
 * @param endLine              last line (inclusive)
 * @param objects              the concrete things involved (guard names, lock expressions, types)
 * @param explanation          why this matters here, naming the objects
 * @param checkBeforeAccepting what the reviewer should verify before accepting
 * @param lints                related clippy lints, possibly none
 * @param origin               introduced by the change, or pre-existing at the merge-base
 * @param formerIds            ids earlier versions gave the same finding, so saved acknowledgements re-attach
 */
public record Finding(
        String id,
        String ruleId,
        RiskArea area,
        Severity severity,
        String path,
        Side side,
        int startLine,
        int endLine,
        List<String> objects,
        String title,
        String explanation,
        String checkBeforeAccepting,
        List<ClippyLint> lints,
        Origin origin,
        List<String> formerIds) {

    public Finding {
        objects = List.copyOf(objects);
        lints = List.copyOf(lints);
        origin = origin == null ? Origin.INTRODUCED : origin;
        formerIds = formerIds == null ? List.of() : List.copyOf(formerIds);
    }

    /** A finding introduced by the change, as rules build it (no former ids). */
    public Finding(String id, String ruleId, RiskArea area, Severity severity, String path, Side side, int startLine,
                   int endLine, List<String> objects, String title, String explanation, String checkBeforeAccepting,
                   List<ClippyLint> lints) {
        this(id, ruleId, area, severity, path, side, startLine, endLine, objects, title, explanation,
                checkBeforeAccepting, lints, Origin.INTRODUCED, List.of());
    }

    public Finding withId(String newId) {
        return new Finding(newId, ruleId, area, severity, path, side, startLine, endLine, objects, title,
                explanation, checkBeforeAccepting, lints, origin, formerIds);
    }

    /** This finding with {@code newId}, remembering the ids older versions gave it. */
    public Finding withIds(String newId, List<String> former) {
        return new Finding(newId, ruleId, area, severity, path, side, startLine, endLine, objects, title,
                explanation, checkBeforeAccepting, lints, origin, former);
    }

    public Finding withSeverity(Severity newSeverity) {
        return new Finding(id, ruleId, area, newSeverity, path, side, startLine, endLine, objects, title,
                explanation, checkBeforeAccepting, lints, origin, formerIds);
    }

    public Finding withOrigin(Origin newOrigin) {
        return new Finding(id, ruleId, area, severity, path, side, startLine, endLine, objects, title,
                explanation, checkBeforeAccepting, lints, newOrigin, formerIds);
    }

    /** Whether the finding's lines overlap {@code [from, to]} on {@code onSide}. */
    public boolean overlaps(Side onSide, int from, int to) {
        return side == onSide && startLine <= to && endLine >= from;
    }
}
