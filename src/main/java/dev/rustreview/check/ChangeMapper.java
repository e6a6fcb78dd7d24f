package dev.rustreview.check;

import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.ClippyLint;
import dev.rustreview.model.CompilerFinding;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.Side;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares head's diagnostics with the base's and places the new ones on the change. A diagnostic is
 * introduced when its lint, file, item and normalised message are not among the base's (a base file renamed on
 * the branch counts under its new name). An introduced diagnostic whose primary line lies in a hunk's new-side
 * range becomes a finding; one elsewhere is only counted. Today the change is cut into git hunks; the same
 * line test places diagnostics on review units once those exist.
 */
final class ChangeMapper {

    /** The findings and the counts of what did not become one. */
    record Mapped(List<CompilerFinding> findings, int preExisting, int outsideChange) {
    }

    private ChangeMapper() {
    }

    static Mapped map(List<Diagnostic> head, List<Diagnostic> base, ChangeSet change, List<Finding> ruleFindings,
                      LintGroups groups) {
        Map<String, String> renamed = new HashMap<>();
        for (FileChange file : change.files()) {
            if (file.oldPath() != null && file.newPath() != null && !file.oldPath().equals(file.newPath())) {
                renamed.put(file.oldPath(), file.newPath());
            }
        }
        Set<String> baseKeys = new HashSet<>();
        for (Diagnostic d : base) {
            baseKeys.add(d.withPath(renamed.getOrDefault(d.path(), d.path())).key());
        }
        List<CompilerFinding> findings = new ArrayList<>();
        int preExisting = 0;
        int outside = 0;
        for (Diagnostic d : head) {
            if (baseKeys.contains(d.key())) {
                preExisting++;
            } else if (inChangedHunk(change, d.path(), d.line())) {
                findings.add(finding(d, groups, related(d, ruleFindings)));
            } else {
                outside++;
            }
        }
        findings.sort(Comparator.comparing((CompilerFinding f) -> !f.isError())
                .thenComparing(CompilerFinding::severity)
                .thenComparing(CompilerFinding::path)
                .thenComparingInt(CompilerFinding::startLine));
        return new Mapped(findings, preExisting, outside);
    }

    static boolean inChangedHunk(ChangeSet change, String path, int line) {
        for (FileChange file : change.files()) {
            if (path.equals(file.newPath())) {
                for (Hunk hunk : file.hunks()) {
                    if (hunk.newCount() > 0 && line >= hunk.newStart() && line < hunk.newStart() + hunk.newCount()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Rule findings on the same lines that name this clippy lint as their concern. */
    private static List<String> related(Diagnostic d, List<Finding> ruleFindings) {
        if (!d.isClippy()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (Finding f : ruleFindings) {
            if (f.path().equals(d.path()) && f.overlaps(Side.NEW, d.extentFrom(), d.extentTo())
                    && f.lints().stream().anyMatch(l -> l.name().equals(d.lintName()))) {
                ids.add(f.id());
            }
        }
        return ids;
    }

    private static CompilerFinding finding(Diagnostic d, LintGroups groups, List<String> related) {
        return new CompilerFinding(id(d), d.source(), d.lintName(), docUrl(d), d.level(), groups.severity(d), d.path(),
                d.line(), d.endLine(), d.item(), d.message(), d.rendered(), d.suggestion(), related);
    }

    static String docUrl(Diagnostic d) {
        String lint = d.lintName();
        if (lint.isEmpty()) {
            return "";
        }
        if (d.isClippy()) {
            return ClippyLint.of(lint).url();
        }
        if (lint.matches("E\\d{4}")) {
            return "https://doc.rust-lang.org/error_codes/" + lint + ".html";
        }
        String page = d.level().equals("error") ? "deny-by-default" : "warn-by-default";
        return "https://doc.rust-lang.org/rustc/lints/listing/" + page + ".html#" + lint.replace('_', '-');
    }

    private static String id(Diagnostic d) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(d.key().getBytes(StandardCharsets.UTF_8));
            return "C-" + java.util.HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
