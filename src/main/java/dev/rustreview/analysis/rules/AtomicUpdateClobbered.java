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
 * CC54: an atomic read-modify-write that changed some bits ({@code state.fetch_sub(WRITER, ..)}) replaced by a
 * {@code swap}/{@code store} of a constant on the same atomic, which overwrites the bits other threads own. mycelium
 * a4ae0295 reversed: {@code RwSpinlock::unlock_exclusive} cleared the writer bit with {@code fetch_sub(WRITER)};
 * {@code swap(UNLOCKED)} also wiped a reader's {@code fetch_add(2)} that was about to be undone, and that reader's
 * {@code fetch_sub(2)} then wrapped the state.
 */
public final class AtomicUpdateClobbered implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC54", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "atomic update replaced by a blind store",
            "In a non-test fn that stays (not `new` or `drop`), the change removes `a.fetch_sub(..)` (also "
                    + "`fetch_add`, `fetch_and`, `fetch_or`, `fetch_xor`) and adds `a.swap(C, ..)` or `a.store(C, ..)` "
                    + "of a constant (an upper-case name or a literal) on the same atomic, with no `.lock()`/`.write()` "
                    + "taken earlier in the fn.",
            "It does not know whether other threads update other bits of that atomic while this runs: a word only "
                    + "this fn's caller can touch makes the store harmless.");

    private static final String ATOMIC = "((?:self\\s*\\.\\s*)?[a-z_]\\w{0,40}(?:\\s*\\.\\s*[a-z_]\\w{0,40}){0,2})";
    private static final Pattern RMW = Pattern.compile("(?<![\\w.])" + ATOMIC
            + "\\s*\\.\\s*fetch_(sub|add|and|or|xor)\\s*\\(");
    private static final Pattern STORE = Pattern.compile("(?<![\\w.])" + ATOMIC
            + "\\s*\\.\\s*(swap|store)\\s*\\(\\s*((?:\\w+::)*[A-Z][A-Z0-9_]*|\\d[\\d_]*|true|false)\\s*,");

    private static final Pattern LOCKED = Pattern.compile("\\.\\s*(?:lock|write)\\s*\\(\\s*\\)");

    /**
     * Whether the fn takes a lock before the store's line: thingbuf's wait queue stores under its list lock, which
     * every other writer of the state also takes ("this can be relaxed because we're holding the lock").
     */
    private static boolean underLock(ItemOutline.FnPair pair, PanickingTwinAdded.Line store) {
        int upTo = pair.after().offset(store.number()) - pair.now().bodyStart();
        String body = pair.newBody();
        return upTo > 0 && LOCKED.matcher(body.substring(0, Math.min(upTo, body.length()))).find();
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || !file.oldText().contains("fetch_")) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String fn = pair.now().name();
            if (out.size() >= 8 || fn.equals("new") || fn.equals("drop")) {
                continue;
            }
            List<PanickingTwinAdded.Line> removed = PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed);
            List<PanickingTwinAdded.Line> added = PanickingTwinAdded.lines(pair.after(), pair.now(), file::added);
            // the stores of a constant the change adds, by atomic, read once (not once a removed update)
            java.util.Map<String, PanickingTwinAdded.Line> stores = new java.util.HashMap<>();
            for (PanickingTwinAdded.Line a : added) {
                Matcher now = STORE.matcher(a.text());
                if (now.find()) {
                    stores.putIfAbsent(now.group(1).replaceAll("\\s+", ""), a);
                }
            }
            if (stores.isEmpty()) {
                continue;
            }
            search:
            for (PanickingTwinAdded.Line r : removed) {
                Matcher was = RMW.matcher(r.text());
                while (was.find()) {
                    String atomic = was.group(1).replaceAll("\\s+", "");
                    PanickingTwinAdded.Line a = stores.get(atomic);
                    if (a != null && !underLock(pair, a)) {
                        Matcher now = STORE.matcher(a.text());
                        now.find();
                        String rmw = "fetch_" + was.group(2);
                        out.add(FindingBuilder.lines(INFO, file, Side.NEW, a.number(), a.number())
                                .object(fn).object(atomic + " " + rmw + " -> " + now.group(2))
                                .title("`" + atomic + "." + now.group(2) + "(" + now.group(3) + ", ..)` replaces `"
                                        + atomic + "." + rmw + "(..)` in `" + fn + "`")
                                .explanation("Before the change `" + fn + "` changed `" + atomic + "` with `" + rmw
                                        + "`, which keeps whatever other threads did to the rest of the value. `"
                                        + now.group(2) + "(" + now.group(3) + ")` writes the whole value: an update "
                                        + "another thread made between (a reader's count, a flag bit) is lost, and "
                                        + "that thread's later undo (`fetch_sub`) then wraps the value.")
                                .check("Keep the read-modify-write (`" + rmw + "`, or `fetch_and(!BIT)` to clear one "
                                        + "bit), unless no other thread can touch `" + atomic + "` while this runs.")
                                .build());
                        break search;
                    }
                }
            }
        }
        return out;
    }
}
