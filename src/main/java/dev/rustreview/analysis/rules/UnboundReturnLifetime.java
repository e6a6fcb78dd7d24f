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
 * US15: a safe fn that borrows an argument returns a reference whose lifetime parameter no argument carries
 * ({@code fn get_mut<'a>(&mut self, k: &K) -> &'a mut V}). The caller picks {@code 'a}, so the result may outlive
 * the borrow of {@code self}: safe code keeps a {@code &mut} into the cache while it inserts, evicts or drops it.
 * Such a signature only compiles because unsafe code in the body (a raw pointer dereference, a transmute) made the
 * reference; lru-rs a615a5b2 is the reverse of its fix, which tied {@code 'a} to {@code &'a mut self}.
 */
public final class UnboundReturnLifetime implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("US15", RiskArea.UNSAFE, Severity.MEDIUM, "returned lifetime bound to no argument",
            "A non-test, safe fn whose header the change adds or edits declares a lifetime parameter (`<'a>`) that "
                    + "a reference in its return type uses (`&'a T`, `Option<&'a mut V>`) and none of its parameters or `where` clauses name, while it takes `self` "
                    + "or another argument by reference: the reference it returns is not tied to what it borrows; or a "
                    + "method on plain `&mut self` (not `next`) whose body has `unsafe` code returns `&'a mut T` itself, "
                    + "of a lifetime the fn does not declare (the impl's); or a fn in an inherent impl of `Type<'_, ..>` that "
                    + "takes a reference and no `self` and returns `Self` (a constructor whose value no argument's lifetime bounds).",
            "It reads the fn's own header: a shared reference with the impl's lifetime, or one tied through an associated type, is "
                    + "not seen, and it does not check that the body really derives the result from an argument (a "
                    + "leaked or `'static` value is sound).");

    private static final Pattern FN_NAME = Pattern.compile("\\bfn\\s+\\w+\\s*");
    private static final Pattern LIFETIME = Pattern.compile("'([a-z_]\\w*)\\b(?!')");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        List<ItemOutline.Item> fns = ItemOutline.changedFns(file);
        if (fns.isEmpty()) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        for (ItemOutline.Item fn : fns) {
            int line = after.headerLine(fn);
            if (!headerChanged(file, after, fn, line) || ItemOutline.isUnsafeFn(fn.header())) {
                continue;
            }
            String header = ItemOutline.plain(fn.header());
            String lifetime = unbound(header);
            // without unsafe code in the body the reference came out of the type soundly (`mem::take` of a
            // `&'a mut [T]` field, split and put back): only a body that builds it can alias
            String typeLifetime = lifetime == null && after.body(fn).contains("unsafe") ? mutableOutOfSelf(header) : null;
            if (typeLifetime != null) {
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(fn.name()).object("type lifetime '" + typeLifetime + " out of &mut self")
                        .title("`" + fn.name() + "` returns `&'" + typeLifetime + " mut` from `&mut self`: two calls "
                                + "give two live `&mut`")
                        .explanation("`'" + typeLifetime + "` is the type's own lifetime, not the borrow of `self`: "
                                + "each call of `" + fn.name() + "` hands out a mutable reference that lives as long "
                                + "as the data, while `self` is free again as soon as the call returns. Calling it "
                                + "twice gives two aliasing `&mut` to the same memory, which is undefined behaviour "
                                + "in safe code. Only unsafe code in the body can build such a reference (zlib-rs "
                                + "4a9d306d reversed: `WeakSliceMut::as_mut_slice`).")
                        .check("Return `&mut [T]` tied to the borrow of `self` (drop the `'" + typeLifetime
                                + "`), or take `self` by value if the reference should live as long as the data.")
                        .build());
            }
            String anonymous = lifetime == null && typeLifetime == null ? anonymousImplConstructor(after, fn, header) : null;
            if (anonymous != null) {
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(fn.name()).object("Self of '_ from a reference")
                        .title("`" + fn.name() + "` returns `Self` of `" + anonymous + "`, whose lifetime no argument carries")
                        .explanation("The impl is for `" + anonymous + "`: each use of `Self` in it has its own, "
                                + "unnamed lifetime, so `" + fn.name() + "` can return a value of any lifetime, `'static` "
                                + "included, whatever it borrowed. The compiler accepts that only when the type holds "
                                + "the lifetime as a marker (`PhantomData`, a raw pointer): the value can then outlive "
                                + "the allocator or buffer behind it, a use after free in safe code (oxc 7231d554 "
                                + "reversed: `Box::new_in(value, &allocator)` outlived its arena).")
                        .check("Name the lifetime on the impl and tie the argument to it (`impl<'a, T> " 
                                + anonymous.replace("'_", "'a") + " { fn " + fn.name() + "(.., x: &'a ..) -> Self }`).")
                        .build());
            }
            if (lifetime != null) {
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(fn.name()).object("unbound lifetime '" + lifetime)
                        .title("`" + fn.name() + "` returns a `'" + lifetime + "` reference that no argument carries")
                        .explanation("`'" + lifetime + "` is a lifetime parameter of `" + fn.name() + "` that appears "
                                + "in the return type but in none of the parameters, so the caller chooses it: the "
                                + "returned reference can outlive the borrow of `self` (or of the argument it came "
                                + "from). Safe code can then hold it across a call that moves, frees or hands out "
                                + "the same data mutably. The body can only build such a reference with unsafe code.")
                        .check("Tie `'" + lifetime + "` to the argument the result borrows from (`&'" + lifetime
                                + " mut self`), or make the fn `unsafe` and document what the caller must uphold.")
                        .build());
            }
        }
        return out;
    }

    private static final java.util.regex.Pattern ANONYMOUS_IMPL = java.util.regex.Pattern.compile(
            "^\\s*impl\\s*(?:<[^{]*?>)?\\s*([A-Z]\\w*\\s*<\\s*'_\\s*(?:,[^{]*)?>)\\s*(?:where\\b[^{]*)?$");
    private static final java.util.regex.Pattern SELF_PARAM = java.util.regex.Pattern.compile("\\(\\s*(?:&\\s*(?:'\\w+\\s+)?)?(?:mut\\s+)?self\\b");

    /**
     * The self type ({@code Box<'_, T>}) when {@code fn} sits in an inherent impl whose self type's first generic is
     * {@code '_}, takes no {@code self}, takes a reference and returns {@code Self}; else null.
     */
    private static String anonymousImplConstructor(ItemOutline outline, ItemOutline.Item fn, String header) {
        if (!header.matches("(?s).*->\\s*Self\\s*(?:where\\b.*)?") || SELF_PARAM.matcher(header).find()
                || !header.contains("&")) {
            return null;
        }
        for (ItemOutline.Item item : outline.items()) {
            if (item.kind() == ItemOutline.Kind.IMPL && item.bodyStart() <= fn.start() && fn.start() < item.bodyEnd()) {
                java.util.regex.Matcher m = ANONYMOUS_IMPL.matcher(ItemOutline.plain(item.header()).replace('\n', ' '));
                return m.matches() && !ItemOutline.plain(item.header()).contains(" for ") ? m.group(1).replaceAll("\\s+", " ") : null;
            }
        }
        return null;
    }

    /** Whether the change adds or edits a line of the fn's header (its keyword to its body). */
    private static boolean headerChanged(ChangedFile file, ItemOutline outline, ItemOutline.Item fn, int first) {
        int last = outline.line(fn.bodyStart());
        for (int line = first; line <= last; line++) {
            if (file.added(line)) {
                return true;
            }
        }
        return false;
    }

    /** The fn's lifetime parameter used only by its return type, when it borrows an argument; else null. */
    static String unbound(String header) {
        Matcher name = FN_NAME.matcher(header);
        if (!name.find() || name.end() >= header.length() || header.charAt(name.end()) != '<') {
            return null;
        }
        int generics = ItemOutline.skipAngles(header, name.end());
        int open = header.indexOf('(', generics);
        if (open < 0 || !header.substring(generics, open).isBlank()) {
            return null;
        }
        int close = RuleSupport.closing(header, open, '(', ')');
        if (close >= header.length()) {
            return null;
        }
        String params = header.substring(open + 1, close);
        String rest = header.substring(close + 1);
        int arrow = rest.indexOf("->");
        if (arrow < 0 || !params.contains("&")) {
            return null;
        }
        int where = rest.indexOf(" where ");
        String returned = where > arrow ? rest.substring(arrow + 2, where) : rest.substring(arrow + 2);
        String clauses = where > arrow ? rest.substring(where) : "";
        Matcher declared = LIFETIME.matcher(header.substring(name.end(), generics));
        while (declared.find()) {
            String l = declared.group(1);
            Pattern use = Pattern.compile("'" + Pattern.quote(l) + "\\b(?!')");
            // A reference (`&'a T`, `Option<&'a mut V>`), not a type with a lifetime parameter: `TaskMeta<'meta>`
            // may hold only a marker, so a caller-chosen lifetime there is often sound (tokio's task_meta).
            Pattern reference = Pattern.compile("&\\s*'" + Pattern.quote(l) + "\\b(?!')");
            if (!l.equals("static") && reference.matcher(returned).find() && !use.matcher(params).find()
                    && !use.matcher(clauses).find() && boundsOnlyItself(header.substring(name.end(), generics), l)) {
                return l;
            }
        }
        return null;
    }

    private static final Pattern MUT_SELF_FIRST = Pattern.compile("^\\s*&\\s*(?:'_\\s+)?mut\\s+self\\s*(?:,|$)");

    /**
     * A lifetime the fn does not declare (the impl's) used in a {@code &'a mut} of the return type of a method on
     * plain {@code &mut self}; null when there is none. A shared {@code &'a T} out of {@code &self} copies a
     * reference the type holds and is sound; a mutable one cannot be, since {@code &mut self} is released when the
     * call returns.
     */
    static String mutableOutOfSelf(String header) {
        Matcher name = FN_NAME.matcher(header);
        if (!name.find()) {
            return null;
        }
        int generics = name.end() < header.length() && header.charAt(name.end()) == '<'
                ? ItemOutline.skipAngles(header, name.end()) : name.end();
        int open = header.indexOf('(', generics);
        if (open < 0) {
            return null;
        }
        int close = RuleSupport.closing(header, open, '(', ')');
        if (close >= header.length()) {
            return null;
        }
        String params = header.substring(open + 1, close);
        String rest = header.substring(close + 1);
        int arrow = rest.indexOf("->");
        if (arrow < 0 || !MUT_SELF_FIRST.matcher(params).find() || header.substring(name.start()).startsWith("fn next")) {
            return null;
        }
        int where = rest.indexOf(" where ");
        String returned = where > arrow ? rest.substring(arrow + 2, where) : rest.substring(arrow + 2);
        // the return type itself, not an `Option<&'a mut T>`: an iterator's `next` hands out each element once
        Matcher ref = Pattern.compile("^\\s*&\\s*'([a-z_]\\w*)\\s+mut\\b").matcher(returned);
        String declared = header.substring(name.end(), generics);
        while (ref.find()) {
            String l = ref.group(1);
            Pattern use = Pattern.compile("'" + Pattern.quote(l) + "\\b(?!')");
            if (!l.equals("static") && !use.matcher(declared).find() && !use.matcher(params).find()) {
                return l;
            }
        }
        return null;
    }

    /** Whether the lifetime's own declaration has no outlives bound ({@code 'a: 'b} ties it to {@code 'b}). */
    private static boolean boundsOnlyItself(String generics, String lifetime) {
        return !Pattern.compile("'" + Pattern.quote(lifetime) + "\\s*:").matcher(generics).find()
                && !Pattern.compile(":\\s*(?:'\\w+\\s*\\+\\s*)*'" + Pattern.quote(lifetime) + "\\b(?!')").matcher(generics).find();
    }
}
