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
 * AL8 and CC16: the change deletes what stopped or waited for work the file spawns, and the file still spawns.
 * Dropping a tokio {@code JoinHandle} detaches its task, and dropping a thread's {@code JoinHandle} detaches the
 * thread: both go on running, holding what they captured (a service, a socket, a channel end) after their owner is
 * gone, and a thread still running at shutdown races with what is torn down. tower's {@code SpawnReady} lost the
 * {@code Drop} that aborted its readiness task (8ceee45f); ipc-channel's router stopped joining its thread at
 * shutdown (c8d07cff).
 *
 * <p>Counted over the file's non-test fns: {@code .abort()} (a task's handle) for AL8, {@code .join()} with no
 * argument (a thread's handle; {@code Path::join} and slice joins take one) for CC16.
 */
public final class SpawnedWorkReleased implements RiskRule {

    private static final Pattern SPAWN = Pattern.compile("\\bspawn(?:_blocking|_local)?\\s*\\(");

    private final RuleInfo info;
    private final Pattern stop;
    private final String verb;
    private final String what;

    private SpawnedWorkReleased(RuleInfo info, String method, String verb, String what) {
        this.info = info;
        this.stop = Pattern.compile("\\.\\s*" + method + "\\s*\\(\\s*\\)");
        this.verb = verb;
        this.what = what;
    }

    /** AL8: a task's {@code abort()} removed. */
    public static SpawnedWorkReleased taskAbort() {
        return new SpawnedWorkReleased(RuleInfo.of("AL8", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
                "spawned task no longer aborted",
                "The change removes an `.abort()` from a non-test fn (a `Drop` impl included) of a file that still "
                        + "spawns (`spawn(`, `spawn_blocking(`, `spawn_local(`), and the file's non-test fns have "
                        + "fewer `.abort()` calls than before.",
                "It counts calls in one file: an abort moved to another file reads as removed, and which handle "
                        + "an abort belonged to is not checked."), "abort", "aborted", "task");
    }

    /** CC16: a thread's {@code join()} removed. */
    public static SpawnedWorkReleased threadJoin() {
        return new SpawnedWorkReleased(RuleInfo.of("CC16", RiskArea.CONCURRENCY, Severity.MEDIUM,
                "spawned thread no longer joined",
                "The change removes a `.join()` with no argument from a non-test fn of a file that still spawns "
                        + "(`spawn(`, `Builder::spawn`), and the file's non-test fns have fewer such joins than "
                        + "before.",
                "It counts calls in one file: a join moved to another file reads as removed, and a thread meant to "
                        + "run detached (a daemon until exit) reads like a leak."), "join", "joined", "thread");
    }

    @Override
    public RuleInfo info() {
        return info;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        if (!file.isRust() || file.oldText() == null || file.newText() == null || file.isTestPath()) {
            return List.of();
        }
        ItemOutline before = ItemOutline.before(file);
        ItemOutline after = ItemOutline.after(file);
        if (!SPAWN.matcher(after.masked()).find() || count(after) >= count(before)) {
            return List.of();
        }
        for (ItemOutline.Item fn : before.byKey(ItemOutline.Kind.FN).values()) {
            if (before.inTest(fn)) {
                continue;
            }
            Matcher m = stop.matcher(before.body(fn));
            while (m.find()) {
                int line = before.line(fn.bodyStart() + m.start());
                if (file.removed(line)) {
                    return List.of(finding(file, fn.name(), line));
                }
            }
        }
        return List.of();
    }

    private int count(ItemOutline outline) {
        int n = 0;
        for (ItemOutline.Item fn : outline.byKey(ItemOutline.Kind.FN).values()) {
            if (!outline.inTest(fn)) {
                n += RuleSupport.count(stop, outline.body(fn));
            }
        }
        return n;
    }

    private Finding finding(ChangedFile file, String fn, int line) {
        String call = stop.pattern().contains("abort") ? ".abort()" : ".join()";
        return FindingBuilder.lines(info, file, Side.OLD, line, line)
                .object(fn).object(call + " removed")
                .title("`" + call + "` removed from `" + fn + "`: the spawned " + what + " is no longer " + verb)
                .explanation("Before the change `" + fn + "` called `" + call + "` (old line " + line + "); the file "
                        + "still spawns, and now has fewer `" + call + "` calls. Dropping a " + what + "'s "
                        + "`JoinHandle` detaches it: it keeps running, and keeps what it captured (a service, a "
                        + "socket, a channel end) alive after its owner is gone"
                        + (what.equals("thread") ? "; at shutdown it races with what is torn down." : "."))
                .check("Check what stops the " + what + " now (a shutdown message it reads, a closed channel, "
                        + "an abort elsewhere); if nothing does, keep the `" + call + "`"
                        + (what.equals("task") ? " (in `Drop`, so every way of dropping the owner stops it)." : "."))
                .build();
    }
}
