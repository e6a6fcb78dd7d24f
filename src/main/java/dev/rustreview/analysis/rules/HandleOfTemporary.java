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
 * US17: a line the change adds keeps a raw handle ({@code as_raw_fd()}, {@code raw_fd()}, {@code as_raw_handle()},
 * {@code as_raw_socket()}, {@code as_ptr()}, {@code as_mut_ptr()}) of a value that only lives as a temporary
 * ({@code File::open(p)?}, {@code FileDesc::new(fd, true)}, {@code CString::new(s).unwrap()}, {@code vec![..]},
 * {@code s.to_vec()}), and the handle outlives the statement: it is bound with {@code let}, assigned, returned, or is
 * the value of a block or match arm. The temporary is dropped at the end of its statement, which closes the file
 * descriptor or frees the buffer, so the handle names a closed (and soon reused) descriptor or freed memory.
 * crossterm 1dd20f3a is the reverse of its fix: {@code size()} ran {@code ioctl(TIOCGWINSZ)} on the descriptor of a
 * {@code FileDesc} that had already closed it. A handle passed straight to a call ({@code ioctl(File::open(p)?
 * .as_raw_fd(), ..)}) is fine: the temporary lives until the call returns.
 */
public final class HandleOfTemporary implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("US17", RiskArea.UNSAFE, Severity.HIGH, "raw handle of a temporary kept",
            "A line the change adds in a non-test fn takes `as_raw_fd()`/`raw_fd()`/`as_raw_handle()`/`as_raw_socket()`/"
                    + "`as_ptr()`/`as_mut_ptr()` of a value built in the same expression (`Type::new/open/create/from/"
                    + "with_capacity(..)`, optionally with `?`/`unwrap()`/`expect(..)`, `vec![..]`, `format!(..)`, "
                    + "`.to_vec()`/`.to_owned()`/`.to_string()`) and binds it with `let`, assigns it, returns it or "
                    + "leaves it as a block's or match arm's value: the owner is dropped at the end of that statement.",
            "It reads one expression: an owner kept alive by a guard the text does not show, a type that does not own "
                    + "what its handle points to (a `Copy` wrapper other than `NonNull`), or a handle kept in a struct "
                    + "literal, is not told apart.");

    /**
     * A call's arguments, two levels of parentheses deep. Every repeated group is bounded and each of its turns
     * eats a whole run (possessive): Java's regex engine recurses once per turn of a group, and a fuzzed chain of
     * thousands of segments overflowed the stack when the loops were unbounded and took one character a turn.
     */
    private static final String ARGS = "\\((?:[^()]++|\\((?:[^()]++|\\([^()]*+\\)){0,40}\\)){0,40}\\)";
    private static final String OWNER = "(?:"
            + "(?<![\\w.:])(?:[A-Za-z_]\\w*\\s*::\\s*){0,12}[A-Z]\\w*(?:\\s*::\\s*<[^;{}()]{1,60}>)?\\s*::\\s*"
            + "(?:new|open|create|from|from_raw_fd|from_raw_handle|from_raw_socket|with_capacity|default|uninit|zeroed"
            + "|connect|bind)\\s*" + ARGS
            + "|(?<![\\w.:])(?:vec|format)\\s*!\\s*(?:" + ARGS + "|\\[(?:[^\\[\\]]++|\\[[^\\[\\]]*+\\]){0,40}\\])"
            + "|(?<![\\w.:])[A-Za-z_]\\w*(?:\\s*\\.\\s*[A-Za-z_]\\w*(?:\\s*" + ARGS + ")?){0,16}\\s*\\.\\s*"
            + "(?:to_vec|to_owned|to_string|into_bytes|into_boxed_slice)\\s*\\(\\s*\\))";
    /** What may stand between the owner and the getter and still borrow from the temporary. */
    private static final String THEN = "(?:\\s*\\?|\\s*\\.\\s*(?:unwrap|expect|unwrap_or_default)\\s*" + ARGS
            + "|\\s*\\.\\s*(?:as_slice|as_mut_slice|as_bytes|as_str|as_c_str|as_bytes_with_nul)\\s*\\(\\s*\\)){0,8}";
    private static final Pattern HANDLE = Pattern.compile("(" + OWNER + ")" + THEN
            + "\\s*\\.\\s*(as_raw_fd|raw_fd|as_raw_handle|as_raw_socket|as_ptr|as_mut_ptr)\\s*\\(\\s*\\)");
    /** Types whose value is a handle itself, or that never drops what it holds. */
    private static final Pattern NOT_OWNING = Pattern.compile("^(?:[\\w:]*::)?(?:NonNull|ManuallyDrop|BorrowedFd|Pin)\\b");
    private static final Pattern KEPT_BEFORE = Pattern.compile(
            "(?:\\blet\\s+[^;=]{1,120}?(?<![=!<>+\\-*/%&|^])=|(?<![=!<>+\\-*/%&|^.])\\b[\\w.]+\\s*=|\\breturn|=>)\\s*$");
    private static final Pattern KEPT_AFTER = Pattern.compile("^\\s*(?:as\\s+[\\w:*\\s]{1,60}?)?\\s*[;,}]");
    private static final Pattern TAIL_BEFORE = Pattern.compile("(?:^|[{\\n])[ \\t]*(?:unsafe\\s*\\{\\s*)?$");
    private static final Pattern TAIL_AFTER = Pattern.compile("^\\s*(?:as\\s+[\\w:*\\s]{1,60}?)?\\s*\\}");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        List<ItemOutline.Item> fns = ItemOutline.changedFns(file);
        if (fns.isEmpty()) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        for (ItemOutline.Item fn : fns) {
            String body = after.body(fn);
            if (!body.contains("as_raw_") && !body.contains("raw_fd") && !body.contains("_ptr")) {
                continue;
            }
            Matcher m = HANDLE.matcher(body);
            while (m.find()) {
                int line = after.line(fn.bodyStart() + m.start());
                String owner = RuleSupport.squeezed(m.group(1));
                if (!file.added(line) || NOT_OWNING.matcher(owner).find() || !kept(body, m.start(), m.end())) {
                    continue;
                }
                // The masked body blanks string contents; the title shows the source (`File::open("/dev/tty")`).
                String text = file.newText();
                int from = fn.bodyStart() + m.start(1);
                int to = fn.bodyStart() + m.start(2);
                String source = text.length() == after.masked().length() ? text.substring(from, to)
                        : body.substring(m.start(1), m.start(2));
                String shown = RuleSupport.shorten(source.strip().replaceAll("\\s*\\.$", "").replaceAll("\\s+", " "));
                String getter = m.group(2);
                boolean fd = getter.contains("raw");
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(fn.name()).object(owner + "." + getter)
                        .title("`" + getter + "()` of the temporary `" + shown + "` outlives it in `" + fn.name() + "`")
                        .explanation("`" + shown + "` is not bound to a name, so it is dropped at the end of the "
                                + "statement that builds it, and its `Drop` " + (fd
                                ? "closes the descriptor (or handle). The number kept from `" + getter + "()` then "
                                + "names a closed descriptor, which the next `open`/`socket`/`accept` in any thread "
                                + "reuses: later calls act on the wrong file or fail with EBADF."
                                : "frees the memory. The pointer kept from `" + getter + "()` dangles, and reading or "
                                + "writing through it (or handing it to C) is use after free.")
                                + " A handle used only inside the same statement (an argument of the call that needs "
                                + "it) would be fine.")
                        .check("Bind the owner to a name that lives as long as the handle is used (`let file = "
                                + "File::open(..)?; let fd = file.as_raw_fd();`), or use the handle inside the "
                                + "statement that creates the owner.")
                        .build());
            }
        }
        return out;
    }

    /** Whether the handle leaves the statement that makes the temporary: bound, assigned, returned or yielded. */
    private static boolean kept(String body, int start, int end) {
        String before = body.substring(Math.max(0, start - 200), start);
        String rest = body.substring(end, Math.min(body.length(), end + 80));
        if (KEPT_BEFORE.matcher(before).find() && KEPT_AFTER.matcher(rest).find()) {
            return true;
        }
        return TAIL_BEFORE.matcher(before).find() && TAIL_AFTER.matcher(rest).find();
    }
}
