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
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * US8: unsafe code keeps its shape but the bookkeeping of who owns the memory changes under it. Two shapes:
 *
 * <ul>
 *   <li>a fn that keeps {@code unsafe} code loses a {@code mem::forget}, {@code ManuallyDrop::new},
 *   {@code into_raw} or {@code Box::leak}: the value the unsafe code handed on (written into a buffer, stored as a
 *   raw pointer whose count is taken back later) is now also dropped here, a double drop or a use after free
 *   (arrayvec 29daea9: an element moved into the vector for zero-sized types; mio e72b475b: an {@code Arc} stored
 *   raw without the count it needs);</li>
 *   <li>a {@code Drop} impl that released memory by hand ({@code drop_in_place}, {@code dealloc},
 *   {@code Box::from_raw}, {@code from_raw}) is removed while its type stays: what it freed now leaks
 *   (thread_local a44b836).</li>
 * </ul>
 */
public final class OwnershipHandoffRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("US8", RiskArea.UNSAFE, Severity.MEDIUM, "ownership bookkeeping removed",
            "A `mem::forget`/`ManuallyDrop::new`/`into_raw`/`into_raw_fd`/`Box::leak` that the change deletes from a non-test fn "
                    + "that keeps its `unsafe` code (a block, or an `unsafe fn`) or that returns a raw pointer (`-> *const ..`) "
                    + "from an impl whose type the file gives a hand-written `impl Drop` (the fn is left with fewer of them), and a `Drop` impl that freed "
                    + "memory by hand (`drop_in_place`, `dealloc`, `from_raw`) removed while its type stays.",
            "It cannot tell whether the ownership moved elsewhere on purpose (a wrapper that forgets for the fn, a "
                    + "field whose own Drop now frees the memory).",
            "mem_forget");

    private static final Pattern HANDOFF = Pattern.compile(
            "\\b(?:mem\\s*::\\s*)?(forget|leak|into_raw(?:_parts|_fd|_handle|_socket)?)\\s*\\(|\\bManuallyDrop\\s*::\\s*(new)\\s*\\(");
    private static final Pattern RELEASE = Pattern.compile(
            "\\b(drop_in_place|dealloc|from_raw(?:_parts)?|from_raw_in)\\s*\\(");
    private static final Pattern UNSAFE = Pattern.compile("\\bunsafe\\s*\\{");
    private static final Pattern UNSAFE_FN = Pattern.compile("\\bunsafe\\b[^{;]*?\\bfn\\b");
    private static final Pattern RAW_RETURN = Pattern.compile("->\\s*\\*\\s*(?:const|mut)\\b");
    /** The self type of an inherent impl's fn key ({@code ::impl CSlice::into_ptr}). */
    private static final Pattern IMPL_TYPE = Pattern.compile("::impl\\s+(?:<[^>]*>\\s*)?(\\w+)(?:<[^>]*>)?::\\w+(?:#\\d+)?$");

    /** Whether the fn's own type (its impl's self type) has a hand-written {@code impl Drop} in the new file. */
    private static boolean ownTypeDrops(ChangedFile file, String key) {
        Matcher type = IMPL_TYPE.matcher(key);
        return type.find() && Pattern.compile("\\bimpl\\s*(?:<[^>{]*>)?\\s*Drop\\s+for\\s+" + Pattern.quote(type.group(1))
                + "\\b").matcher(file.newText()).find();
    }
    private static final Pattern DROP_KEY = Pattern.compile("::impl Drop for (\\w+)::drop(?:#\\d+)?$");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        if (!file.isRust() || file.oldText() == null || file.newText() == null || file.isTestPath()) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            handoffRemoved(file, pair, out);
        }
        releasingDropRemoved(file, out);
        return out;
    }

    private static void handoffRemoved(ChangedFile file, ItemOutline.FnPair pair, List<Finding> out) {
        String oldBody = pair.oldBody();
        String newBody = pair.newBody();
        // Unsafe code: a block, or the whole body of an `unsafe fn` (an unsafe context before edition 2024).
        boolean unsafeFnBefore = UNSAFE_FN.matcher(pair.was().header()).find();
        boolean unsafeFnNow = UNSAFE_FN.matcher(pair.now().header()).find();
        Matcher unsafeNow = UNSAFE.matcher(newBody);
        boolean blockNow = unsafeNow.find();
        // Or a fn that hands out a raw pointer of a value with a hand-written Drop (`fn into_ptr(self) -> *const u8`):
        // the pointer outlives the value only if the value is forgotten (x11rb 9a3c02c7 reversed: CSlice freed its
        // buffer at the end of into_ptr and the caller freed it again).
        boolean rawOut = RAW_RETURN.matcher(pair.now().header()).find() && RAW_RETURN.matcher(pair.was().header()).find()
                && ownTypeDrops(file, pair.now().key());
        if ((!(unsafeFnBefore || UNSAFE.matcher(oldBody).find()) || !(unsafeFnNow || blockNow)) && !rawOut) {
            return;
        }
        // One handoff swapped for another (ManuallyDrop::new for mem::forget) is not a removal: the fn must be left
        // with fewer of them.
        if (handoffs(newBody) >= handoffs(oldBody)) {
            return;
        }
        Set<String> gone = new LinkedHashSet<>();
        Matcher m = HANDOFF.matcher(oldBody);
        while (m.find()) {
            int line = pair.before().line(pair.was().bodyStart() + m.start());
            String call = m.group(1) != null ? m.group(1) : "ManuallyDrop::new";
            if (file.removed(line) && count(call, oldBody) > count(call, newBody)) {
                gone.add(call.equals("forget") ? "mem::forget" : call.equals("leak") ? "Box::leak" : call);
            }
        }
        if (gone.isEmpty()) {
            return;
        }
        int unsafeLine = blockNow ? pair.after().line(pair.now().bodyStart() + unsafeNow.start())
                : pair.after().headerLine(pair.now());
        String calls = "`" + String.join("`, `", gone) + "`";
        String name = pair.now().name();
        if (!blockNow && !unsafeFnNow) {
            int line = pair.after().headerLine(pair.now());
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                    .object("`" + name + "`").object("handoff removed: " + String.join(",", gone))
                    .title(calls + " removed from `" + name + "`, which hands out a raw pointer")
                    .explanation("`" + name + "` returns a raw pointer into a value of its own type, which this file "
                            + "gives a `Drop` impl. The change deletes " + calls + ", so the value is dropped when `" + name
                            + "` returns: its `Drop` frees what the pointer points at, and the caller gets a dangling "
                            + "pointer (a use after free, and a double free if the caller frees it too).")
                    .check("Forget the value (`mem::forget`, `ManuallyDrop`) before returning its pointer, as before.")
                    .build());
            return;
        }
        out.add(FindingBuilder.lines(INFO, file, Side.NEW, unsafeLine, unsafeLine)
                .object("`" + name + "`").object("handoff removed: " + String.join(",", gone))
                .title(calls + " removed from `" + name + "`, which keeps its `unsafe` code")
                .explanation("The change deletes " + calls + " from `" + name + "`, whose `unsafe` code (line "
                        + unsafeLine + (blockNow ? "" : ": an `unsafe fn`, all of it unsafe code") + ") is still there. Such a call hands a value's ownership to the unsafe side: "
                        + "the element written into a buffer, the reference count a raw pointer stands for. Without "
                        + "it the value is dropped here as well, so it is dropped twice or freed while the raw "
                        + "pointer still points at it.")
                .check("Find where the value's ownership goes after the unsafe code (a buffer, a raw pointer taken "
                        + "back later): if nothing else forgets it, keep the call.")
                .build());
    }

    private static void releasingDropRemoved(ChangedFile file, List<Finding> out) {
        ItemOutline before = ItemOutline.before(file);
        ItemOutline after = ItemOutline.after(file);
        Map<String, ItemOutline.Item> newFns = after.byKey(ItemOutline.Kind.FN);
        Map<String, ItemOutline.Item> newStructs = after.byKey(ItemOutline.Kind.STRUCT);
        for (ItemOutline.Item was : before.byKey(ItemOutline.Kind.FN).values()) {
            Matcher drop = DROP_KEY.matcher(was.key());
            if (!drop.find() || newFns.containsKey(was.key()) || before.inTest(was)) {
                continue;
            }
            Matcher frees = RELEASE.matcher(before.body(was));
            if (!frees.find() || !file.anyRemoved(before.headerLine(was), before.endLine(was))) {
                continue;
            }
            String owner = drop.group(1);
            String freed = frees.group(1);
            newStructs.values().stream().filter(s -> s.name().equals(owner)).findFirst().ifPresent(s -> out.add(
                    FindingBuilder.lines(INFO, file, Side.NEW, after.headerLine(s), after.headerLine(s))
                            .object("`" + owner + "`").object("releasing Drop removed")
                            .title("`Drop` of `" + owner + "`, which freed memory by hand, removed: values leak")
                            .explanation("Before the change `" + owner + "` had a `Drop` impl that called `" + freed
                                    + "`: its fields do not free that memory themselves (a `MaybeUninit`, a raw "
                                    + "pointer, an `UnsafeCell` of uninitialised data). The change removes the impl "
                                    + "and keeps the type, so every value it owned is leaked, and its destructors "
                                    + "(closing files, releasing locks) never run.")
                            .check("Check that a field's own `Drop` now frees what `" + freed + "` freed; if not, "
                                    + "keep the impl.")
                            .build()));
        }
    }

    private static int handoffs(String body) {
        return RuleSupport.count(HANDOFF, body);
    }

    private static int count(String call, String body) {
        return RuleSupport.count(Pattern.compile("\\b" + Pattern.quote(call) + "\\s*\\("), body);
    }
}
