package dev.rustreview.ui.app;

import dev.rustreview.model.Hunk;
import dev.rustreview.ui.navigator.HunkRef;
import dev.rustreview.ui.navigator.NavigatorModel;
import java.util.List;

/** Finds the unit an entry of the "changes since last review" summary stands for. */
final class SummaryEntries {

    private SummaryEntries() {
    }

    /**
     * The unit of {@code path} holding new-side {@code line}; for line 0 (the file's entry) its first unit in the
     * navigator's order; for a line between units the last unit starting before it. Null when the file has none.
     */
    static HunkRef unitAt(NavigatorModel navigator, String path, int line) {
        List<HunkRef> inFile = navigator.allHunks().stream().filter(r -> r.path().equals(path)).toList();
        if (inFile.isEmpty()) {
            return null;
        }
        if (line <= 0) {
            return navigator.visibleHunks().stream().filter(r -> r.path().equals(path)).findFirst()
                    .orElse(inFile.get(0));
        }
        HunkRef before = null;
        for (HunkRef ref : inFile) {
            Hunk h = navigator.entry(ref).map(e -> e.hunk()).orElse(null);
            if (h == null) {
                continue;
            }
            if (line >= h.newStart() && line < h.newStart() + Math.max(h.newCount(), 1)) {
                return ref;
            }
            if (h.newStart() <= line) {
                before = ref;
            }
        }
        return before != null ? before : inFile.get(0);
    }
}
