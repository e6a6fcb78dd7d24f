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
 * SS21: the only store that tells a polling loop to stop is deleted. watchexec f85eefab reversed: the keyboard
 * source spawned a blocking reader that loops {@code while !cancel_clone.load(..)}, and the {@code close_r} branch of
 * its {@code select!} set {@code cancel.store(true, ..)}; with the store gone, the reader thread runs on after the
 * source is closed and the process hangs on quit.
 */
public final class StopFlagNoLongerSet implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("SS21", RiskArea.SHARED_STATE, Severity.MEDIUM, "stop flag no longer set",
            "In a non-test fn that stays, the change deletes `flag.store(true, ..)` on an atomic whose name says stop "
                    + "(`cancel`, `stop`, `shutdown`, `quit`, `exit`, `terminate`, `abort`, `closed`, `done`), or "
                    + "`flag.store(false, ..)` on one that says go on (`running`, `alive`, `active`), while the new file "
                    + "still loops on that flag or a clone of it (`while !cancel.load(..)`, `while !cancel_clone.load(..)`: "
                    + "a name that starts with the flag's) and stores that value into it nowhere.",
            "It follows the flag by name within the file: a flag set through another file or a helper that takes it "
                    + "as a parameter under another name is not seen.");

    private static final Pattern STORE = Pattern.compile("(?<![\\w.])((?:self\\s*\\.\\s*)?[A-Za-z_]\\w{0,40})\\s*\\.\\s*store\\s*"
            + "\\(\\s*(true|false)\\s*,");
    private static final Pattern STOP = Pattern.compile("(?i)cancel|stop|shutdown|quit|exit|terminat|abort|closed|done");
    private static final Pattern GO_ON = Pattern.compile("(?i)running|alive|active|keep_going");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || file.oldText() == null || !file.oldText().contains(".store(")) {
            return out;
        }
        String now = null;
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            if (out.size() >= 8) {
                break;
            }
            java.util.Set<String> seen = new java.util.HashSet<>(); // each flag and value read once a fn
            for (PanickingTwinAdded.Line r : PanickingTwinAdded.lines(pair.before(), pair.was(), file::removed)) {
                Matcher m = STORE.matcher(r.text());
                if (!m.find() || seen.size() >= 8 || !seen.add(m.group(1).replaceAll("\\s+", "") + m.group(2))) {
                    continue;
                }
                String flag = m.group(1).replaceAll("\\s+", "");
                String name = flag.substring(flag.lastIndexOf('.') + 1);
                boolean stop = m.group(2).equals("true");
                if (!(stop ? STOP : GO_ON).matcher(name).find()) {
                    continue;
                }
                now = now != null ? now : ItemOutline.after(file).masked();
                if (!polled(now, name, stop)) {
                    continue;
                }
                if (storedAnywhere(now, name, m.group(2))) {
                    movedIntoBranch(file, pair, r, flag, name, m.group(2)).ifPresent(out::add);
                    continue;
                }
                String fn = pair.now().name();
                out.add(FindingBuilder.lines(INFO, file, Side.OLD, r.number(), r.number())
                        .object(fn).object(name)
                        .title("`" + name + "` is no longer set to " + m.group(2) + " in `" + fn + "`: the loop that "
                                + "polls it never stops")
                        .explanation("The change deletes `" + flag + ".store(" + m.group(2) + ", ..)` (old line "
                                + r.number() + ") from `" + fn + "`, and nothing in the file stores " + m.group(2)
                                + " into `" + name + "` any more, while a loop still polls it. That loop (often a "
                                + "thread or blocking task) now runs until the process ends: a shutdown that hangs, "
                                + "or a thread that keeps a file, a terminal or a port after its owner is gone.")
                        .check("Keep the store on the path that ends the work, or show that the loop ends another way.")
                        .build());
                break;
            }
        }
        return out;
    }

    /**
     * The store moved from where it ran whatever happened into one branch (an arm of {@code select!} or
     * {@code match}, an {@code if}): watchexec f85eefab reversed set {@code cancel} only in the {@code close_r}
     * branch, so when the read loop ended first (the quit key) nothing stopped the blocking reader. Every store of
     * the new fn must sit in a branch; the blocks are read as the other guard rules read them ({@link Unguarded}).
     */
    private static java.util.Optional<Finding> movedIntoBranch(ChangedFile file, ItemOutline.FnPair pair,
            PanickingTwinAdded.Line r, String flag, String name, String value) {
        Unguarded.Blocks was = new Unguarded.Blocks(pair.before().masked(), pair.was().bodyStart(), pair.was().bodyEnd());
        if (!was.conditions(pair.before().offset(r.number())).isEmpty()) {
            return java.util.Optional.empty(); // it already ran under a condition
        }
        String path = String.join("\\s*\\.\\s*", java.util.Arrays.stream(flag.split("\\.")).map(Pattern::quote).toList());
        Pattern same = Pattern.compile("(?<![\\w.])" + path + "\\s*\\.\\s*store\\s*\\(\\s*" + value + "\\b");
        String masked = pair.after().masked();
        Unguarded.Blocks now = new Unguarded.Blocks(masked, pair.now().bodyStart(), pair.now().bodyEnd());
        Matcher m = same.matcher(masked).region(pair.now().bodyStart(), pair.now().bodyEnd());
        String branch = null;
        int at = -1;
        while (m.find()) {
            List<String> conditions = now.conditions(m.start());
            if (conditions.isEmpty()) {
                return java.util.Optional.empty(); // still stored whatever happens
            }
            if (at < 0) {
                at = m.start();
                branch = conditions.get(conditions.size() - 1);
            }
        }
        if (at < 0) {
            return java.util.Optional.empty(); // gone from the fn: another fn of the file stores it
        }
        int line = pair.after().line(at);
        String fn = pair.now().name();
        return java.util.Optional.of(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object(name + " moved into a branch")
                .title("`" + name + "` is now set to " + value + " only in one branch of `" + fn + "`: the loop that "
                        + "polls it may never stop")
                .explanation("Before the change `" + fn + "` ran `" + flag + ".store(" + value + ", ..)` whatever "
                        + "happened (old line " + r.number() + "). Now the store sits in one branch (`"
                        + RuleSupport.shorten(branch.strip()) + "`): when the fn leaves another way (the other "
                        + "`select!` branch finishing first, an early return), the loop that polls `" + name
                        + "` keeps running: a shutdown that hangs, or a thread that outlives its owner.")
                .check("Set the flag on every way out (after the `select!`, or in a guard that runs on drop).")
                .build());
    }

    /** Whether the new file still stores that value into the flag (or any field or clone of that name). */
    private static boolean storedAnywhere(String text, String name, String value) {
        return Pattern.compile("(?<![\\w])" + Pattern.quote(name) + "\\w*\\s*\\.\\s*store\\s*\\(\\s*" + value + "\\b")
                .matcher(text).find();
    }

    /** Whether a loop polls the flag or a clone of it: {@code while !cancel.load(..)}, {@code while running.load(..)}. */
    private static boolean polled(String text, String name, boolean stop) {
        return Pattern.compile("\\bwhile\\s+" + (stop ? "!\\s*" : "") + "(?:self\\s*\\.\\s*)?" + Pattern.quote(name)
                + "\\w*\\s*\\.\\s*load\\s*\\(").matcher(text).find();
    }
}
