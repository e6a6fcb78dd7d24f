package dev.rustreview.analysis;

import dev.rustreview.model.ChangeType;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.FileKind;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.LineKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the rules say about a file's merge-base version: the base text presented as if all of it were new, so
 * every rule reports everything it can see there. A finding of the change with the same key is pre-existing.
 */
final class BaseFindings {

    private BaseFindings() {
    }

    /** How often each finding key occurs at the base; empty when the file has no base side. */
    static Map<String, Integer> keys(ChangedFile changed, List<RiskRule> rules) {
        String text = changed.oldText();
        if (text == null || changed.change().changeType() == ChangeType.ADDED) {
            return Map.of();
        }
        ChangedFile base = wholeFile(changed.change(), text, changed.oldTree());
        FindingKeys keys = new FindingKeys(base);
        Map<String, Integer> out = new HashMap<>();
        for (RiskRule rule : rules) {
            try {
                for (Finding f : rule.check(base)) {
                    out.merge(keys.key(f), 1, Integer::sum);
                    keys.siteKey(f).ifPresent(site -> out.merge(site, 1, Integer::sum));
                    keys.unwrappedKey(f, true).ifPresent(bare -> out.merge(bare, 1, Integer::sum));
                }
            } catch (RuntimeException | StackOverflowError e) {
                // The head side already reported this rule's trouble; the base only refines origins.
            }
        }
        return out;
    }

    /** {@code text} as an added file at the change's path: every line is an added line of one hunk. */
    static ChangedFile wholeFile(FileChange change, String text, RustTree tree) {
        String[] split = text.split("\n", -1);
        int count = text.endsWith("\n") ? split.length - 1 : split.length;
        List<DiffLine> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add(new DiffLine(LineKind.ADDED, 0, i + 1, split[i], false, false));
        }
        FileChange all = new FileChange(null, change.path(), ChangeType.ADDED, 0, FileKind.NONE, change.oldKind(),
                null, change.oldBlobId(), -1, change.oldSize(), false, false, change.language(), change.encoding(),
                List.of(new Hunk(0, 0, 1, count, lines)));
        return new ChangedFile(all, null, text, null, tree);
    }
}
