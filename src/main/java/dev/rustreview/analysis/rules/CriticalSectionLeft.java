package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.Node;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.analysis.RustTree;
import dev.rustreview.analysis.crate.FileView;
import dev.rustreview.analysis.crate.Locks;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CC44: statements that ran inside a critical section ({@code critical_section::with(|cs| ..)},
 * {@code interrupt::free}, a blocking mutex's {@code lock(|x| ..)}) run outside it after the change, while the fn
 * keeps the section. Embedded code has no other lock: between a check made outside and the section that acts on it an
 * interrupt handler (or the other core) can change the state. rtic e10866ff reversed: {@code if self.is_popped()
 * { return; }} moved in front of {@code cs::with}, so a link popped by an interrupt in between was unlinked twice;
 * rtic 0a01fde4 reversed: the wait queue was popped and woken after the section that freed the slot. A lock guard
 * bound by {@code let} is such a section too, from its statement to its {@code drop} or the end of its block:
 * nativelink 41c77898 reversed dropped a watch receiver before taking the write lock under which the map counted the
 * receivers left, so a subscriber arriving in between was removed with the entry. Where a guard is alive is the
 * crate model's answer on both sides: the old side is read through a view of its text as a lone file.
 */
public final class CriticalSectionLeft implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC44", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "statement moved out of a critical section or lock",
            "In a non-test fn that stays and still enters a critical section (`critical_section::with(|cs| ..)`, "
                    + "`cs::with`, `interrupt::free`, `free(|cs| ..)`, a blocking mutex's `.lock(|x| ..)`, or a lock "
                    + "guard that outlives its statement, where the crate model says it is alive: bound by `let g = "
                    + "x.lock()` up to its `drop(g)` or the end of its block, or a `match`/`if let` scrutinee's), a "
                    + "line the "
                    + "change removes from inside such a section comes back, the same text, outside every section of "
                    + "the fn: a condition (`if`, `while`, `match`) or a call that is not logging or a bare "
                    + "`Ok(..)`/`Err(..)`/`Some(..)` (a `drop(x)` counts: dropping a receiver or a handle is an effect).",
            "It pairs lines by their text within one fn: a statement rewritten on the way out, or moved into a helper "
                    + "called outside the section, is not seen; whether the statement touches shared state is not "
                    + "checked.");

    /** The call that opens a section; its argument list (the closure) is the section. */
    private static final Pattern SECTION = Pattern.compile("(?:(?<![\\w.])(?:[A-Za-z_]\\w*\\s*::\\s*)*(?:critical_section"
            + "|cs|interrupt)\\s*::\\s*(?:with|free)|(?<![\\w.:])free|\\.\\s*lock)\\s*\\(\\s*(?=(?:move\\s*)?\\|)");
    private static final Pattern MEANINGFUL = Pattern.compile("^(?:\\}\\s*else\\s+)?(?:if|while|match)\\b|[\\w>)\\]]\\s*\\(");
    private static final Pattern TRIVIAL = Pattern.compile("^(?:return\\s+)?(?:Ok|Err|Some)\\s*\\([^;]*\\)[;,]?$"
            + "|^" + RuleSupport.LOG_MACRO);
    private static final int MAX_SECTIONS = 64;
    /** A borrow of a {@code RefCell} is a guard in the model, but one thread's: leaving it is no race. */
    private static final java.util.Set<String> BORROWS = java.util.Set.of("borrow", "borrow_mut", "try_borrow",
            "try_borrow_mut");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        String text = file.oldText();
        if (text == null || !(text.contains("::with") || text.contains("free") || text.contains("lock")
                || text.contains(".write(") || text.contains(".read("))) {
            return out;
        }
        Guards guards = null;
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            guards = guards != null ? guards : new Guards(file);
            List<int[]> before = sections(pair.oldBody());
            Held heldBefore = guards.held(guards.was, pair.before(), pair.was());
            if (before.isEmpty() && heldBefore.isEmpty()) {
                continue;
            }
            List<int[]> after = sections(pair.newBody());
            Held heldAfter = guards.held(guards.now, pair.after(), pair.now());
            if (after.isEmpty() && heldAfter.isEmpty()) {
                continue; // no section left: not a statement moved out of one
            }
            Map<String, int[]> movedOut = new HashMap<>();
            for (PanickingTwinAdded.Line r : PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed)) {
                String line = RuleSupport.squeezed(r.text().strip());
                if (!MEANINGFUL.matcher(line).find() || TRIVIAL.matcher(line).find() || movedOut.containsKey(line)) {
                    continue;
                }
                int kind = inside(before, pair.before().offset(r.number()) - pair.was().bodyStart());
                if (kind < 0 && heldBefore.alive(r.number())) {
                    kind = 1;
                }
                if (kind >= 0) {
                    movedOut.put(line, new int[] {r.number(), kind});
                }
            }
            if (movedOut.isEmpty()) {
                continue;
            }
            for (PanickingTwinAdded.Line a : PanickingTwinAdded.lines(pair.after(), pair.now(), file::added)) {
                String line = RuleSupport.squeezed(a.text().strip());
                int[] was = movedOut.get(line);
                if (was == null || inside(after, pair.after().offset(a.number()) - pair.now().bodyStart()) >= 0
                        || heldAfter.alive(a.number()) || heldAfter.unknown(a.number())) {
                    continue;
                }
                out.add(finding(file, pair.now().name(), a, line, was));
                break;
            }
        }
        return out;
    }

    private static Finding finding(ChangedFile file, String fn, PanickingTwinAdded.Line a, String line, int[] was) {
        String section = was[1] == 0 ? "the critical section" : "the lock";
        return FindingBuilder.lines(INFO, file, Side.NEW, a.number(), a.number())
                .object(fn).object("left the critical section: " + line)
                .title("`" + RuleSupport.shorten(a.text().strip()) + "` moved out of " + section + " in `" + fn + "`")
                .explanation("Before the change this ran inside " + section + " of `" + fn + "` (old line "
                        + was[0] + "); now it runs outside it, and the fn still takes it. Between the two "
                        + (was[1] == 0 ? "an interrupt handler or the other core" : "another thread or task")
                        + " can run: a check made out here can be stale when the protected code acts on "
                        + "it, and an update, drop or wake made out here races the code that holds it.")
                .check("Keep the statement inside " + section + " unless it touches nothing the other side "
                        + "shares; a check belongs with the action it guards.")
                .build();
    }

    /** The guards of one fn on one side, and its statements by first line (where they are asked about). */
    private record Held(FileView view, List<Locks.Held> guards, Map<Integer, Node> statements) {

        static final Held NONE = new Held(null, List.of(), Map.of());

        boolean isEmpty() {
            return guards.isEmpty();
        }

        /**
         * Whether the fn holds guards but no statement of its tree starts on {@code line}: a line inside a macro's
         * body ({@code select!}) is no node, so where its guards are alive cannot be told there (tokio's chat
         * example: a broadcast under a guard, inside a {@code select!} arm, read as outside every lock).
         */
        boolean unknown(int line) {
            return !guards.isEmpty() && !statements.containsKey(line);
        }

        /** Whether the statement starting on {@code line} runs while one of the guards is alive. */
        boolean alive(int line) {
            Node s = statements.get(line);
            if (s == null) {
                return false;
            }
            for (Locks.Held h : guards) {
                if (s.getStartByte() >= h.aliveFrom() && view.alive(h, s, true)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Where a lock guard is alive, on both sides of the change, as the crate model decides it: the new side's view
     * of the file, and a view of the old side (its text as a lone file, the way the base's findings read it).
     */
    private static final class Guards {
        final FileView was;
        final FileView now;

        Guards(ChangedFile file) {
            this.now = FileView.of(file).orElse(null);
            this.was = FileView.ofOldSide(file).orElse(null);
        }

        /** The guards of the fn {@code item} outlines in {@code view} (borrows of a cell left out), capped. */
        Held held(FileView view, ItemOutline outline, ItemOutline.Item item) {
            if (view == null) {
                return Held.NONE;
            }
            Node fn = view.fnHolding(outline.line(item.bodyStart())).orElse(null);
            if (fn == null) {
                return Held.NONE;
            }
            List<Locks.Held> guards = view.held(fn).stream().filter(h -> !BORROWS.contains(h.lock().method()))
                    .limit(MAX_SECTIONS).toList();
            if (guards.isEmpty()) {
                return Held.NONE;
            }
            Map<Integer, Node> statements = new HashMap<>();
            for (Node s : view.nav().findInFn(fn, STATEMENTS)) {
                statements.putIfAbsent(RustTree.startLine(s), s); // pre-order: the outermost statement first
            }
            return new Held(view, guards, statements);
        }
    }

    private static final String[] STATEMENTS = {"expression_statement", "let_declaration"};

    /**
     * The sections of a masked fn body as [start, end) offsets: the argument lists of the section calls (their
     * closures are the section; a guard's lifetime is the model's, see {@link Guards}).
     */
    private static List<int[]> sections(String body) {
        List<int[]> out = new ArrayList<>();
        Matcher m = SECTION.matcher(body);
        while (m.find() && out.size() < MAX_SECTIONS) {
            int open = body.lastIndexOf('(', m.end());
            out.add(new int[] {open, RuleSupport.closing(body, open, '(', ')'), 0});
        }
        return out;
    }

    /** The kind of the first section holding {@code at} (0 a section call, 1 a guard), or -1 when none does. */
    private static int inside(List<int[]> sections, int at) {
        for (int[] s : sections) {
            if (at > s[0] && at < s[1]) {
                return s[2];
            }
        }
        return -1;
    }
}
