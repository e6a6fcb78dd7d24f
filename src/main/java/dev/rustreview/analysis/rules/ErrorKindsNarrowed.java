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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ER4: a fn that sorts errors by kind ({@code matches!(e.kind(), ErrorKind::ConnectionAborted | ..)}, a
 * {@code match} on an {@code Errno}) stops naming some of the kinds it named, and still sorts by kind. The kinds
 * that went now take the other branch: an error the code survived becomes fatal, or one it reported is ignored.
 * tonic 474390bd is the reverse of its fix: without {@code ConnectionReset} and {@code BrokenPipe} in the list of
 * per-connection errors, one client that hung up shut the whole server down.
 */
public final class ErrorKindsNarrowed implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER4", RiskArea.ERRORS, Severity.MEDIUM, "error kinds moved in a classification",
            "In a non-test fn that stays and still names error kinds (`ErrorKind::*`, `Errno::*`, `libc::E*` "
                    + "constants), the change deletes the last mention of one or more of them (an alternative of a "
                    + "`matches!` or `match` arm, a comparison): errors of those kinds now take another branch; and a "
                    + "poll fn that turned `WouldBlock` into `Poll::Pending` and now names no kind but returns "
                    + "`Poll::Ready(Err(..))` itself; and kinds the change adds to an arm or guard that turns the error "
                    + "into success (`Err(e) if matches!(e.kind(), ..) => Ok(())`, `=> return Ok(..)`), except the "
                    + "try-again kinds (`Interrupted`, `WouldBlock`, `TimedOut`, `EINTR`, `EAGAIN`) and the race kinds "
                    + "(`AlreadyExists`, `NotFound`, `EEXIST`, `ENOENT`: answering them with success is how a race "
                    + "with another process is made safe, and removing that answer is reported instead); for this last "
                    + "case, variants of the crate's own `*Error` enums count as kinds too "
                    + "(`Some(RustupError::ChecksumFailed { .. }) => return Ok(None)`); and an arm guarded by a "
                    + "test of the error (`Err(e) if e.is_out_of_fuel() =>`) that the change deletes while the fn "
                    + "calls that test nowhere after it: errors of that kind now go where every other error goes.",
            "It compares names, not control flow: a kind moved to a helper or a constant list reads as dropped, and "
                    + "whether the other branch is the right one for it is the reviewer's call.");

    private static final Pattern KIND = Pattern.compile(
            "\\b(?:ErrorKind|Errno)\\s*::\\s*([A-Z][A-Za-z0-9_]*)\\b|\\blibc\\s*::\\s*(E[A-Z0-9]{2,})\\b");
    private static final int MAX_KINDS = 256;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            guardedArmRemoved(file, pair).ifPresent(out::add);
            Map<String, Integer> before = kinds(pair.oldBody());
            Map<String, Integer> after = kinds(pair.newBody());
            if (after.isEmpty()) {
                swallowedKinds(file, pair, withVariants(before, pair.oldBody()), withVariants(after, pair.newBody()))
                        .ifPresent(out::add);
                // The fn no longer sorts errors by kind: a rewrite, not a narrowed list, unless it is a poll fn
                // that turned WouldBlock into Pending and now hands every error to Ready(Err(..)).
                wouldBlockNowAnError(file, pair, before).ifPresent(out::add);
                raceToleranceRemoved(file, pair, before).ifPresent(out::add);
                continue;
            }
            List<String> dropped = new ArrayList<>();
            int firstRemoved = -1;
            for (Map.Entry<String, Integer> kind : before.entrySet()) {
                if (after.containsKey(kind.getKey())) {
                    continue;
                }
                int line = pair.before().line(pair.was().bodyStart() + kind.getValue());
                if (file.removed(line)) {
                    dropped.add(kind.getKey());
                    firstRemoved = firstRemoved < 0 ? line : firstRemoved;
                }
            }
            swallowedKinds(file, pair, withVariants(before, pair.oldBody()), withVariants(after, pair.newBody()))
                    .ifPresent(out::add);
            if (dropped.isEmpty()) {
                continue;
            }
            int line = anchor(file, pair, after);
            String fn = pair.now().name();
            String names = String.join(", ", dropped.stream().map(k -> "`" + k + "`").toList());
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                    .object(fn).object("kinds dropped " + String.join(",", dropped))
                    .title("`" + fn + "` no longer names " + names)
                    .explanation("Before the change `" + fn + "` named " + names + " (old line " + firstRemoved
                            + ") among the error kinds it sorts; after it, it still sorts by kind (line " + line
                            + ") but not by " + (dropped.size() == 1 ? "that one" : "those") + ". Errors of "
                            + (dropped.size() == 1 ? "that kind" : "those kinds") + " now take the other branch: "
                            + "one the code survived (a client that hung up, an interrupted call) may now end a "
                            + "server loop, or one it reported may now be ignored.")
                    .check("Say where errors of " + names + " go now and why that is right; a peer resetting one "
                            + "connection must not stop an accept loop, and a retry list that loses `Interrupted` "
                            + "turns a signal into a failure.")
                    .build());
        }
        return out;
    }

    /** {@code Err(e) if e.is_out_of_fuel() =>}: group 1 is the binding, group 2 the test. */
    private static final Pattern GUARDED_ERR_ARM = Pattern.compile(
            "\\bErr\\s*\\(\\s*(?:ref\\s+)?([a-z_]\\w*)\\s*\\)\\s*if\\s+!?\\s*\\1\\s*\\.\\s*(is_[a-z_]\\w*)\\s*\\(\\s*\\)[^=\\n]*=>");

    /**
     * wasmi b70731b9 reversed: the arm that turned an out-of-fuel error met during translation into a trap went, and
     * {@code ?} passes that error on as a resumable one, which later panics when resumed.
     */
    private static java.util.Optional<Finding> guardedArmRemoved(ChangedFile file, ItemOutline.FnPair pair) {
        Matcher m = GUARDED_ERR_ARM.matcher(pair.oldBody());
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (m.find()) {
            String test = m.group(2);
            if (!seen.add(test) || seen.size() > 16 || !pair.removedAt(file, m.start())
                    || Pattern.compile("\\.\\s*" + test + "\\s*\\(").matcher(pair.newBody()).find()) {
                continue;
            }
            List<PanickingTwinAdded.Line> added = PanickingTwinAdded.lines(pair.after(), pair.now(), file::added);
            int line = added.isEmpty() ? pair.after().line(pair.now().bodyStart()) : added.get(0).number();
            int old = pair.before().line(pair.was().bodyStart() + m.start());
            String fn = pair.now().name();
            return java.util.Optional.of(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                    .object(fn).object("arm removed " + test)
                    .title("`" + fn + "` no longer treats errors where `" + test + "()` apart")
                    .explanation("Before the change an arm of `" + fn + "` (old line " + old + ") caught the errors "
                            + "for which `" + m.group(1) + "." + test + "()` holds and handled them its own way; the "
                            + "change deletes it and the fn tests `" + test + "` nowhere else. Those errors now go "
                            + "where every other error goes (passed on with `?`, or the catch-all arm), and a caller "
                            + "that must not see them as they are (a resumable error with nothing to resume, a retry "
                            + "on a fatal one) gets them anyway.")
                    .check("Say why errors where `" + test + "()` holds no longer need their own handling here, or "
                            + "keep the arm.")
                    .build());
        }
        return java.util.Optional.empty();
    }

    /**
     * Whether the kind named at {@code at} is in the pattern or guard of an arm, or the condition of an {@code if},
     * whose branch yields success.
     */
    private static boolean inSuccessArm(String body, int at) {
        int stop = body.indexOf(';', at);
        int arrow = body.indexOf("=>", at);
        int brace = body.indexOf('{', at);
        return succeedsAt(body, at, arrow < 0 ? -1 : arrow + 2, stop)
                || brace >= 0 && !body.substring(at, brace).contains("=>") && succeedsAt(body, at, brace + 1, stop);
    }

    private static boolean succeedsAt(String body, int at, int open, int stop) {
        return open >= 0 && open - at <= 400 && (stop < 0 || stop > open)
                && SUCCESS.matcher(body.substring(open, Math.min(body.length(), open + 2000))).find(); // comments are blanked
    }

    /** Kinds that mean another process or thread got there first: tolerating them is how a race is made safe. */
    private static final java.util.Set<String> RACE_KINDS = java.util.Set.of("AlreadyExists", "NotFound", "EEXIST",
            "ENOENT");

    /**
     * cxx 1dd71ca1 reversed: {@code symlink_file} answered {@code AlreadyExists} with {@code Ok(())}, since a
     * simultaneous build script may have created the same link, and the change deletes that branch: the build that
     * loses the race now fails. A race kind whose success branch the change removes, in a fn that names no kind after.
     */
    private static java.util.Optional<Finding> raceToleranceRemoved(ChangedFile file, ItemOutline.FnPair pair,
                                                                    Map<String, Integer> before) {
        String old = pair.oldBody();
        for (Map.Entry<String, Integer> kind : before.entrySet()) {
            int line = pair.before().line(pair.was().bodyStart() + kind.getValue());
            if (!RACE_KINDS.contains(kind.getKey()) || !file.removed(line) || successArms(old, kind.getKey()) == 0) {
                continue;
            }
            String fn = pair.now().name();
            int anchor = pair.after().headerLine(pair.now());
            for (int l = anchor; l <= pair.after().endLine(pair.now()); l++) {
                if (file.added(l)) {
                    anchor = l; // the branch's replacement, or the fn's header when it was only deleted
                    break;
                }
            }
            return java.util.Optional.of(FindingBuilder.lines(INFO, file, Side.NEW, anchor, anchor)
                    .object(fn).object("race kind no longer tolerated " + kind.getKey())
                    .title("`" + fn + "` no longer treats `" + kind.getKey() + "` as success")
                    .explanation("Before the change `" + fn + "` answered `" + kind.getKey() + "` (old line " + line
                            + ") with success: the usual sign that another process or thread may have done the same "
                            + "thing first (created the file or link, removed the entry). Now that error fails the "
                            + "call, so whoever loses that race reports a failure for work that was done.")
                    .check("Check whether `" + fn + "` can run concurrently with itself (parallel builds, two "
                            + "processes, two tasks); if so, keep treating `" + kind.getKey() + "` as done.")
                    .build());
        }
        return java.util.Optional.empty();
    }

    /**
     * How many times a body names {@code kind} in an arm that yields success: rustup 05b57a72 reversed already named
     * {@code ChecksumFailed} in an arm returning the error, and added it to one returning {@code Ok(None)}.
     */
    private static int successArms(String body, String kind) {
        int n = 0;
        for (Pattern p : new Pattern[] {KIND, VARIANT}) {
            Matcher m = p.matcher(body);
            for (int i = 0; m.find() && i < MAX_KINDS; i++) {
                String name = p == KIND ? (m.group(1) != null ? m.group(1) : m.group(2)) : m.group(2);
                if (name.equals(kind) && inSuccessArm(body, m.start())) {
                    n++;
                }
            }
        }
        return n;
    }

    /** What an arm that turns an error into success yields. */
    private static final Pattern SUCCESS = Pattern.compile("^\\s*(?:\\{\\s*)?(?:return\\s+)?Ok\\s*\\(");
    /** The kinds that mean "not yet, try again": answering them with success or a retry is how they are handled. */
    private static final java.util.Set<String> RETRY_KINDS = java.util.Set.of("Interrupted", "WouldBlock", "TimedOut",
            "EINTR", "EAGAIN", "EWOULDBLOCK", "EINPROGRESS", "EALREADY");

    /**
     * compio 1ff10edeb reversed: {@code shutdown} turned only {@code NotConnected} into {@code Ok(())}, and the change
     * adds {@code ConnectionAborted}, {@code ConnectionReset} and {@code ConnectionRefused} to that arm, so real
     * failures read as success. Kinds the change adds (on added lines, not named before) whose arm yields success.
     */
    private static java.util.Optional<Finding> swallowedKinds(ChangedFile file, ItemOutline.FnPair pair,
                                                              Map<String, Integer> before, Map<String, Integer> after) {
        String body = pair.newBody();
        List<String> added = new ArrayList<>();
        int first = -1;
        for (Map.Entry<String, Integer> kind : after.entrySet()) {
            int line = pair.after().line(pair.now().bodyStart() + kind.getValue());
            if (!file.added(line) || RETRY_KINDS.contains(kind.getKey()) || RACE_KINDS.contains(kind.getKey())
                    || !inSuccessArm(body, kind.getValue())
                    || before.containsKey(kind.getKey()) && successArms(pair.oldBody(), kind.getKey())
                    >= successArms(body, kind.getKey())) {
                continue;
            }
            added.add(kind.getKey());
            first = first < 0 ? line : Math.min(first, line);
        }
        if (added.isEmpty()) {
            return java.util.Optional.empty();
        }
        String fn = pair.now().name();
        String names = String.join(", ", added.stream().map(k -> "`" + k + "`").toList());
        return java.util.Optional.of(FindingBuilder.lines(INFO, file, Side.NEW, first, first)
                .object(fn).object("kinds swallowed " + String.join(",", added))
                .title("`" + fn + "` now turns " + names + " into success")
                .explanation("The change adds " + names + " (line " + first + ") to the error kinds `" + fn + "` "
                        + "answers with success (`Ok(..)`). A caller can no longer "
                        + "tell that the operation failed for " + (added.size() == 1 ? "that reason" : "those reasons")
                        + ": a connection reset or refused during a shutdown or a write reads as done.")
                .check("Say why errors of " + names + " are not failures here; if callers need to know (a peer that "
                        + "reset the connection, a refused connect), return them.")
                .build());
    }

    private static final Pattern PENDING = Pattern.compile("\\bPoll\\s*::\\s*Pending\\b");
    private static final Pattern READY_ERR = Pattern.compile("\\bPoll\\s*::\\s*Ready\\s*\\(\\s*Err\\s*\\(");

    /**
     * tokio-tungstenite ab11df60 reversed: {@code poll_close} lost its {@code WouldBlock => Poll::Pending} arm, and
     * its last arm passes every error to {@code Poll::Ready(Err(..))}: a socket that is merely not ready yet now
     * fails the close. Reported when the old body mapped {@code WouldBlock} (on a removed line) in a fn that
     * returned {@code Poll::Pending}, and the new body names no error kind but returns {@code Poll::Ready(Err(..))}
     * itself (a fn that hands the result to a converter such as {@code cvt(..)} is not: the converter may map it).
     */
    private static java.util.Optional<Finding> wouldBlockNowAnError(ChangedFile file, ItemOutline.FnPair pair,
                                                                     Map<String, Integer> before) {
        Integer offset = before.get("WouldBlock");
        String oldBody = pair.oldBody();
        String newBody = pair.newBody();
        if (offset == null || !PENDING.matcher(oldBody).find() || newBody.contains("WouldBlock")
                || !READY_ERR.matcher(newBody).find()) {
            return java.util.Optional.empty();
        }
        int removed = pair.before().line(pair.was().bodyStart() + offset);
        if (!file.removed(removed)) {
            return java.util.Optional.empty();
        }
        Matcher ready = READY_ERR.matcher(newBody);
        ready.find();
        int line = pair.after().line(pair.now().bodyStart() + ready.start());
        String fn = pair.now().name();
        return java.util.Optional.of(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(fn).object("kinds dropped WouldBlock")
                .title("`" + fn + "` now returns `WouldBlock` as an error instead of `Poll::Pending`")
                .explanation("Before the change `" + fn + "` turned an I/O error of kind `WouldBlock` (old line "
                        + removed + ") into `Poll::Pending`: the operation was not finished yet and the registered "
                        + "waker would call again. After it no error kind is told apart and this line returns "
                        + "every error as `Poll::Ready(Err(..))`, so a socket that is only not ready yet fails "
                        + "the operation (a close, a flush, a send) for the caller.")
                .check("Check whether the call can report `WouldBlock` (a non-blocking stream wrapped in a "
                        + "synchronous protocol such as tungstenite or rustls): if it can, keep mapping it to "
                        + "`Poll::Pending` after registering the waker.")
                .build());
    }

    /**
     * Each kind a body sorts by (a pattern alternative, a match arm, a comparison, a {@code matches!} argument) with
     * the offset of its first such mention; a kind that only builds an error ({@code io::Error::new(ErrorKind::Other,
     * ..)}) sorts nothing and is left out.
     */
    private static Map<String, Integer> kinds(String body) {
        Map<String, Integer> out = new LinkedHashMap<>();
        Matcher m = KIND.matcher(body);
        while (m.find() && out.size() < MAX_KINDS) {
            if (sorts(body, m.start(), m.end())) {
                out.putIfAbsent(m.group(1) != null ? m.group(1) : m.group(2), m.start());
            }
        }
        return out;
    }

    /**
     * A variant of the crate's own error enum in a pattern ({@code Some(RustupError::ChecksumFailed { .. }) =>},
     * {@code Err(StoreError::Missing(_)) |}): rustup 05b57a72 reversed carved {@code ChecksumFailed} out of the
     * error path into {@code return Ok(None)}. Read only for kinds turned into success: a variant dropped from a
     * classification is too often a rename.
     */
    private static final Pattern VARIANT = Pattern.compile("\\b(\\w{0,60}Error)\\s*::\\s*([A-Z]\\w{0,60})\\s*"
            + "(?:\\{[^{}]{0,120}\\}|\\([^()]{0,120}\\))?\\s*\\)?\\s*(?==>|\\||if\\b)");

    private static Map<String, Integer> withVariants(Map<String, Integer> kinds, String body) {
        Map<String, Integer> out = new LinkedHashMap<>(kinds);
        Matcher m = VARIANT.matcher(body);
        while (m.find() && out.size() < MAX_KINDS) {
            out.putIfAbsent(m.group(2), m.start()); // by variant: `WsError::Io` and `tungstenite::Error::Io` are one
        }
        return out;
    }

    private static final Pattern SORTING_AFTER = Pattern.compile("^\\s*(?:\\||=>|if\\b|\\)\\s*=>)");
    private static final Pattern SORTING_BEFORE = Pattern.compile("(?:==|!=|\\||\\bErr\\s*\\(|\\bSome\\s*\\()\\s*(?:[\\w]+\\s*::\\s*)*$");

    private static boolean sorts(String body, int start, int end) {
        String before = body.substring(Math.max(0, start - 200), start);
        String after = body.substring(end, Math.min(body.length(), end + 40));
        return SORTING_AFTER.matcher(after).find() || SORTING_BEFORE.matcher(before).find()
                || before.contains("matches!") && !before.substring(before.lastIndexOf("matches!")).contains(";");
    }

    /** The line of the first kind the new fn still names on an added line, else of the first it names at all. */
    private static int anchor(ChangedFile file, ItemOutline.FnPair pair, Map<String, Integer> after) {
        int first = -1;
        for (int offset : after.values()) {
            int line = pair.after().line(pair.now().bodyStart() + offset);
            if (file.added(line)) {
                return line;
            }
            first = first < 0 ? line : first;
        }
        return first;
    }
}
