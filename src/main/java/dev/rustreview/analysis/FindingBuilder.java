package dev.rustreview.analysis;

import dev.rustreview.model.Finding;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;

/** Assembles a {@link Finding} for a rule; the analyzer assigns its stable id later. */
public final class FindingBuilder {

    private final RuleInfo rule;
    private final String path;
    private Side side = Side.NEW;
    private int startLine;
    private int endLine;
    private Severity severity;
    private final List<String> objects = new ArrayList<>();
    private String title = "";
    private String explanation = "";
    private String check = "";

    private FindingBuilder(RuleInfo rule, String path) {
        this.rule = rule;
        this.path = path;
        this.severity = rule.severity();
    }

    /** A finding of {@code rule} on the new-side lines that {@code node} covers. */
    public static FindingBuilder at(RuleInfo rule, ChangedFile file, Node node) {
        return lines(rule, file, Side.NEW, RustTree.startLine(node), RustTree.endLine(node));
    }

    /** A finding of {@code rule} on an explicit line range of one side. */
    public static FindingBuilder lines(RuleInfo rule, ChangedFile file, Side side, int startLine, int endLine) {
        FindingBuilder b = new FindingBuilder(rule, file.path());
        b.side = side;
        b.startLine = startLine;
        b.endLine = Math.max(startLine, endLine);
        return b;
    }

    public FindingBuilder severity(Severity value) {
        this.severity = value;
        return this;
    }

    public FindingBuilder object(String value) {
        objects.add(value);
        return this;
    }

    public FindingBuilder title(String value) {
        this.title = value;
        return this;
    }

    public FindingBuilder explanation(String value) {
        this.explanation = value;
        return this;
    }

    public FindingBuilder check(String value) {
        this.check = value;
        return this;
    }

    public Finding build() {
        return new Finding(null, rule.id(), rule.area(), severity, path, side, startLine, endLine, objects, title,
                explanation, check, rule.lints());
    }
}
