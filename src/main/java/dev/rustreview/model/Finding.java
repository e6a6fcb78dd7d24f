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
 * @param compiler             what the compiler or clippy said about the same lines and concern, when a compiler
 *                             check ran: a rule finding with entries here has two sources; a finding whose rule id is
 *                             its only entry's ({@link #compilerOnly()}) came from the compiler alone
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
        List<String> formerIds,
        List<CompilerFinding> compiler) {

    public Finding {
        objects = List.copyOf(objects);
        lints = List.copyOf(lints);
        origin = origin == null ? Origin.INTRODUCED : origin;
        formerIds = formerIds == null ? List.of() : List.copyOf(formerIds);
        compiler = compiler == null ? List.of() : List.copyOf(compiler);
    }

    /** A finding of the rules (no compiler source). */
    public Finding(String id, String ruleId, RiskArea area, Severity severity, String path, Side side, int startLine,
                   int endLine, List<String> objects, String title, String explanation, String checkBeforeAccepting,
                   List<ClippyLint> lints, Origin origin, List<String> formerIds) {
        this(id, ruleId, area, severity, path, side, startLine, endLine, objects, title, explanation,
                checkBeforeAccepting, lints, origin, formerIds, List.of());
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
                explanation, checkBeforeAccepting, lints, origin, formerIds, compiler);
    }

    /** This finding with {@code newId}, remembering the ids older versions gave it. */
    public Finding withIds(String newId, List<String> former) {
        return new Finding(newId, ruleId, area, severity, path, side, startLine, endLine, objects, title,
                explanation, checkBeforeAccepting, lints, origin, former, compiler);
    }

    public Finding withSeverity(Severity newSeverity) {
        return new Finding(id, ruleId, area, newSeverity, path, side, startLine, endLine, objects, title,
                explanation, checkBeforeAccepting, lints, origin, formerIds, compiler);
    }

    /** This finding at {@code newSeverity}, with {@code why} added to its explanation. */
    public Finding lowered(Severity newSeverity, String why) {
        return new Finding(id, ruleId, area, newSeverity, path, side, startLine, endLine, objects, title,
                explanation + " " + why, checkBeforeAccepting, lints, origin, formerIds, compiler);
    }

    public Finding withOrigin(Origin newOrigin) {
        return new Finding(id, ruleId, area, severity, path, side, startLine, endLine, objects, title,
                explanation, checkBeforeAccepting, lints, newOrigin, formerIds, compiler);
    }

    /** This finding with what the compiler said about the same lines and concern. */
    public Finding withCompiler(List<CompilerFinding> said) {
        return new Finding(id, ruleId, area, severity, path, side, startLine, endLine, objects, title,
                explanation, checkBeforeAccepting, lints, origin, formerIds, said);
    }

    /** Whether the compiler or clippy alone found this (no rule did): it has no acknowledgement in the review. */
    public boolean compilerOnly() {
        return compiler.size() == 1 && compiler.get(0).id().equals(id);
    }

    /**
     * Who found it: {@code AL1}, {@code AL1 + clippy::await_holding_lock}, {@code clippy::needless_return},
     * {@code rustc E0308}.
     */
    public String sourceLabel() {
        StringBuilder sb = new StringBuilder(compilerOnly() ? "" : ruleId);
        for (CompilerFinding c : compiler) {
            sb.append(sb.isEmpty() ? "" : " + ").append("rustc".equals(c.source()) ? "rustc " + c.ruleId() : c.ruleId());
        }
        return sb.toString().replace("rustc rustc", "rustc");
    }

    /** Whether the finding's lines overlap {@code [from, to]} on {@code onSide}. */
    public boolean overlaps(Side onSide, int from, int to) {
        return side == onSide && startLine <= to && endLine >= from;
    }
}
