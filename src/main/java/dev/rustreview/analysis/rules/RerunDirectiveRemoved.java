package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BD4: a {@code cargo:rerun-if-changed} (or {@code -env-changed}) directive deleted. Once a build script prints any
 * rerun directive, Cargo reruns it only when a named input changes; an input that loses its directive is no longer
 * watched, and the generated code goes stale after it is edited, silently, until a clean build. The directive may
 * live in a library that build scripts call (volo-build's config builder, volo 015a9bad reversed: edits to
 * {@code volo.yml} stopped regenerating the services).
 */
public final class RerunDirectiveRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("BD4", RiskArea.BUILD, Severity.MEDIUM, "rerun directive removed",
            "In a Rust file that stays (a build script, or code build scripts call), the change deletes a line that "
                    + "prints `cargo:rerun-if-changed=..` or `cargo:rerun-if-env-changed=..` (or the `cargo::` form), "
                    + "the file no longer prints that directive with the same argument, and the change adds no rerun "
                    + "directive to the file.",
            "It reads the file's text: a directive moved to another file, or an input Cargo watches anyway (the "
                    + "script prints no directive at all, so Cargo reruns it on any change in the package), reads as "
                    + "removed.");

    private static final Pattern DIRECTIVE = Pattern.compile("cargo::?(rerun-if-(?:env-)?changed)\\s*=([^\"]*)\"([^;]*)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (!file.isRust() || file.oldText() == null || file.newText() == null || !file.oldText().contains("rerun-if")) {
            return out;
        }
        String[] now = file.newText().split("\n", -1);
        java.util.Set<String> kept = new java.util.HashSet<>();
        for (int i = 0; i < now.length; i++) {
            Matcher d = DIRECTIVE.matcher(now[i]);
            while (d.find()) {
                if (file.added(i + 1)) {
                    return out; // a directive rewritten or replaced: the change is about what to watch
                }
                kept.add(key(d));
            }
        }
        String[] old = file.oldText().split("\n", -1);
        for (int i = 0; i < old.length && out.size() < 4; i++) {
            if (!file.removed(i + 1)) {
                continue;
            }
            Matcher d = DIRECTIVE.matcher(old[i]);
            if (d.find() && !kept.contains(key(d))) {
                String args = d.group(3).strip().replaceFirst("^,\\s*", "").replaceFirst("\\)\\s*$", "").strip();
                String what = RuleSupport.shorten(d.group(1) + "=" + d.group(2)) + "`"
                        + (args.isEmpty() ? "" : " (`" + RuleSupport.shorten(args) + "`)");
                out.add(FindingBuilder.lines(INFO, file, Side.OLD, i + 1, i + 1)
                        .object(key(d))
                        .title("`cargo:" + what + " no longer printed")
                        .explanation("The change deletes the directive that told Cargo to rerun the build script when "
                                + "this input changes. A build script that prints any rerun directive is rerun only "
                                + "for the inputs it names, so after this change an edit to that input no longer "
                                + "regenerates what the script builds from it: the crate compiles against stale "
                                + "output until a clean build.")
                        .check("Keep the directive, or show where it is printed now (or that the input is gone).")
                        .build());
            }
        }
        return out;
    }

    /** The directive and its argument, blanks squeezed: {@code cargo:} and {@code cargo::} forms are one key. */
    private static String key(Matcher d) {
        return (d.group(1) + "=" + d.group(2) + "|" + d.group(3)).replaceAll("\\s+", "");
    }
}
