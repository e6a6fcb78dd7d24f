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
 * AL36: a spawned task the fn awaited is now detached. The old fn bound {@code let h = spawn_blocking(..)} and
 * awaited {@code h} before it returned; the new one spawns as a statement and never waits. The caller returns
 * while the task still runs: what it writes last (a session persisted, a file flushed) may not have happened, and
 * a task that calls {@code Handle::block_on} or spawns can find the runtime shutting down under it (tokio panics).
 * atuin 48b19778 reversed: the TUI's dispatch loop ran detached in {@code spawn_blocking}, persisting through
 * {@code block_on} while {@code run_inline_tui} returned and the runtime was torn down.
 */
public final class SpawnedTaskDetached implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL36", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "spawned task no longer awaited",
            "In a non-test fn that stays, the old fn bound a task's handle (`let h = spawn(..)`, `spawn_blocking`, "
                    + "`spawn_local`, with any path) and awaited it (`h.await`, `h).await`), and the change adds a "
                    + "line that spawns the same way as a bare statement (or `let _ = ..`) while the new fn awaits no "
                    + "spawned handle.",
            "It reads one fn: a handle now awaited by the caller, kept in a `JoinSet` or aborted on drop elsewhere "
                    + "reads as detached, and a task meant to outlive the call is reported too.");

    private static final Pattern BOUND = Pattern.compile("\\blet\\s+(?:mut\\s+)?([a-z_]\\w*)\\s*(?::[^=;]{1,60})?=\\s*"
            + "(?:[A-Za-z_]\\w*\\s*::\\s*){0,3}(spawn(?:_blocking|_local)?)\\s*\\(");
    private static final Pattern DETACHED = Pattern.compile("(?m)^[ \\t]*(?:let\\s+_\\s*=\\s*)?"
            + "(?:[A-Za-z_]\\w*\\s*::\\s*){0,3}(spawn(?:_blocking|_local)?)\\s*\\(");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || !file.oldText().contains("spawn") || !file.oldText().contains(".await")) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String was = pair.oldBody();
            String kind = awaitedSpawn(was);
            if (kind == null || awaitedSpawn(pair.newBody()) != null) {
                continue;
            }
            String now = pair.newBody();
            Matcher m = DETACHED.matcher(now);
            while (m.find()) {
                int line = pair.after().line(pair.now().bodyStart() + m.start(1));
                if (!m.group(1).equals(kind) || !file.added(line)) {
                    continue;
                }
                String fn = pair.now().name();
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(fn).object(kind)
                        .title("`" + kind + "` task detached: `" + fn + "` no longer awaits it")
                        .explanation("Before the change `" + fn + "` kept the handle of the task it spawned and "
                                + "awaited it before going on; now the handle is dropped and the task runs detached. "
                                + "`" + fn + "` returns while the task still works: what it does last (persisting, "
                                + "flushing, a reply) may not have happened yet, its errors and panics are lost, and "
                                + "a task that calls `Handle::block_on` or spawns can find the runtime shutting down "
                                + "under it, which panics.")
                        .check("Keep the handle and await it (on the error path too), or say why the task may "
                                + "outlive the call and what stops it.")
                        .build());
                break;
            }
        }
        return out;
    }

    /** The spawn kind of a handle the body binds and then awaits, or null. */
    private static String awaitedSpawn(String body) {
        Matcher m = BOUND.matcher(body);
        int seen = 0;
        while (m.find() && seen++ < 16) {
            String h = Pattern.quote(m.group(1));
            if (Pattern.compile("(?<![\\w.])" + h + "\\s*\\)?\\s*\\.\\s*await\\b").matcher(body).region(m.end(),
                    body.length()).find()) {
                return m.group(2);
            }
        }
        return null;
    }
}
