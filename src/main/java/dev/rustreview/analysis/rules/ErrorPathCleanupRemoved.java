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
 * ER7: the change deletes a release ({@code close(fd)}, {@code free(p)}, {@code munmap}, {@code remove_file}) from
 * a block that returns an error, and the fn releases that way fewer times after it. The success path is tested;
 * the error path that used to give the resource back now leaks it: a file descriptor per failed call, until the
 * process runs out. may 816558d9 is the reverse of its fix: the epoll selector's error paths were rewritten with
 * {@code ?} and lost their {@code close(epfd)}, and the kqueue one lost its {@code libc::close(kqfd)}.
 */
public final class ErrorPathCleanupRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER7", RiskArea.ERRORS, Severity.MEDIUM, "cleanup removed from an error path",
            "In a non-test fn that stays, the change deletes a release call (`close`, `closesocket`, `CloseHandle`, "
                    + "`fclose`, `free`, `munmap`, `dealloc`, `destroy`, `remove_file`, `remove_dir_all`, `unlink`, also "
                    + "a C library's prefixed one such as `sqlite3_close`) from a block that returns an error (`return "
                    + "Err(..)`, an `Err(..) =>` arm, a block whose value is `Err(..)`, an `inspect_err`/`map_err` "
                    + "closure), also when the arm became `?`, and the fn makes that call fewer times after the change.",
            "It does not know whether the resource is now released by a type's `Drop` (an `OwnedFd`, a guard): "
                    + "a move to RAII reads as a removal, and a release in a helper the error path calls is not seen.");

    /**
     * US21: the same deletion for a raw allocation's reclaim ({@code drop(Box::from_raw(ptr))}): napi-rs e2903569
     * reversed no longer reclaimed the callback box handed to a N-API create call that failed, so nobody owned it.
     */
    static final RuleInfo RAW_INFO = RuleInfo.of("US21", RiskArea.UNSAFE, Severity.MEDIUM,
            "raw allocation no longer reclaimed on an error path",
            "In a non-test fn that stays, the change deletes `Box::from_raw(p)` (also `Arc`, `Rc`, `CString`) from a "
                    + "block that returns an error or from an error adapter's closure (`inspect_err`, `map_err`, "
                    + "`or_else`), and the fn reclaims that pointer fewer times after the change: when the call that "
                    + "should take ownership of `p` fails, nobody owns the allocation.",
            "It does not know whether the callee frees the pointer on failure; the deleted reclaim is the evidence "
                    + "that it does not.");

    /**
     * A release call, also a C library's prefixed one ({@code sqlite3_close}, {@code rocksdb_checkpoint_object_destroy}:
     * diesel e0bf2c08 reversed leaked the handle a failed {@code sqlite3_open_v2} allocates).
     */
    private static final Pattern RELEASE = Pattern.compile("(?<![\\w.])(?:[\\w]+\\s*::\\s*)*((?:[A-Za-z]\\w*_)?(?:close|"
            + "closesocket|CloseHandle|fclose|free|munmap|dealloc|remove_file|remove_dir_all|unlink|destroy))"
            + "\\s*\\(([^()]{0,120})\\)");
    /** {@code Box::from_raw(ptr)}: group 1 the reclaiming type's call, group 2 the pointer. */
    private static final Pattern RECLAIM = Pattern.compile("(?<![\\w.])(?:std\\s*::\\s*(?:boxed|sync|rc|ffi)\\s*::\\s*)?"
            + "((?:Box|Arc|Rc|CString)\\s*::\\s*from_raw)\\s*\\(([^()]{0,120})\\)");
    /** A closure handed to an error adapter: it runs only on the error path. */
    private static final Pattern ERROR_ADAPTER = Pattern.compile("\\.\\s*(?:inspect_err|map_err|or_else)\\s*\\(\\s*(?:move\\s*)?\\|");

    private final RuleInfo info;
    private final Pattern release;

    public ErrorPathCleanupRemoved() {
        this(INFO, RELEASE);
    }

    private ErrorPathCleanupRemoved(RuleInfo info, Pattern release) {
        this.info = info;
        this.release = release;
    }

    /** US21: the rule for raw allocations reclaimed with {@code from_raw}. */
    public static ErrorPathCleanupRemoved rawReclaim() {
        return new ErrorPathCleanupRemoved(RAW_INFO, RECLAIM);
    }

    private static final Pattern ERROR_EXIT = Pattern.compile("\\breturn\\s+Err\\b|\\bErr\\s*\\([^()]{0,80}\\)\\s*=>"
            + "|(?<![\\w.:])Err\\s*\\([^;{}]{0,200}\\)\\s*$");
    private static final int MAX_PER_FN = 64;

    @Override
    public RuleInfo info() {
        return info;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String masked = pair.before().masked();
            int from = pair.was().bodyStart();
            Matcher m = release.matcher(masked).region(from, pair.was().bodyEnd());
            Unguarded.Blocks blocks = null; // built on the first removed release only: most changed fns have none
            int n = 0;
            while (m.find() && n++ < MAX_PER_FN) {
                if (!file.removed(pair.before().line(m.start()))) {
                    continue;
                }
                if (blocks == null) {
                    blocks = new Unguarded.Blocks(masked, from, pair.was().bodyEnd());
                }
                String call = m.group(1) + "(" + m.group(2).replaceAll("\\s+", "") + ")";
                if (count(release, pair.newBody(), call) >= count(release, pair.oldBody(), call)) {
                    continue; // still released as often: moved, not removed
                }
                if (addedCallOf(file, pair, m.group(1).replaceAll("\\s+", ""))) {
                    continue; // the same release written anew with another argument (oneshot 2011beea: `channel`)
                }
                String exit = errorExit(masked, blocks, m.start());
                if (exit == null) {
                    continue;
                }
                int line = anchor(file, pair, exit);
                if (line < 0) {
                    continue;
                }
                String fn = pair.now().name();
                out.add(FindingBuilder.lines(info, file, Side.NEW, line, line)
                        .object(fn).object("error path no longer calls " + call)
                        .title("An error path of `" + fn + "` no longer calls `" + call + "`")
                        .explanation("Before the change the block that returned an error in `" + fn + "` (old line "
                                + pair.before().line(m.start()) + ") released the resource first with `" + call
                                + "`; the change deletes that call, and `" + fn + "` makes it fewer times now. Every "
                                + "failure on that path leaks the resource (a file descriptor, a mapping, memory, a "
                                + "temporary file) until the process runs out of them, and no success-path test sees it.")
                        .check("Check that the resource is still released when this path fails, by a type's `Drop` "
                                + "(`OwnedFd`, a guard) or explicitly; if not, restore the release before the error returns.")
                        .build());
                break;
            }
        }
        return out;
    }

    /** The error exit of the nearest enclosing block (up to three levels out) of a release, or null. */
    private static String errorExit(String masked, Unguarded.Blocks blocks, int at) {
        int inner = blocks.innermost(at);
        for (int level = 0; inner >= 0 && level < 3; level++, inner = blocks.parent(inner)) {
            String header = blocks.header(inner);
            Matcher e = ERROR_EXIT.matcher(masked).region(blocks.open(inner), blocks.close(inner));
            if (e.find()) {
                int end = masked.indexOf(';', e.start());
                return masked.substring(e.start(), end < 0 || end > blocks.close(inner) ? e.end() : end).strip();
            }
            if (ERROR_EXIT.matcher(header + " =>").find() && header.contains("Err")) {
                return header.strip();
            }
            Matcher adapter = ERROR_ADAPTER.matcher(header);
            if (adapter.find()) {
                return header.substring(adapter.start()).strip();
            }
        }
        return null;
    }

    /** Where the error path is in the new fn: its exit statement if it stays, else the fn's first added line. */
    private static int anchor(ChangedFile file, ItemOutline.FnPair pair, String exit) {
        String newBody = pair.newBody();
        int at = newBody.indexOf(exit);
        if (at >= 0) {
            return pair.after().line(pair.now().bodyStart() + at);
        }
        int first = pair.after().line(pair.now().bodyStart());
        for (int line = first; line <= pair.after().endLine(pair.now()); line++) {
            if (file.added(line)) {
                return line;
            }
        }
        return -1;
    }

    /** Whether a line the change adds to the fn makes a release through {@code callee}, whatever its argument. */
    private static boolean addedCallOf(ChangedFile file, ItemOutline.FnPair pair, String callee) {
        Matcher m = Pattern.compile("(?<![\\w.])" + Pattern.quote(callee).replace("::", "\\E\\s*::\\s*\\Q") + "\\s*\\(")
                .matcher(pair.newBody());
        while (m.find()) {
            if (file.added(pair.after().line(pair.now().bodyStart() + m.start()))) {
                return true;
            }
        }
        return false;
    }

    private static int count(Pattern release, String body, String call) {
        Matcher m = release.matcher(body);
        int n = 0;
        while (m.find()) {
            if ((m.group(1) + "(" + m.group(2).replaceAll("\\s+", "") + ")").equals(call)) {
                n++;
            }
        }
        return n;
    }
}
