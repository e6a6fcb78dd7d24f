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
 * CC32: a child process's two output pipes read one after the other. {@code child.stdout.take().unwrap()
 * .read_to_end(&mut out)?; child.stderr.take().unwrap().read_to_end(&mut err)?;} blocks on stdout until the child
 * closes it, while the child blocks writing stderr once that pipe's buffer (64 KiB on Linux) is full: neither moves,
 * and the build hangs (cc-rs 0a1bc193 reversed: a compiler that warned a lot hung `detect_family`).
 */
public final class PipesReadInTurn implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC32", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "child's stdout and stderr read one after the other",
            "A line the change adds to a non-test fn reads one of a child process's pipes to its end "
                    + "(`child.stdout.take().unwrap().read_to_end(..)`, also `read_to_string`, through `as_mut()` "
                    + "or a `let` of the pipe) and the same fn reads the other pipe of the same child to its end "
                    + "after it, on the same thread: a child that fills the second pipe blocks while the fn waits "
                    + "for the first to close, a deadlock.",
            "It reads one fn's text: a reader thread spawned for the other pipe elsewhere, or a child whose "
                    + "second pipe is not piped, are not told apart.");

    private static final Pattern READ = Pattern.compile("(?<![\\w.])([a-z_]\\w*)\\s*\\.\\s*(stdout|stderr)\\b[^;]{0,120}?"
            + "\\.\\s*read_to_(?:end|string)\\s*\\(");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || !file.newText().contains("read_to_")) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        String masked = after.masked();
        for (ItemOutline.Item fn : ItemOutline.changedFns(file)) {
            Matcher first = READ.matcher(masked).region(fn.bodyStart(), fn.bodyEnd());
            while (first.find()) {
                String child = first.group(1);
                String other = first.group(2).equals("stdout") ? "stderr" : "stdout";
                Matcher second = READ.matcher(masked).region(first.end(), fn.bodyEnd());
                while (second.find()) {
                    if (!second.group(1).equals(child) || !second.group(2).equals(other)
                            || !file.anyAdded(after.line(first.start()), after.line(second.start()))
                            || spawnedBetween(masked, first.start(), second.start())) {
                        continue;
                    }
                    int line = after.line(first.start());
                    out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, after.line(second.start()))
                            .object(fn.name()).object(child + "." + first.group(2) + " then " + other)
                            .title("`" + fn.name() + "` reads `" + child + "." + first.group(2) + "` to its end before `"
                                    + child + "." + other + "`: a pipe deadlock")
                            .explanation("`" + child + "." + first.group(2) + "` is read until the child closes it; "
                                    + "meanwhile nothing drains `" + child + "." + other + "`. Once the child has "
                                    + "written a pipe buffer's worth (64 KiB on Linux) to " + other + " it blocks, "
                                    + "never closes " + first.group(2) + ", and `" + fn.name() + "` waits forever.")
                            .check("Use `wait_with_output()`, or drain one pipe on another thread while reading the "
                                    + "other.")
                            .build());
                    return out;
                }
            }
        }
        return out;
    }

    /** Whether a thread is spawned between the two reads (the other pipe drained beside them). */
    private static boolean spawnedBetween(String text, int from, int to) {
        return Pattern.compile("\\bspawn\\s*\\(").matcher(text).region(from, to).find();
    }
}
