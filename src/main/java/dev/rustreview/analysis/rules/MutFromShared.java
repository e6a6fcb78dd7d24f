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
 * US9: a fn that is given only shared references returns a mutable one, made by unsafe code. Two calls with the same
 * {@code &self} then hold two {@code &mut} to one value, which is undefined behaviour however the caller uses them
 * (futures-intrusive's {@code LinkedList::peek_first(&self) -> Option<&mut ListNode<T>>}, #63). Clippy's
 * {@code mut_from_ref} is the same check and is deny-by-default; code that compiles with it has usually silenced
 * it. An {@code unsafe fn} states a contract for its caller (only one such reference at a time), so it is medium;
 * a safe fn cannot ask its callers for anything and is high.
 */
public final class MutFromShared implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("US9", RiskArea.UNSAFE, Severity.HIGH, "`&mut` handed out from `&self`",
            "A non-test fn whose signature the change adds or edits, that takes shared references (`&self`, `&T`) "
                    + "and no mutable one, returns a type holding `&mut` (`&mut T`, `Option<&mut T>`), and has "
                    + "`unsafe` code in its body; medium for an `unsafe fn`; and a fn whose `&mut` parameter the change "
                    + "makes shared while it keeps unsafe code and returns a mutable view (a `*Mut` type, also as `Self`).",
            "It reads the signature as text: a `&mut` reached through a type alias is not seen, and a mutable "
                    + "reference to memory each call makes fresh is sound; only fns named `*alloc*` (arenas) and fns "
                    + "that consume `self` are taken to do that.",
            "mut_from_ref");

    private static final Pattern FN_NAME = Pattern.compile("\\bfn\\s+\\w+\\s*");
    private static final Pattern MUT_REF = Pattern.compile("&\\s*(?:'\\w+\\s+)?mut\\b");
    private static final Pattern SHARED_REF = Pattern.compile("&\\s*(?:'\\w+\\s*)?(?!mut\\b)[\\w(\\[]");
    private static final Pattern CLOSURE_ARGS = Pattern.compile("\\bFn(?:Mut|Once)?\\s*\\([^()]*\\)");
    /** {@code self}, {@code mut self}, {@code self: Box<Self>}: the fn consumes its owner, so the result can be unique. */
    private static final Pattern SELF_BY_VALUE = Pattern.compile("^\\s*(?:mut\\s+)?self\\b(?!\\s*:\\s*&)");
    private static final Pattern UNSAFE_BLOCK = Pattern.compile("\\bunsafe\\s*\\{");
    private static final Pattern UNSAFE_FN = Pattern.compile("\\bunsafe\\b[^{;(]*\\bfn\\b");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<ItemOutline.Item> changed = ItemOutline.changedFns(file);
        if (changed.isEmpty()) {
            return List.of();
        }
        ItemOutline after = ItemOutline.after(file);
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.Item fn : changed) {
            int headerLine = after.headerLine(fn);
            if (!file.anyAdded(headerLine, after.line(fn.bodyStart()))) {
                continue; // only the body changed: the signature is not this change's
            }
            Signature sig = signature(fn.header());
            if (sig != null && mutParameterDropped(file, fn, sig, after)) {
                out.add(droppedFinding(file, fn, headerLine));
                continue;
            }
            // An arena's allocation returns `&mut` to fresh memory on every call: the one sound use of the shape.
            if (sig == null || fn.name().contains("alloc") || SELF_BY_VALUE.matcher(sig.params()).find() || !MUT_REF.matcher(sig.returns()).find() || MUT_REF.matcher(sig.params()).find()
                    || !SHARED_REF.matcher(sig.params()).find() || !UNSAFE_BLOCK.matcher(after.body(fn)).find()
                    && !UNSAFE_FN.matcher(fn.header()).find()) {
                continue;
            }
            boolean unsafeFn = UNSAFE_FN.matcher(fn.header()).find();
            String returns = RuleSupport.shorten(sig.returns().strip());
            Finding f = FindingBuilder.lines(INFO, file, Side.NEW, headerLine, headerLine)
                    .object("`" + fn.name() + "`").object("-> " + returns)
                    .title("`" + fn.name() + "` takes shared references and returns `" + returns + "`")
                    .explanation("`" + fn.name() + "` gets only shared references, so any number of callers can call "
                            + "it at once (two calls with the same `&self` are fine to the compiler), and each gets a "
                            + "`&mut` made by unsafe code. Two live `&mut` to one value are undefined behaviour even "
                            + "if neither is written through; the optimiser assumes they do not alias."
                            + (unsafeFn ? " As an `unsafe fn` it puts that on its callers: its `# Safety` section "
                            + "must say that only one such reference may exist at a time, and every caller must "
                            + "keep to it." : ""))
                    .check(unsafeFn ? "Check that the `# Safety` section forbids a second call while a returned "
                            + "reference lives, and that each caller keeps to it; otherwise take `&mut self`."
                            : "Take `&mut self` (or return `&T`, a guard type, or a raw pointer), so the borrow "
                            + "checker keeps the reference unique.")
                    .build();
            out.add(unsafeFn ? f.withSeverity(Severity.MEDIUM) : f);
        }
        return out;
    }

    private record Signature(String params, String returns) {
    }

    /** The parameter list and the return type (up to a {@code where} clause) of a fn header, or null. */
    private static Signature signature(String header) {
        Matcher name = FN_NAME.matcher(header);
        if (!name.find()) {
            return null;
        }
        int at = name.end();
        if (at < header.length() && header.charAt(at) == '<') {
            at = ItemOutline.skipAngles(header, at);
        }
        int open = header.indexOf('(', at);
        if (open < 0) {
            return null;
        }
        int close = RuleSupport.closing(header, open, '(', ')');
        if (close >= header.length()) {
            return null;
        }
        String rest = header.substring(close + 1);
        int arrow = rest.indexOf("->");
        if (arrow < 0) {
            return null;
        }
        String returns = rest.substring(arrow + 2);
        Matcher where = Pattern.compile("\\bwhere\\b").matcher(returns);
        if (where.find()) {
            returns = returns.substring(0, where.start());
        }
        // A closure type's arguments (`impl FnOnce(&mut T)`) are not references the fn takes or returns.
        return new Signature(CLOSURE_ARGS.matcher(header.substring(open + 1, close)).replaceAll("Fn"),
                CLOSURE_ARGS.matcher(returns).replaceAll("Fn"));
    }

    private static final java.util.regex.Pattern MUT_NAMED = java.util.regex.Pattern.compile("\\b\\w*Mut\\b");

    /**
     * The same fn took a {@code &mut} parameter before the change and takes only shared ones now, has unsafe code,
     * and returns a mutable view (a type named {@code *Mut}, also as {@code Self} of an impl for one): bevy ad15fdaa
     * reversed turned {@code From<&mut EntityMutExcept>} into {@code From<&EntityMutExcept>} for a
     * {@code FilteredEntityMut}, a {@code &&mut} to {@code &mut} conversion.
     */
    private static boolean mutParameterDropped(ChangedFile file, ItemOutline.Item fn, Signature sig, ItemOutline after) {
        if (file.oldText() == null || MUT_REF.matcher(sig.params()).find() || !SHARED_REF.matcher(sig.params()).find()
                || !UNSAFE_BLOCK.matcher(after.body(fn)).find()) {
            return false;
        }
        boolean mutView = MUT_NAMED.matcher(sig.returns()).find()
                || sig.returns().strip().equals("Self") && MUT_NAMED.matcher(fn.key().replaceAll("::[^:]*$", "")).find();
        ItemOutline.Item was = ItemOutline.before(file).byKey(ItemOutline.Kind.FN).get(fn.key());
        Signature old = was == null ? null : signature(was.header());
        return mutView && old != null && MUT_REF.matcher(old.params()).find();
    }

    private static Finding droppedFinding(ChangedFile file, ItemOutline.Item fn, int headerLine) {
        return FindingBuilder.lines(INFO, file, Side.NEW, headerLine, headerLine)
                .object("`" + fn.name() + "`").object("&mut parameter made shared")
                .title("`" + fn.name() + "` now takes a shared reference where it took `&mut`")
                .explanation("Before the change `" + fn.name() + "` took a `&mut` parameter; now it takes a shared "
                        + "one and still builds a mutable view with unsafe code. Any number of shared references can "
                        + "exist at once, so two mutable views of one value can be made from them, which is undefined "
                        + "behaviour even before either is written through.")
                .check("Keep the `&mut` parameter, or make the result read-only.")
                .build();
    }
}
