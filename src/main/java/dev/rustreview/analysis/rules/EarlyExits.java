package dev.rustreview.analysis.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Early exits of a fn whose condition grew: an {@code if} whose block, after a few plain statements, leaves, and whose
 * top-level operands ({@code ||} alternatives for CC26, {@code &&} conjuncts for PN16) strictly contain those of an
 * exit the fn had before the change.
 */
final class EarlyExits {

    /** An {@code if} whose block, after a few plain statements, returns. */
    static final Pattern RETURNS = exit("return");
    /** An {@code if} whose block, after a few plain statements, returns, breaks or continues. */
    static final Pattern LEAVES = exit("(?:return|break|continue)");

    /**
     * A new exit ({@code start} and {@code conditionEnd} are offsets in the new body) with the operands of the old exit
     * it contains and the operands it adds.
     */
    record Grown(int start, int conditionEnd, Set<String> was, Set<String> added) {
    }

    private EarlyExits() {
    }

    private static Pattern exit(String keyword) {
        return Pattern.compile("(?<![\\w.])if\\s+([^{};]{1,400}?)\\s*\\{(?:[^{};]{0,200};){0,3}\\s*" + keyword + "\\b");
    }

    /** Every (new exit, old exit) pair where the new exit's operands strictly contain the old's, in new-body order. */
    static List<Grown> grown(ItemOutline.FnPair pair, Pattern exit, String operator) {
        List<Set<String>> before = new ArrayList<>();
        Matcher old = exit.matcher(pair.oldBody());
        while (old.find()) {
            before.add(RuleSupport.topLevelOperands(old.group(1), operator));
        }
        List<Grown> out = new ArrayList<>();
        Matcher m = exit.matcher(pair.newBody());
        while (m.find()) {
            Set<String> now = RuleSupport.topLevelOperands(m.group(1), operator);
            for (Set<String> was : before) {
                if (now.size() > was.size() && now.containsAll(was)) {
                    Set<String> added = new LinkedHashSet<>(now);
                    added.removeAll(was);
                    out.add(new Grown(m.start(), m.end(1), was, added));
                }
            }
        }
        return out;
    }
}
