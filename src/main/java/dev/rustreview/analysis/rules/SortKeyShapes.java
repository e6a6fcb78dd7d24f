package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Side;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PN5 shape: {@code sort_by_cached_key(|s| s.key())} replaced by a comparator that calls {@code key()} on both
 * sides of every comparison (or by {@code sort_by_key}, which also calls it per comparison). The cached form computes each element's key once; the comparator computes it anew
 * per comparison, and a key that reads the clock or other changing state gives the same element different keys
 * within one sort. Since Rust 1.81 the standard sorts may panic when the order they are given is not total.
 * hickory-dns dbbd8be3 reversed: servers sorted by an SRTT that decays with the current time.
 */
final class SortKeyShapes {

    private static final Pattern CACHED = Pattern.compile(
            "\\.\\s*sort_by_cached_key\\s*\\(\\s*\\|\\s*&?\\s*(\\w+)\\s*\\|[^|]*?\\b\\1\\s*\\.\\s*(\\w+)\\s*\\(");
    private static final Pattern COMPARATOR = Pattern.compile(
            "\\.\\s*(?:sort_by|sort_unstable_by|sort_by_key|sort_unstable_by_key)\\s*\\(\\s*\\|\\s*&?\\s*(\\w+)\\s*[,|]");

    private SortKeyShapes() {
    }

    static void cachedKeyRecomputed(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                                    List<PanickingTwinAdded.Line> added, List<Finding> out) {
        for (PanickingTwinAdded.Line r : removed) {
            Matcher m = CACHED.matcher(r.text());
            if (!m.find()) {
                continue;
            }
            String key = m.group(2);
            for (PanickingTwinAdded.Line a : added) {
                Matcher c = COMPARATOR.matcher(a.text());
                if (a.text().length() > PanickingTwinAdded.MAX_LINE || !c.find()
                        || !Pattern.compile("\\b" + Pattern.quote(c.group(1)) + "\\s*\\.\\s*" + Pattern.quote(key)
                        + "\\s*\\(").matcher(a.text()).find(c.end())) {
                    continue;
                }
                String fn = pair.now().name();
                out.add(FindingBuilder.lines(PanickingTwinAdded.INFO, file, Side.NEW, a.number(), a.last())
                        .object("`" + fn + "`").object("sort_by_cached_key -> comparator")
                        .title("`" + key + "()` is computed in every comparison, not once per element, in `" + fn + "`")
                        .explanation("Before the change `" + fn + "` sorted with `sort_by_cached_key`, which computes "
                                + "each element's `" + key + "()` once. The comparator that replaces it calls `" + key
                                + "()` on both sides of every comparison: if the key reads the clock, a counter or "
                                + "anything else that moves, one element gets different keys within one sort, the "
                                + "order is not total, and since Rust 1.81 the standard sorts may panic on that.")
                        .check("Check that `" + key + "()` returns the same value for an element every time it is "
                                + "called during the sort; if it depends on time or shared state, keep "
                                + "`sort_by_cached_key`.")
                        .build());
                return;
            }
        }
    }
}
