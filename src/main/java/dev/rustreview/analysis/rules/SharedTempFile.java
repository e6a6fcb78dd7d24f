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
 * SS5: a file in the system's temporary directory named by constant text, or by constant text and the
 * process id only. Every thread of the process (and every test of a parallel test run) that reaches the code
 * gets the same path, so one overwrites or deletes the file another is still using; the temporary directory is
 * shared with other users too. Agents write this often: the process id looks unique, and is, per process.
 */
public final class SharedTempFile implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("SS5", RiskArea.SHARED_STATE, Severity.MEDIUM, "fixed name in the temp directory",
            "An added `temp_dir().join(..)` whose name is a string literal or a `format!` of literals and "
                    + "`process::id()` only, or a `Path::new`/`PathBuf::from` of a literal under `/tmp/`.",
            "It cannot see a name made unique elsewhere (a variable holding a counter or a random suffix is trusted), "
                    + "nor whether only one thread can ever reach the code.");

    private static final Pattern JOIN = Pattern.compile("\\btemp_dir\\s*\\(\\s*\\)\\s*\\.\\s*join\\s*\\(");
    private static final Pattern TMP_LITERAL = Pattern.compile(
            "\\b(?:Path::new|PathBuf::from)\\s*\\(\\s*\"/tmp/[^\"{}]*\"\\s*\\)");
    private static final Pattern PID = Pattern.compile("(?:(?:std\\s*::\\s*)?process\\s*::\\s*)?id\\s*\\(\\s*\\)");
    private static final Pattern LITERAL = Pattern.compile("\"[^\"]*\"|\\d+|[A-Z][A-Z0-9_]*");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        if (!file.isRust() || file.newText() == null
                || (!file.newText().contains("temp_dir") && !file.newText().contains("/tmp/"))) {
            return List.of();
        }
        String text = file.newText();
        String masked = ItemOutline.after(file).masked();
        ItemOutline outline = ItemOutline.after(file);
        List<Finding> out = new ArrayList<>();
        Matcher join = JOIN.matcher(masked);
        while (join.find()) {
            int argStart = join.end();
            int argEnd = close(masked, argStart);
            int line = outline.line(join.start());
            if (argEnd < 0 || !file.anyAdded(line, outline.line(argEnd))) {
                continue;
            }
            String arg = text.substring(argStart, argEnd).strip();
            if (fixedName(arg)) {
                out.add(finding(file, line, outline.line(argEnd), arg));
            }
        }
        Matcher tmp = TMP_LITERAL.matcher(text);
        while (tmp.find()) {
            int line = outline.line(tmp.start());
            if (file.added(line) && masked.charAt(tmp.start()) != ' ') {
                out.add(finding(file, line, line, tmp.group()));
            }
        }
        return out;
    }

    /** A literal, or {@code format!} of a literal with only literals, constants and the process id as arguments. */
    static boolean fixedName(String arg) {
        String a = arg.startsWith("&") ? arg.substring(1).strip() : arg;
        if (a.matches("\"[^\"{}]*\"")) {
            return true;
        }
        Matcher f = Pattern.compile("^format!\\s*\\(\\s*(\"[^\"]*\")\\s*(.*)\\)$", Pattern.DOTALL).matcher(a);
        if (!f.find()) {
            return false;
        }
        String format = f.group(1);
        if (Pattern.compile("\\{[A-Za-z_]").matcher(format).find()) {
            return false; // an inline capture: a variable we cannot judge
        }
        String rest = f.group(2).strip();
        if (rest.isEmpty()) {
            return true;
        }
        if (!rest.startsWith(",")) {
            return false;
        }
        for (String part : splitTopLevel(rest.substring(1))) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            boolean processId = PID.matcher(p).matches() && p.contains("process");
            if (!processId && !LITERAL.matcher(p).matches()) {
                return false;
            }
        }
        return true;
    }

    private static List<String> splitTopLevel(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(s.substring(from, i));
                from = i + 1;
            }
        }
        out.add(s.substring(from));
        return out;
    }

    /** Offset of the {@code )} closing the call whose arguments start at {@code from}, or -1. */
    private static int close(String masked, int from) {
        int depth = 0;
        int limit = Math.min(masked.length(), from + 2_000);
        for (int i = from; i < limit; i++) {
            char c = masked.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth == 0) {
                    return c == ')' ? i : -1;
                }
                depth--;
            }
        }
        return -1;
    }

    private static Finding finding(ChangedFile file, int line, int end, String name) {
        String shown = RuleSupport.shorten(name.replaceAll("\\s+", " "));
        return FindingBuilder.lines(INFO, file, Side.NEW, line, Math.max(line, end))
                .object("temp path " + shown)
                .title("Temporary file with a fixed name: `" + shown + "`")
                .explanation("The path in the temporary directory is built from `" + shown + "`, which is the same for "
                        + "every thread of this process (and for every test of a parallel `cargo test` run): two callers "
                        + "at once write, read and delete the same file, and one removes it while the other still uses "
                        + "it. The process id does not help inside one process; the directory is shared with other "
                        + "users too (a predictable name can be pre-created by someone else).")
                .check("Use the `tempfile` crate (`NamedTempFile`, `tempdir()`), or add a per-call unique part (an "
                        + "atomic counter with the process id) and create the file with `create_new(true)`.")
                .build();
    }
}
