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
 * CC22: a live-task count incremented inside the task it counts. The spawned closure's first act is {@code
 * n.fetch_add(1, ..)} and its last {@code n.fetch_sub(1, ..)}, while someone waits for the count to reach zero
 * (a {@code load} compared with zero, or the last one out, {@code fetch_sub(..) == 1}, notifying). Between the spawn
 * and the task's first poll the count is too low, so a graceful shutdown can read zero and return with the task
 * still to run (poem 813a2a89d: connections accepted just before shutdown were cut). The increment belongs before
 * the spawn, in the spawning code.
 */
public final class CountedInsideSpawn implements RiskRule {

    private static final RuleInfo INFO = RuleInfo.of("CC22", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "task counted inside itself",
            "A line the change adds in a non-test fn increments an atomic (`n.fetch_add(..)`) inside the closure or "
                    + "async block handed to a spawn (`thread::spawn`, `tokio::spawn`, `spawn_local`, `spawn_blocking`, "
                    + "`task::spawn`), the same block later decrements it (`n.fetch_sub(..)`), the spawning fn does not "
                    + "increment it before the spawn, and the file waits for it to reach zero (`n.load(..)` compared "
                    + "with 0, or `n.fetch_sub(..) == 1`): until the task first runs, the count misses it.",
            "It reads the spawn's argument as text: a count kept in a helper type (a guard that increments in "
                    + "`new`), a spawn through a wrapper fn, or a wait for zero in another file is not seen.");

    private static final Pattern SPAWN = Pattern.compile(
            "\\bspawn(?:_local|_blocking)?\\s*(?:::\\s*<[^>]*>\\s*)?\\(");
    private static final Pattern FETCH_ADD = Pattern.compile("\\b(\\w+)\\s*\\.\\s*fetch_add\\s*\\(");
    /** Spawn arguments read at most per fn: a real fn has a few, a fuzzed one thousands. */
    private static final int MAX_SPAWNS = 64;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        List<ItemOutline.Item> fns = ItemOutline.changedFns(file);
        if (fns.isEmpty() || !file.newText().contains("fetch_add")) {
            return out;
        }
        ItemOutline outline = ItemOutline.after(file);
        String whole = outline.masked();
        java.util.Map<String, Boolean> waited = new java.util.HashMap<>(); // per counter, read once per file
        for (ItemOutline.Item fn : fns) {
            String body = outline.body(fn);
            Matcher spawn = SPAWN.matcher(body);
            int n = 0;
            while (spawn.find() && n++ < MAX_SPAWNS) {
                int open = spawn.end() - 1;
                int close = RuleSupport.closing(body, open, '(', ')');
                if (close >= body.length()) {
                    continue;
                }
                String arg = body.substring(open, close);
                Matcher add = FETCH_ADD.matcher(arg);
                if (!add.find()) {
                    continue;
                }
                String counter = add.group(1);
                int line = outline.line(fn.bodyStart() + open + add.start());
                if (file.added(line) && decrements(arg, counter, add.end())
                        && !Pattern.compile("\\b" + counter + "\\s*\\.\\s*fetch_add\\s*\\(").matcher(body)
                                .region(0, spawn.start()).find()
                        && waited.computeIfAbsent(counter, c -> waitsForZero(whole, c))) {
                    out.add(finding(file, fn.name(), counter, line));
                }
            }
        }
        return out;
    }

    private static boolean decrements(String arg, String counter, int from) {
        return Pattern.compile("\\b" + Pattern.quote(counter) + "\\s*\\.\\s*fetch_sub\\s*\\(").matcher(arg).find(from);
    }

    /** {@code n.load(..) == 0}, {@code > 0}, {@code != 0}, or {@code n.fetch_sub(..) == 1}: someone waits for zero. */
    private static boolean waitsForZero(String text, String counter) {
        String c = Pattern.quote(counter);
        return Pattern.compile("\\b" + c + "\\s*\\.\\s*load\\s*\\([^()]*(?:\\([^()]*\\)[^()]*)*\\)\\s*(?:==|!=|>|<=)\\s*0\\b"
                        + "|\\b" + c + "\\s*\\.\\s*fetch_sub\\s*\\([^()]*(?:\\([^()]*\\)[^()]*)*\\)\\s*==\\s*1\\b")
                .matcher(text).find();
    }

    private static Finding finding(ChangedFile file, String fn, String counter, int line) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object(counter + ".fetch_add inside spawn")
                .title("`" + counter + "` is incremented inside the task it counts, in `" + fn + "`")
                .explanation("The spawned task increments `" + counter + "` itself (line " + line + ") and decrements it "
                        + "when it ends, and the file waits for `" + counter + "` to reach zero. A spawned task may not "
                        + "run for a while: until then the count leaves it out, so a shutdown that reads zero returns "
                        + "(or a last-one-out notify fires) while the task is still to run.")
                .check("Increment `" + counter + "` in the spawning code before the spawn and let the task only "
                        + "decrement it (or hand the task a guard that decrements on drop).")
                .build();
    }
}
