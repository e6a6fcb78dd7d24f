package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.LineKind;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ER11: a {@code match} arm that returned {@code Err(..)} returns {@code Ok(..)} after the change, for the same
 * pattern. The case is now reported as success: callers that stopped, retried or reported on the error carry on
 * as if the input were fine. It reads lines, not fns, so it also sees the arms of a {@code macro_rules!} template:
 * quick-xml 3b5d5b14 is the reverse of its fix, where {@code Ok(None) => Err(Error::Syntax(SyntaxError::UnclosedTag))}
 * became {@code Ok(None) => Ok(Event::Eof)} and an unclosed {@code <} ended the document without an error.
 * Making an error arm succeed is also how a failing test is made to pass without fixing anything.
 */
public final class ErrorArmMadeSuccess implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("ER11", RiskArea.ERRORS, Severity.MEDIUM, "error arm now returns Ok",
            "Outside test code, one hunk of the change removes a match arm `P => Err(..)` (or `P => return Err(..)`) "
                    + "and adds an arm `P => Ok(..)` with the same pattern text `P` (`ref`/`mut` aside), and does not "
                    + "also remove a `P => Ok(..)` or add a `P => Err(..)` (arms swapped); or adds, for the same "
                    + "pattern, an arm that only logs (`Err(e) => debug!(..)`, `warn!`, `error!`, `eprintln!`) in place "
                    + "of the one that returned the error; or replaces a line `Err(..)` with a line `Ok(..)` right after "
                    + "it inside an `Err(..) =>` arm or an `if let Err(..)` block.",
            "It pairs arms by their pattern's text within a hunk: an arm rewritten with another pattern, an error "
                    + "moved into a block arm (`P => { .. Err(..) }`) or into a helper, is not seen.");

    private static final Pattern ARM = Pattern.compile("^\\s*(?:\\|\\s*)?([^=;{}]{1,160}?)\\s*=>\\s*(?:(?:return\\s+)?"
            + "(Err|Ok)\\s*\\(|(" + RuleSupport.LOG_MACRO + "))");
    private static final Pattern BINDING_MODE = Pattern.compile("\\b(?:ref|mut)\\s+");
    private static final int MAX_LINE = 400;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (!file.isRust() || file.oldText() == null || file.newText() == null || file.isTestPath()) {
            return out;
        }
        ItemOutline before = ItemOutline.before(file);
        ItemOutline after = ItemOutline.after(file);
        Map<Integer, String[]> removedArms = new HashMap<>();
        Map<Integer, String[]> addedArms = new HashMap<>();
        arms(before, file.oldText(), file::removed, (pattern, kind, line, text) ->
                removedArms.put(line, new String[] {pattern, kind, text}));
        arms(after, file.newText(), file::added, (pattern, kind, line, text) ->
                addedArms.put(line, new String[] {pattern, kind, text}));
        int[] lookups = {0};
        for (Hunk hunk : file.change().hunks()) {
            tailMadeOk(file, hunk, out, lookups);
        }
        if (removedArms.isEmpty() || addedArms.isEmpty()) {
            return out;
        }
        // Arms are paired within one hunk: the same pattern text in two matches of a file (`Ok(None) =>` in three
        // macro templates) says nothing about each other.
        for (Hunk hunk : file.change().hunks()) {
            Map<String, String> errRemoved = new HashMap<>();
            Set<String> okRemoved = new HashSet<>();
            Set<String> errAdded = new HashSet<>();
            List<String[]> okAdded = new ArrayList<>();
            List<String[]> logAdded = new ArrayList<>();
            for (DiffLine d : hunk.lines()) {
                String[] arm = d.kind() == LineKind.REMOVED ? removedArms.get(d.oldLine())
                        : d.kind() == LineKind.ADDED ? addedArms.get(d.newLine()) : null;
                if (arm == null) {
                    continue;
                }
                boolean err = arm[1].equals("Err");
                if (arm[1].equals("Log")) {
                    if (d.kind() == LineKind.ADDED) {
                        logAdded.add(new String[] {arm[0], arm[2], String.valueOf(d.newLine())});
                    }
                } else if (d.kind() == LineKind.REMOVED) {
                    if (err) {
                        errRemoved.putIfAbsent(arm[0], arm[2]);
                    } else {
                        okRemoved.add(arm[0]);
                    }
                } else if (err) {
                    errAdded.add(arm[0]);
                } else {
                    okAdded.add(new String[] {arm[0], arm[2], String.valueOf(d.newLine())});
                }
            }
            for (String[] ok : okAdded) {
                String pattern = ok[0];
                String was = errRemoved.get(pattern);
                int line = Integer.parseInt(ok[2]);
                // An arm swapped with another of the same pattern (both kinds on both sides) is a reorder, not a change.
                if (was == null || okRemoved.contains(pattern) || errAdded.contains(pattern) || inTest(after, line)) {
                    continue;
                }
                errRemoved.remove(pattern);
                out.add(finding(file, line, pattern, was, ok[1]));
            }
            for (String[] log : logAdded) {
                String pattern = log[0];
                String was = errRemoved.get(pattern);
                int line = Integer.parseInt(log[2]);
                if (was == null || errAdded.contains(pattern) || inTest(after, line)) {
                    continue;
                }
                errRemoved.remove(pattern);
                out.add(loggedOnly(file, line, pattern, was, log[1]));
            }
        }
        return out;
    }

    /** Err-to-Ok line pairs looked up in the tree per file: each walks the arms of its fn. */
    private static final int MAX_TAIL_LOOKUPS = 32;
    private static final Pattern ERR_TAIL = Pattern.compile("^\\s*(?:return\\s+)?Err\\s*\\(.{0,200}\\)\\s*;?\\s*$");
    private static final Pattern OK_TAIL = Pattern.compile("^\\s*(?:return\\s+)?Ok\\s*\\(.{0,200}\\)\\s*;?\\s*$");

    /**
     * A value {@code Err(..)} replaced by {@code Ok(..)} inside the arm or block that handles an error ({@code Err(e)
     * => { if let Some(w) = w { w.error(..).await } else { Ok(()) } }}): readyset 08e4f1e2 reversed, where a failed
     * {@code set_database} during the MySQL handshake let the connection proceed with no database when no writer was
     * given. The removed line is directly followed, in the hunk's run of changed lines, by the added one.
     */
    private static void tailMadeOk(ChangedFile file, Hunk hunk, List<Finding> out, int[] lookups) {
        String removedErr = null;
        for (DiffLine d : hunk.lines()) {
            if (d.kind() == LineKind.REMOVED) {
                removedErr = d.text().length() <= MAX_LINE && ERR_TAIL.matcher(d.text()).matches() ? d.text() : null;
            } else if (d.kind() == LineKind.ADDED) {
                if (removedErr != null && d.text().length() <= MAX_LINE && OK_TAIL.matcher(d.text()).matches()
                        && lookups[0]++ < MAX_TAIL_LOOKUPS) {
                    String handled = errorHandler(file, d.newLine());
                    if (handled != null) {
                        out.add(FindingBuilder.lines(INFO, file, Side.NEW, d.newLine(), d.newLine())
                                .object(handled).object("tail made Ok")
                                .title("`" + RuleSupport.shorten(d.text().strip()) + "` replaces `"
                                        + RuleSupport.shorten(removedErr.strip()) + "` under `"
                                        + RuleSupport.shorten(handled) + "`")
                                .explanation("This line is reached only when an operation failed (`" + handled + "`). "
                                        + "Before the change it passed the failure on (`" + removedErr.strip() + "`); now "
                                        + "it reports success, so the caller carries on as if the operation had worked.")
                                .check("Keep returning the error here unless this case truly succeeds; say why in a "
                                        + "comment if it does.")
                                .build());
                    }
                }
                removedErr = null;
            } else {
                removedErr = null;
            }
        }
    }

    /** The pattern of the {@code Err(..)} arm (or {@code if let Err(..)}) of a non-test fn holding {@code line}, or null. */
    private static String errorHandler(ChangedFile file, int line) {
        dev.rustreview.analysis.crate.FileView view = dev.rustreview.analysis.crate.FileView.of(file).orElse(null);
        if (view == null) {
            return null;
        }
        dev.rustreview.analysis.crate.Nav nav = view.nav();
        dev.rustreview.analysis.Node fn = view.fnHolding(line).orElse(null);
        if (fn == null || view.isTest(fn)) {
            return null;
        }
        String found = null;
        int start = -1;
        for (dev.rustreview.analysis.Node n : nav.findInFn(fn, "match_arm", "if_expression")) {
            if (dev.rustreview.analysis.RustTree.startLine(n) > line || dev.rustreview.analysis.RustTree.endLine(n) < line
                    || n.getStartByte() < start) {
                continue;
            }
            String head = nav.is(n, "match_arm") ? nav.field(n, "pattern").map(p -> nav.tree().text(p)).orElse("")
                    : nav.field(n, "condition").map(c -> nav.tree().text(c)).orElse("");
            String h = head.strip().replaceAll("\\s+", " ");
            if (nav.is(n, "if_expression") && !inConsequence(nav, n, line)) {
                continue; // the else branch of `if let Err(..)` is the success path, not the error's handler
            }
            if (h.startsWith("Err(") || h.startsWith("Err (") || h.startsWith("let Err(") || h.startsWith("Some(Err(")) {
                found = nav.is(n, "match_arm") ? h + " =>" : "if " + h;
                start = n.getStartByte();
            } else if (nav.is(n, "match_arm") && start >= 0 && n.getStartByte() > start) {
                found = null; // an inner arm that is not an error's: its value is not the error handler's
                start = n.getStartByte();
            }
        }
        return found;
    }

    private static boolean inConsequence(dev.rustreview.analysis.crate.Nav nav, dev.rustreview.analysis.Node ifExpr,
            int line) {
        return nav.field(ifExpr, "consequence")
                .filter(b -> dev.rustreview.analysis.RustTree.startLine(b) <= line
                        && dev.rustreview.analysis.RustTree.endLine(b) >= line)
                .isPresent();
    }

    private static Finding finding(ChangedFile file, int line, String pattern, String was, String now) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(pattern)
                .title("The arm `" + RuleSupport.shorten(pattern) + " =>` now returns `Ok` where it returned `Err`")
                .explanation("Before the change this arm reported an error (`" + RuleSupport.shorten(was.strip())
                        + "`); now the same case succeeds (`" + RuleSupport.shorten(now.strip()) + "`). Callers that "
                        + "stopped, retried or reported on that error carry on as if all went well: malformed input is "
                        + "accepted, a failed operation counts as done.")
                .check("Confirm the case really is a success (the format's spec, a test that says so); otherwise "
                        + "keep the error. Turning an error arm into `Ok` is also how a failing test passes "
                        + "without a fix.")
                .build();
    }

    private static Finding loggedOnly(ChangedFile file, int line, String pattern, String was, String now) {
        return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                .object(pattern).object("logged only")
                .title("The arm `" + RuleSupport.shorten(pattern) + " =>` now only logs the error it returned")
                .explanation("Before the change this arm passed the error on (`" + RuleSupport.shorten(was.strip())
                        + "`); now it only logs it (`" + RuleSupport.shorten(now.strip()) + "`) and the code after the "
                        + "match carries on, so the caller is told the operation succeeded: a failed write or request "
                        + "counts as done, visible only in a log line that may be filtered out.")
                .check("Return the error (`" + RuleSupport.shorten(pattern) + " => return Err(..)`) unless the "
                        + "operation is truly best-effort; then say so in a comment and count the failures.")
                .build();
    }

    private interface ArmSink {
        void arm(String pattern, String kind, int line, String text);
    }

    /**
     * Every arm line that {@code changed} accepts: its pattern (squeezed, read from the masked text so a `=>` in a
     * string or comment is no arm), Ok or Err, line, and the line as written.
     */
    private static void arms(ItemOutline outline, String source, java.util.function.IntPredicate changed,
                             ArmSink sink) {
        String[] lines = outline.masked().split("\n", -1);
        String[] written = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String text = lines[i];
            if (text.length() > MAX_LINE || !changed.test(i + 1) || !text.contains("=>")) {
                continue;
            }
            Matcher m = ARM.matcher(text);
            if (m.find()) {
                sink.arm(RuleSupport.squeezed(BINDING_MODE.matcher(m.group(1)).replaceAll("")),
                        m.group(2) != null ? m.group(2) : "Log", i + 1,
                        written.length == lines.length ? written[i] : text);
            }
        }
    }

    /** Whether the line is inside a test fn or test module. */
    private static boolean inTest(ItemOutline outline, int line) {
        for (ItemOutline.Item item : outline.items()) {
            if ((item.kind() == ItemOutline.Kind.FN || item.kind() == ItemOutline.Kind.MOD) && outline.inTest(item)
                    && outline.line(item.start()) <= line && line <= outline.endLine(item)) {
                return true;
            }
        }
        return false;
    }
}
