package dev.rustreview.cli;

import dev.rustreview.model.CompilerCheck;
import dev.rustreview.model.CompilerFinding;
import java.io.PrintWriter;

/** The text form of a compiler check: how it ran, the counts, then each introduced finding, errors first. */
final class CheckText {

    private CheckText() {
    }

    static void print(CompilerCheck check, boolean reused, PrintWriter out) {
        out.println("cargo " + check.tool() + " on " + shortId(check.headCommit()) + " against merge-base "
                + shortId(check.baseCommit()) + ", " + (check.sandboxed()
                ? "sandboxed (bubblewrap: no network, only temporary copies writable), offline"
                : "NOT sandboxed (--no-sandbox), offline"));
        out.println("toolchain: " + check.toolchain() + "; lints: " + check.lints());
        for (String note : check.notes()) {
            out.println("note: " + note);
        }
        out.println(check.findings().size() + " introduced on the change (" + check.errors() + " errors), "
                + check.outsideChange() + " introduced outside the changed hunks, " + check.preExisting()
                + " already at the base; " + (reused ? "stored result, not rebuilt (--rebuild builds again)"
                : String.format(java.util.Locale.ROOT, "took %.1f s", check.millis() / 1000.0)));
        for (CompilerFinding f : check.findings()) {
            out.println();
            String rule = f.ruleId().isEmpty() ? f.source() : f.source() + " " + f.ruleId();
            out.println(f.level() + " [" + f.severity().label() + "] " + f.path() + ":" + f.startLine() + "  " + rule
                    + (f.item().isEmpty() ? "" : "  in " + f.item()));
            out.println("  " + f.message().replace("\n", "\n  "));
            if (!f.ruleFindingIds().isEmpty()) {
                out.println("  also found by rule finding " + String.join(", ", f.ruleFindingIds()));
            }
            if (f.suggestion() != null && !f.suggestion().isBlank()) {
                out.println("  suggested: " + f.suggestion().strip().replace("\n", "\n             "));
            }
            if (!f.docUrl().isEmpty()) {
                out.println("  " + f.docUrl());
            }
        }
    }

    private static String shortId(String id) {
        return id == null ? "none" : id.substring(0, Math.min(7, id.length()));
    }
}
