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
 * PN19: a vector made with {@code Vec::with_capacity(n)} and then written by index ({@code v[i] = x}). Capacity is
 * not length: the vector is empty, so the first indexed write panics, every time, however large {@code n} is.
 * ractor 2e9b0004 reversed: {@code multi_call} collected replies into {@code Vec::with_capacity(join_set.len())}
 * with {@code results[i] = ..} and panicked on every call with at least one actor.
 */
public final class EmptyVecIndexed implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("PN19", RiskArea.PANICS, Severity.MEDIUM, "empty vector written by index",
            "In a non-test fn the change touches, `let mut v = Vec::with_capacity(..)` (or `Vec::new()`, `vec![]`) "
                    + "followed in the same fn by an indexed write `v[i] = ..` (also `v[i] += ..`) with no call that "
                    + "gives the vector a length between them (`push`, `resize`, `resize_with`, `extend`, "
                    + "`extend_from_slice`, `insert`, `append`, `set_len`) and no reassignment of `v`, when the change "
                    + "adds the binding or the write, or removes such a call between them.",
            "It reads the fn as text from the binding to the first indexed write: a length given by a helper that "
                    + "takes `&mut v`, or a write in a branch the binding's length check guards, is not told apart.",
            "indexing_slicing");

    private static final Pattern EMPTY = Pattern.compile("\\blet\\s+mut\\s+([a-z_]\\w*)\\s*(?::\\s*Vec\\s*<[^=;]{0,80}>\\s*)?="
            + "\\s*(?:Vec\\s*(?:::\\s*<[^>]{0,60}>\\s*)?::\\s*(?:with_capacity\\s*\\([^;]{0,200}?\\)|new\\s*\\(\\s*\\))|vec!\\s*\\[\\s*\\])\\s*;");
    private static final String GROWERS = "push|resize|resize_with|extend|extend_from_slice|insert|append|set_len"
            + "|push_within_capacity|splice|clone_from|extend_from_within";

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || !file.newText().contains("Vec") && !file.newText().contains("vec!")) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        java.util.Map<String, ItemOutline.FnPair> pairs = new java.util.HashMap<>();
        ItemOutline.changedFnPairs(file).forEach(p -> pairs.put(p.now().key(), p));
        String masked = after.masked();
        for (ItemOutline.Item fn : ItemOutline.touchedFns(file)) {
            Matcher let = EMPTY.matcher(masked).region(fn.bodyStart(), fn.bodyEnd());
            while (let.find()) {
                String v = let.group(1);
                Pattern write = Pattern.compile("(?<![\\w.])" + v + "\\s*\\[[^\\]\\n]{1,80}\\]\\s*(?:[-+*/|&^]|<<|>>)?=(?!=)");
                Pattern grows = Pattern.compile("(?<![\\w.])" + v + "\\s*\\.\\s*(?:" + GROWERS + ")\\s*\\(|(?<![\\w.])" + v
                        + "\\s*=(?!=)|&\\s*mut\\s+" + v + "(?!\\w)");
                Matcher w = write.matcher(masked).region(let.end(), fn.bodyEnd());
                if (!w.find() || grows.matcher(masked).region(let.end(), w.start()).find()) {
                    continue;
                }
                int letLine = after.line(let.start());
                int writeLine = after.line(w.start());
                ItemOutline.FnPair pair = pairs.get(fn.key());
                boolean touched = file.added(letLine) || file.added(writeLine)
                        || pair != null && grewBetween(file, pair, v);
                if (touched) {
                    out.add(finding(file, fn.name(), v, masked.substring(let.start(), let.end()), letLine, writeLine));
                    break;
                }
            }
        }
        return out;
    }

    /** Whether the change removed a call that gave {@code v} a length ({@code v.resize_with(..)}). */
    private static boolean grewBetween(ChangedFile file, ItemOutline.FnPair pair, String v) {
        Pattern grows = Pattern.compile("(?<![\\w.])" + v + "\\s*\\.\\s*(?:" + GROWERS + ")\\s*\\(");
        for (PanickingTwinAdded.Line r : PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed)) {
            if (grows.matcher(r.text()).find()) {
                return true;
            }
        }
        return false;
    }

    private static Finding finding(ChangedFile file, String fn, String v, String let, int letLine, int writeLine) {
        return FindingBuilder.lines(INFO, file, Side.NEW, writeLine, writeLine)
                .object(fn).object(v).object("indexed write into an empty vector")
                .title("`" + v + "[..] = ..` in `" + fn + "` writes into a vector that is still empty")
                .explanation("`" + RuleSupport.shorten(let.replaceAll("\\s+", " ")) + "` (line " + letLine
                        + ") makes an empty vector: `with_capacity` reserves memory but the length stays 0. Nothing "
                        + "pushes to `" + v + "` or resizes it before line " + writeLine + " writes `" + v
                        + "[..]`, so that write is out of bounds and panics on the first element, on every call.")
                .check("Give the vector its length first (`" + v + ".resize_with(n, || ..)`, `vec![x; n]`) or "
                        + "collect in order with `push`.")
                .build();
    }
}
