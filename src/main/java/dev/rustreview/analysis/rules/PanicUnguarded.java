package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PN3: a panic taken out of the condition that guarded it. The {@code assert!} that ran only while a flag said
 * the counter was still counted (tokio's blocking pool, #7922) now runs on every path: the panic site is old,
 * so the panic rule calls it pre-existing, but when it can fire is new.
 */
public final class PanicUnguarded extends GuardRemovedRule {

    static final RuleInfo INFO = RuleInfo.of("PN3", RiskArea.PANICS, Severity.MEDIUM, "panic taken out of its check",
            "An `assert!`/`assert_eq!`/`assert_ne!`/`panic!`/`unreachable!`/`unimplemented!`/`todo!`, `.unwrap()` or "
                    + "`.expect(..)` statement that sat inside an `if`/`else`/`match` arm of a non-test fn "
                    + "before the change and is unchanged but unconditional after it, with the condition's words gone "
                    + "from the fn; also an indexing statement (`let start = self.buffer[self.start];`) whose condition "
                    + "tested a count or emptiness (`if self.count > 0`, `!v.is_empty()`, `i < v.len()`); also "
                    + "`x.remove(k)`/`x.swap_remove(k)` of a field the file declares a `Slab` or `Vec` whose condition "
                    + "asked for that key (`x.contains(k)`, `k < x.len()`).",
            "It compares text, not meaning: a condition hoisted into the caller or replaced by one that always holds "
                    + "reads as removed; a guard reworded while the panic stays nested is not seen as removed.",
            "panic", "unwrap_used");

    private static final Pattern PANIC = Pattern.compile(
            "(?<![\\w:])(?:assert(?:_eq|_ne)?|panic|unreachable|unimplemented|todo)!\\s*\\("
                    + "|\\.\\s*(?:unwrap|expect)\\s*\\(");
    /** An index (not a range, not a type or pattern): {@code self.buffer[self.start]}, {@code v[i + 1]}. */
    private static final Pattern INDEX = Pattern.compile("(?<=[\\w)\\]])\\[(?![^\\]\\[]{0,80}\\.\\.)[^\\]\\[;]{1,80}\\]");
    /**
     * A removal that panics on a missing key or an index past the end ({@code Slab::remove}, {@code Vec::remove}):
     * the receiver's last segment in group 1, the key in group 2.
     */
    private static final Pattern REMOVAL = Pattern.compile(
            "(?<![\\w.])(?:[A-Za-z_]\\w*\\s*\\.\\s*){0,3}?([A-Za-z_]\\w*)\\s*\\.\\s*(?:remove|swap_remove)\\s*\\(\\s*&?\\s*([A-Za-z_][\\w.]{0,40})\\s*\\)");
    private static final Pattern RISKY = Pattern.compile(PANIC.pattern() + "|" + INDEX.pattern() + "|" + REMOVAL.pattern());
    /**
     * A condition that keeps an index in bounds: a count or length above zero, emptiness, a comparison with a length
     * (raft-rs e6d28ef0f reversed: {@code buffer[start]} read with no inflight entry after a shrink).
     */
    private static final Pattern BOUNDS = Pattern.compile("(?:>|!=)\\s*0\\b|>=\\s*1\\b|\\bis_empty\\s*\\(|\\.\\s*len\\s*\\(");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    Pattern risky() {
        return RISKY;
    }

    /** An index counts only where its condition kept it in bounds; other conditions say nothing about it. */
    @Override
    boolean reports(Unguarded.Site site) {
        if (PANIC.matcher(site.statement()).find()) {
            return true;
        }
        Matcher removal = REMOVAL.matcher(site.statement());
        if (removal.find() && !INDEX.matcher(site.statement()).find()) {
            return panickingRemoval(site, removal.group(1), removal.group(2));
        }
        return BOUNDS.matcher(site.condition()).find();
    }

    /**
     * Whether the removal panics when its key is gone: the receiver is declared a {@code Slab} or {@code Vec} in the
     * file, and the removed condition asked for that key ({@code if self.streams.contains(id)}, {@code i < v.len()}).
     * async-graphql aa1b2b61 reversed: unsubscribing from a stream that had already ended removed a vacant slab key.
     */
    private static boolean panickingRemoval(Unguarded.Site site, String receiver, String key) {
        String k = Pattern.quote(key);
        boolean asked = Pattern.compile("\\bcontains\\s*\\(\\s*&?\\s*" + k + "\\s*\\)|(?<![\\w.])" + k + "\\s*<\\s*[\\w.]*len\\s*\\(")
                .matcher(site.condition()).find();
        return asked && Pattern.compile("(?<![\\w.])" + Pattern.quote(receiver) + "\\s*:\\s*(?:[\\w:]*::)?(?:Slab|Vec)\\s*<")
                .matcher(site.pair().after().masked()).find();
    }

    @Override
    String title(Unguarded.Site site, String condition) {
        return "Panic in `" + site.fn().name() + "` no longer behind `" + condition + "`";
    }

    @Override
    String explanation(Unguarded.Site site, String condition) {
        return "Before the change, `" + RuleSupport.shorten(site.statement()) + "` ran only inside `" + condition
                + "`; the change removes that condition from `" + site.fn().name() + "`, so the panic can now fire on "
                + "paths where the condition was false (a counter decremented twice, a value that was only there in "
                + "one state).";
    }

    @Override
    String check(Unguarded.Site site, String condition) {
        return "Find the paths where `" + condition + "` was false and check that the panic cannot fire on them now, "
                + "or keep the condition.";
    }
}
