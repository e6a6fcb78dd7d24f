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
 * PN9: the change takes {@code catch_unwind} out of a fn that stays. Whatever that fn runs (a user callback, a
 * closure handed in) can now panic through it: across an FFI boundary that is undefined behaviour before Rust
 * 1.81 and an abort after it, and in a worker or a callback dispatcher it takes the thread down. rusqlite a0b410eb
 * reversed: {@code init_auto_extension}, which SQLite's C code calls, ran the user's extension without it.
 */
public final class UnwindCatchRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("PN9", RiskArea.PANICS, Severity.MEDIUM, "catch_unwind removed",
            "In a non-test fn that stays, the change deletes a `catch_unwind` call (`std::panic::catch_unwind`, "
                    + "`AssertUnwindSafe(..).catch_unwind()`), the fn has fewer after it and calls no fn of the file that "
                    + "catches one (the catch moved to a helper); high when the fn is "
                    + "`extern` or returns a C type (`c_int`, `*mut ..`), where a panic cannot unwind into the caller.",
            "It counts calls by name: a `catch_unwind` moved to a helper in the same file that the fn calls (up to "
                    + "four calls deep) is followed, but one moved to another file or to the fn's callers reads as "
                    + "removed.",
            "panic_in_result_fn");

    private static final Pattern CATCH = Pattern.compile("\\bcatch_unwind\\b");
    private static final Pattern FOREIGN = Pattern.compile("\\bextern\\b|->\\s*(?:(?:std\\s*::\\s*)?(?:os\\s*::\\s*raw|ffi)"
            + "\\s*::\\s*|libc\\s*::\\s*)?(?:c_int|c_uint|c_long|c_void|c_char)\\b|->\\s*\\*\\s*(?:mut|const)\\b");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        java.util.Set<String> catchers = null; // the file's catching fns, found when first needed
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            if (!pair.oldBody().contains("catch_unwind")
                    || count(pair.newBody()) >= count(pair.oldBody())) {
                continue;
            }
            boolean removedHere = PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed).stream()
                    .anyMatch(l -> CATCH.matcher(l.text()).find());
            if (!removedHere) {
                continue;
            }
            if (catchers == null) {
                catchers = catchers(pair.after());
            }
            if (callsCatcher(pair, catchers)) {
                continue;
            }
            String fn = pair.now().name();
            boolean foreign = FOREIGN.matcher(ItemOutline.plain(pair.now().header())).find();
            int line = firstChange(file, pair);
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                    .severity(foreign ? Severity.HIGH : Severity.MEDIUM)
                    .object(fn).object("catch_unwind removed")
                    .title("`" + fn + "` no longer catches a panic with `catch_unwind`")
                    .explanation("Before the change `" + fn + "` ran part of its work inside `catch_unwind` and "
                            + "turned a panic into a value it could return. After it, a panic in that work (a user "
                            + "callback, a closure passed in) unwinds out of `" + fn + "`"
                            + (foreign ? ", which foreign code calls or whose C-shaped result it expects: unwinding "
                            + "into C is undefined behaviour (an abort since Rust 1.81)." : " into its caller: a "
                            + "dispatcher, a worker thread or an FFI trampoline that did not expect it."))
                    .check("Keep the `catch_unwind` (mapping the panic to an error) unless every caller of `" + fn
                            + "` now catches it; check where the code it wrapped went.")
                    .build());
        }
        return out;
    }

    /** Rounds of "calls a fn that catches": a call chain to the helper that now holds the catch_unwind. */
    private static final int MAX_DEPTH = 4;

    /**
     * The names of the file's fns that catch a panic themselves or call, by name and up to {@link #MAX_DEPTH}
     * calls deep, a fn that does: where a catch_unwind moved to (tokio's harness moved it from {@code poll} to
     * {@code poll_future}, which {@code poll} reaches through {@code poll_inner}).
     */
    private static java.util.Set<String> catchers(ItemOutline outline) {
        java.util.Map<String, String> bodies = new java.util.HashMap<>();
        for (ItemOutline.Item fn : outline.byKey(ItemOutline.Kind.FN).values()) {
            bodies.merge(fn.name(), outline.body(fn), (a, b) -> a + "\n" + b);
        }
        java.util.Set<String> out = new java.util.HashSet<>();
        bodies.forEach((name, body) -> {
            if (CATCH.matcher(body).find()) {
                out.add(name);
            }
        });
        for (int round = 0; round < MAX_DEPTH && !out.isEmpty(); round++) {
            java.util.Set<String> more = new java.util.HashSet<>();
            bodies.forEach((name, body) -> {
                if (!out.contains(name) && callsAny(body, out)) {
                    more.add(name);
                }
            });
            if (more.isEmpty()) {
                break;
            }
            out.addAll(more);
        }
        return out;
    }

    private static boolean callsCatcher(ItemOutline.FnPair pair, java.util.Set<String> catchers) {
        java.util.Set<String> others = new java.util.HashSet<>(catchers);
        others.remove(pair.now().name());
        return callsAny(pair.newBody(), others);
    }

    private static final Pattern CALL = Pattern.compile("\\b([a-z_]\\w*)\\s*(?:::\\s*<[^;{}]{0,200}?>\\s*)?\\(");

    private static boolean callsAny(String body, java.util.Set<String> names) {
        Matcher m = CALL.matcher(body);
        while (m.find()) {
            if (names.contains(m.group(1))) {
                return true;
            }
        }
        return false;
    }

    private static int count(String text) {
        Matcher m = CATCH.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** The first added line of the fn, or its header line when the change only deletes. */
    private static int firstChange(ChangedFile file, ItemOutline.FnPair pair) {
        List<PanickingTwinAdded.Line> added = PanickingTwinAdded.lines(pair.after(), pair.now(), file::added);
        return added.isEmpty() ? pair.after().line(pair.now().bodyStart()) : added.get(0).number();
    }
}
