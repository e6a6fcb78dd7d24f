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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CC15: the change weakens the memory ordering of an atomic operation that stays ({@code load(SeqCst)} to
 * {@code load(Acquire)}, a {@code compare_exchange} failure ordering from {@code Acquire} to {@code Relaxed}), or
 * deletes a {@code fence} from a fn that still uses atomics. An ordering is chosen for the operation it pairs
 * with in another thread, which the changed lines do not show; weakening one "because it looks enough" is how
 * lock-free code loses the happens-before it was proven with (arc-swap's debt protocol needed every one of its
 * SeqCst orderings). A reviewer should see each weakening and name the pair that still makes it correct.
 *
 * <p>Operations are matched across the sides by receiver text and method, in order; a fn whose count of one such
 * operation changed is left alone for that operation (which one became which is then a guess).
 *
 * <p>Its own id rather than a part of CC4: CC4 also reports the same line's lone {@code Relaxed} operation, and two
 * findings of one rule on one line are told apart only by their order, so a weakening found beside an existing
 * CC4 finding would have taken that finding's id (and its acknowledgement).
 */
public final class OrderingWeakened implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC15", RiskArea.CONCURRENCY, Severity.MEDIUM, "atomic ordering weakened",
            "In a non-test fn the change weakens the memory ordering of an atomic operation that stays (matched by "
                    + "receiver and method, in order: `load(SeqCst)` to `load(Acquire)`, `swap(AcqRel)` to "
                    + "`swap(Release)`, a `compare_exchange` failure ordering from `Acquire` to `Relaxed`), or deletes "
                    + "a `fence`/`compiler_fence` from a fn that still uses atomics, inline assembly (`asm!`) or "
                    + "volatile accesses.",
            "It cannot see the operation in another thread that the ordering pairs with, so it cannot tell a "
                    + "weakening that is still correct from one that is not; a fn whose number of such operations "
                    + "changed, and orderings passed through variables, are not compared.");

    /**
     * {@code recv.method(} for the atomic methods that take orderings. The receiver is a bounded run of word
     * characters and dots (unbounded, a long run backtracks quadratically; see StaleAtomicSnapshot), optional
     * because {@code slots[i].load(..)} has none the pattern can take.
     */
    private static final Pattern OP = Pattern.compile("(?:(?<![\\w.])([\\w.]{1,200})(?:\\(\\))?\\s*)?\\.\\s*("
            + "load|store|swap|compare_exchange(?:_weak)?|compare_and_swap|fetch_update|fetch_[a-z]+)\\s*\\("
            + "|(?<![\\w.])((?:compiler_)?fence)\\s*\\(");
    private static final Pattern ORDERING = Pattern.compile("\\b(Relaxed|Acquire|Release|AcqRel|SeqCst)\\b");
    /** Operations read per fn: a real fn has a handful, a fuzzed one thousands. */
    private static final int MAX_OPS = 256;

    /**
     * One atomic operation of a fn body: where its method name is (a chain puts the receiver lines above), its key,
     * and the orderings it passes in order.
     */
    private record Op(int offset, String key, String text, List<String> orderings) {
    }

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            Map<String, List<Op>> was = ops(pair.oldBody());
            Map<String, List<Op>> now = ops(pair.newBody());
            // A fence also orders memory around inline assembly and volatile accesses (x86_64's `sti`/`cli`
            // wrappers, 659c8712): a fn left with those still needs it.
            String hardware = now.isEmpty() ? hardware(pair.newBody()) : null;
            if (now.isEmpty() && hardware == null) {
                continue; // no atomics left: the fn was rewritten, not re-ordered
            }
            for (Map.Entry<String, List<Op>> entry : was.entrySet()) {
                List<Op> before = entry.getValue();
                List<Op> after = now.getOrDefault(entry.getKey(), List.of());
                if (before.size() == after.size()) {
                    for (int i = 0; i < before.size(); i++) {
                        weakened(file, pair, before.get(i), after.get(i), out);
                    }
                } else if (after.size() < before.size() && entry.getKey().endsWith("fence")) {
                    fenceRemoved(file, pair, before, hardware, out);
                }
            }
        }
        return out;
    }

    private static Map<String, List<Op>> ops(String body) {
        Map<String, List<Op>> out = new LinkedHashMap<>();
        Matcher m = OP.matcher(body);
        int n = 0;
        while (m.find() && n++ < MAX_OPS) {
            int open = m.end() - 1;
            int close = RuleSupport.closing(body, open, '(', ')');
            String args = body.substring(open + 1, Math.min(close, body.length()));
            List<String> orderings = new ArrayList<>();
            Matcher o = ORDERING.matcher(args);
            while (o.find()) {
                orderings.add(o.group(1));
            }
            if (orderings.isEmpty()) {
                continue;
            }
            String method = m.group(3) != null ? m.group(3) : m.group(2);
            String receiver = m.group(1) == null ? "" : m.group(1).replaceAll("\\s+", "");
            String key = m.group(3) != null ? method : receiver + "." + method;
            out.computeIfAbsent(key, k -> new ArrayList<>())
                    .add(new Op(m.start(m.group(3) != null ? 3 : 2), key, key + "(" + String.join(", ", orderings) + ")", orderings));
        }
        return out;
    }

    /** What an ordering guarantees, as bits: 1 acquire, 2 release, 4 the single total order of SeqCst. */
    private static int bits(String ordering) {
        return switch (ordering) {
            case "Acquire" -> 1;
            case "Release" -> 2;
            case "AcqRel" -> 3;
            case "SeqCst" -> 7;
            default -> 0;
        };
    }

    /**
     * The guarantees an ordering can give in this position: a load (or a CAS's failure ordering, which is the load
     * of a failed CAS) cannot release and a store cannot acquire, so {@code SeqCst} to {@code Relaxed} on a store
     * loses the release and the single order, not an acquire.
     */
    private static int meaningful(String key, int position) {
        String method = key.substring(key.lastIndexOf('.') + 1);
        if (method.equals("load") || (position == 1 && (method.startsWith("compare_exchange") || method.equals("fetch_update")))) {
            return ~2;
        }
        return method.equals("store") ? ~1 : ~0;
    }

    private static void weakened(ChangedFile file, ItemOutline.FnPair pair, Op was, Op now,
                                 List<Finding> out) {
        if (was.orderings().size() != now.orderings().size()) {
            return;
        }
        int lost = 0;
        for (int i = 0; i < was.orderings().size(); i++) {
            lost |= bits(was.orderings().get(i)) & ~bits(now.orderings().get(i)) & meaningful(was.key(), i);
        }
        int line = pair.after().line(pair.now().bodyStart() + now.offset());
        if (lost == 0 || !file.added(line)) {
            return;
        }
        String fn = pair.now().name();
        out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .severity(Severity.MEDIUM)
                .object(fn).object("ordering weakened " + was.text() + " to " + now.text())
                .title("Atomic ordering weakened: `" + was.text() + "` is now `" + now.text() + "`")
                .explanation("In `" + fn + "` the change turns `" + was.text() + "` into `" + now.text() + "` (line "
                        + line + "), so the operation no longer " + lostMeaning(lost) + " The ordering was chosen "
                        + "for an operation in another thread that these lines do not show; if that pairing still "
                        + "needs it, the code compiles and passes tests, and fails rarely on weakly ordered hardware "
                        + "(ARM) or under a compiler that reorders around it.")
                .check("Name the operation in another thread that this one synchronizes with, and check that the "
                        + "weaker ordering still gives it what it reads; keep the stronger ordering if unsure (loom "
                        + "can check the pair).")
                .build());
    }

    private static String lostMeaning(int lost) {
        List<String> parts = new ArrayList<>();
        if ((lost & 1) != 0) {
            parts.add("acquires (what another thread wrote before its Release may be unseen after it)");
        }
        if ((lost & 2) != 0) {
            parts.add("releases (writes made before it may not be visible to a thread that acquires it)");
        }
        if ((lost & 4) != 0) {
            parts.add("takes part in the single order of SeqCst operations (two threads that each store a flag "
                    + "and then load the other's can both see the old value)");
        }
        return String.join(", and no longer ", parts) + ".";
    }

    private static final Pattern ASM = Pattern.compile("(?<![\\w.])(?:(?:core|std)\\s*::\\s*arch\\s*::\\s*)?asm\\s*!");
    private static final Pattern VOLATILE = Pattern.compile("\\b(?:read|write)_volatile\\s*[(<:]");

    /** "inline assembly" or "volatile accesses" when the body has them, else null. */
    private static String hardware(String body) {
        if (ASM.matcher(body).find()) {
            return "inline assembly";
        }
        return VOLATILE.matcher(body).find() ? "volatile accesses" : null;
    }

    /** A fence deleted from a fn that still uses atomics, or (when {@code hardware} names them) asm or volatile. */
    private static void fenceRemoved(ChangedFile file, ItemOutline.FnPair pair, List<Op> before, String hardware,
                                     List<Finding> out) {
        for (Op fence : before) {
            int line = pair.before().line(pair.was().bodyStart() + fence.offset());
            if (!file.removed(line)) {
                continue;
            }
            String fn = pair.now().name();
            out.add(FindingBuilder.lines(INFO, file, Side.OLD, line, line)
                    .severity(Severity.MEDIUM)
                    .object(fn).object("fence removed " + fence.text())
                    .title("`" + fence.text() + "` removed from `" + fn + "`, which still uses "
                            + (hardware == null ? "atomics" : hardware))
                    .explanation(hardware == null ? "The change deletes `" + fence.text() + "` (old line " + line
                            + ") from `" + fn + "`, and the fn still performs atomic operations. A fence orders the "
                            + "Relaxed operations around it for the thread that pairs with it; without it, those "
                            + "operations may be seen out of order by the other thread."
                            : "The change deletes `" + fence.text() + "` (old line " + line + ") from `" + fn + "`, "
                            + "which still uses " + hardware + ". The fence kept the compiler (and, for `fence`, the "
                            + "CPU) from moving the memory accesses around it across that point; assembly declared "
                            + "`nomem` and volatile accesses do not order ordinary loads and stores by themselves, so "
                            + "a write meant to happen before interrupts are enabled (or after they are disabled) may "
                            + "now be moved to the other side.")
                    .check("Find the operation or fence in another thread that this fence paired with, and check "
                            + "that the remaining orderings still order what it needs (or keep the fence).")
                    .build());
            return;
        }
    }
}
