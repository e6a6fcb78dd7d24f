package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Side;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PN5 shape: {@code v.extend_from_slice(s)} replaced by {@code v.copy_from_slice(s)} where {@code v} is a
 * {@code Vec} the fn creates empty ({@code Vec::with_capacity(n)}, {@code Vec::new()}). A capacity is not a length:
 * {@code copy_from_slice} needs both slices the same length and panics on an empty {@code Vec} for any non-empty
 * source. lol-html cc5dbda6 reversed: the selector set's {@code resize} panicked as soon as it outgrew its inline
 * storage.
 */
final class CopyIntoEmptyShapes {

    private static final Pattern EXTEND = Pattern.compile("(?<![\\w.])([a-z_]\\w{0,40})\\s*\\.\\s*extend_from_slice\\s*\\(");

    private CopyIntoEmptyShapes() {
    }

    static void copyIntoEmpty(ChangedFile file, ItemOutline.FnPair pair, List<PanickingTwinAdded.Line> removed,
                              List<PanickingTwinAdded.Line> added, List<Finding> out) {
        int looked = 0;
        for (PanickingTwinAdded.Line r : removed) {
            Matcher was = EXTEND.matcher(r.text());
            if (!was.find() || looked++ >= 16) {
                continue;
            }
            String v = was.group(1);
            Pattern empty = Pattern.compile("\\blet\\s+mut\\s+" + v + "\\s*(?::[^=;]{1,60})?=\\s*(?:Vec\\s*(?:::\\s*<[^>]{1,40}>\\s*)?"
                    + "::\\s*(?:with_capacity\\s*\\(|new\\s*\\(\\s*\\))|vec!\\s*\\[\\s*\\])");
            if (!empty.matcher(pair.newBody()).find()) {
                continue;
            }
            Pattern copy = Pattern.compile("(?<![\\w.])" + v + "\\s*\\.\\s*copy_from_slice\\s*\\(");
            for (PanickingTwinAdded.Line a : added) {
                if (!copy.matcher(a.text()).find()) {
                    continue;
                }
                String fn = pair.now().name();
                out.add(FindingBuilder.lines(PanickingTwinAdded.INFO, file, Side.NEW, a.number(), a.number())
                        .object("`" + fn + "`").object(v + ".extend_from_slice -> copy_from_slice")
                        .title("`" + v + ".copy_from_slice(..)` replaces `" + v + ".extend_from_slice(..)` in `" + fn
                                + "`, on a `Vec` created empty")
                        .explanation("`" + v + "` is created empty in `" + fn + "` (a capacity is not a length), and `"
                                + "copy_from_slice` requires both sides to have the same length: it panics for any "
                                + "non-empty source. `extend_from_slice` appended instead.")
                        .check("Keep `extend_from_slice`, or size the `Vec` first (`resize`, `vec![0; n]`) and copy into "
                                + "a slice of the same length.")
                        .build());
                return;
            }
        }
    }
}
