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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AP3: an exported macro's path that lost its {@code $crate::} prefix. A {@code #[macro_export]} macro expands in
 * the caller's crate, where a bare {@code dep::Type} resolves only if the caller depends on {@code dep} itself (and
 * a bare {@code Type} only if it is in scope there); {@code $crate::} names the defining crate wherever the macro
 * is used. The crate's own tests depend on everything, so they compile either way. ratatui 2e54d5e2 reversed:
 * {@code text!} stopped compiling in crates without a direct {@code ratatui_core} dependency.
 */
public final class MacroCratePathDropped implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AP3", RiskArea.API, Severity.MEDIUM, "`$crate::` dropped in an exported macro",
            "In a file with a `#[macro_export]` macro, the change removes a line that names `$crate::p` (a path) "
                    + "and adds one that names `p` without `$crate::` in front, where `p` has two segments or more (one "
                    + "finding for each first segment of `p`).",
            "It compares removed and added lines of the file by text, not macro by macro: a path moved out of a "
                    + "macro body into ordinary code, where no `$crate` is needed, is reported too.");

    private static final Pattern CRATE_PATH = Pattern.compile("\\$crate\\s*::\\s*((?:[A-Za-z_]\\w*\\s*::\\s*)*[A-Za-z_]\\w*)");
    private static final int MAX_FINDINGS = 4;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (!file.isRust() || file.oldText() == null || file.newText() == null
                || !file.oldText().contains("$crate") || !file.newText().contains("macro_export")) {
            return out;
        }
        String[] old = file.oldText().split("\n", -1);
        Set<String> paths = new LinkedHashSet<>();
        for (int i = 0; i < old.length; i++) {
            if (file.removed(i + 1)) {
                Matcher m = CRATE_PATH.matcher(old[i]);
                while (m.find()) {
                    String path = m.group(1).replaceAll("\\s+", "");
                    if (path.contains("::")) {
                        // one segment (`$crate::path(..)`) reads the same as a local of that name (warp b31f4082)
                        paths.add(path);
                    }
                }
            }
        }
        if (paths.isEmpty()) {
            return out;
        }
        String[] now = file.newText().split("\n", -1);
        Set<String> heads = new java.util.HashSet<>();
        for (String path : paths) {
            if (heads.contains(path.split("::")[0])) {
                continue;
            }
            Pattern bare = Pattern.compile("(?<![\\w$:])(?<!::\\s)" + Pattern.quote(path).replace("::", "\\E\\s*::\\s*\\Q")
                    + "(?!\\w)");
            for (int i = 0; i < now.length && out.size() < MAX_FINDINGS; i++) {
                if (file.added(i + 1) && bare.matcher(now[i]).find() && !now[i].contains("$crate::" + path)
                        && !now[i].trim().startsWith("//")) {
                    out.add(finding(file, path, i + 1));
                    heads.add(path.split("::")[0]);
                    break;
                }
            }
        }
        return out;
    }

    private static Finding finding(ChangedFile file, String path, int line) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(path)
                .title("`" + path + "` lost its `$crate::` prefix in an exported macro")
                .explanation("The line used to name `$crate::" + path + "`; now it names `" + path + "`. An "
                        + "exported macro expands in the crate that calls it, so the bare path resolves only where "
                        + "that crate has the same name in scope (its own dependency on the first segment, or an "
                        + "import); in every other user crate the macro stops compiling. This crate's own tests "
                        + "compile either way.")
                .check("Keep `$crate::` (re-export what the macro needs from this crate), and try the macro from a "
                        + "crate that depends only on this one.")
                .build();
    }
}
