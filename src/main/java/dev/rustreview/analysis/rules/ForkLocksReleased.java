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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CC49: a fn that forks no longer takes the locks it held across the fork. {@code fork} copies only the calling
 * thread: a mutex another thread held at that moment stays locked in the child forever, and the child's first use
 * of it deadlocks. Holding every lock the child will use across the fork (and releasing it in both processes)
 * is the standard defence. mirrord 55d8eb8f reversed: {@code fork_detour} forked while other threads could hold
 * {@code SOCKETS}, {@code OPEN_FILES} and the DNS maps.
 */
public final class ForkLocksReleased implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC49", RiskArea.CONCURRENCY, Severity.MEDIUM, "locks no longer held across fork",
            "In a non-test fn that stays and calls `fork()` (`libc::fork`, `nix::unistd::fork`, a hooked `FN_FORK()`), "
                    + "the change deletes `let g = X.lock()` (also `read()`/`write()`) lines that came before the "
                    + "fork, and the new fn takes none of those locks.",
            "It reads one fn: locks taken by a `pthread_atfork` handler or by the caller are not seen.");

    private static final Pattern FORK = Pattern.compile("(?<![\\w.])(?:(?:libc|unistd|nix::unistd)\\s*::\\s*)?(?:fork|FN_FORK)\\s*\\(\\s*\\)");
    private static final Pattern LET_LOCK = Pattern.compile("\\blet\\s+(?:mut\\s+)?_?[a-z_]\\w*\\s*=\\s*"
            + "((?:[A-Za-z_]\\w*\\s*(?:\\.|::)\\s*){0,4}[A-Za-z_]\\w*)\\s*\\.\\s*(?:lock|read|write)\\s*\\(\\s*\\)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.oldText() == null || !file.oldText().contains("fork") || !file.oldText().contains("lock")) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String was = pair.oldBody();
            String now = pair.newBody();
            Matcher fork = FORK.matcher(was);
            Matcher forkNow = FORK.matcher(now);
            if (!fork.find() || !forkNow.find()) {
                continue;
            }
            Set<String> released = new LinkedHashSet<>();
            Matcher let = LET_LOCK.matcher(was);
            while (let.find() && let.start() < fork.start() && released.size() < 16) {
                String lock = RuleSupport.squeezed(let.group(1));
                if (pair.removedAt(file, let.start()) && !Pattern.compile("(?<![\\w.:])" + RuleSupport.spacedPath(lock)
                        + "\\s*\\.\\s*(?:lock|read|write)\\s*\\(").matcher(now).find()) {
                    released.add(lock);
                }
            }
            if (released.isEmpty()) {
                continue;
            }
            int line = pair.after().line(pair.now().bodyStart() + forkNow.start());
            String fn = pair.now().name();
            String names = String.join("`, `", released);
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                    .object(fn).object("fork without " + names)
                    .title("`" + fn + "` forks without holding `" + names + "`")
                    .explanation("Before the change `" + fn + "` took `" + names + "` before forking, so no other "
                            + "thread could hold them at the moment of the fork. The change forks without them: "
                            + "`fork` copies only the calling thread, and a lock another thread held at that instant "
                            + "stays locked in the child forever; the child's first use of it deadlocks (rarely, "
                            + "and only under load).")
                    .check("Take the locks the child uses before the fork and release them in parent and child after "
                            + "it, or exec right after the fork without touching them.")
                    .build());
        }
        return out;
    }
}
