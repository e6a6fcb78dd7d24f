package dev.rustreview.model;

import java.util.List;

/**
 * A diagnostic that {@code cargo check} or {@code cargo clippy} gave on the head but not on the base, placed on a
 * changed hunk of the new side.
 *
 * @param id          short id, stable across rounds (from lint, path, item and the normalised message)
 * @param source      {@code rustc} or {@code clippy}
 * @param lint        the lint name without {@code clippy::} ({@code await_holding_lock}), an error code
 *                    ({@code E0308}), or empty when the compiler gave none
 * @param docUrl      the lint's or error code's documentation, empty when there is none
 * @param level       the compiler's level: {@code error} or {@code warning}
 * @param item        the enclosing item as written ({@code async fn run}), empty at top level
 * @param message     the compiler's one-line message
 * @param rendered    the compiler's full rendered text (capped), for the agent
 * @param suggestion  the compiler's suggested replacement code, null when it made none
 * @param ruleFindingIds rule findings on the same lines about the same concern ({@code AL1} for
 *                    {@code await_holding_lock}): shown as one finding with both sources
 */
public record CompilerFinding(
        String id,
        String source,
        String lint,
        String docUrl,
        String level,
        Severity severity,
        String path,
        int startLine,
        int endLine,
        String item,
        String message,
        String rendered,
        String suggestion,
        List<String> ruleFindingIds) {

    public CompilerFinding {
        ruleFindingIds = List.copyOf(ruleFindingIds);
    }

    public boolean isError() {
        return "error".equals(level);
    }

    /** {@code clippy::await_holding_lock}, {@code rustc E0308}: what to call the rule in exports. */
    public String ruleId() {
        if (lint.isEmpty()) {
            return source;
        }
        return "clippy".equals(source) ? "clippy::" + lint : lint;
    }
}
