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
 * AL25: a {@code tokio::fs::File} written and dropped without {@code flush().await}. tokio's file hands each write
 * to a blocking thread and {@code write_all(..).await} returns once the bytes are handed over, not written; the
 * last write is finished by a background task only if the runtime lives long enough, so a CLI that returns right
 * after can leave the file empty or short (tokio documents it: call {@code flush} before dropping). uv 890faade
 * reversed: {@code uv tool update-shell} wrote the shell configuration through a temporary
 * {@code OpenOptions::open(..).await?.write_all(..).await?} and exited.
 */
public final class TokioFileNotFlushed implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL25", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "tokio file dropped before its write is flushed",
            "In a non-test async fn the change touches, a tokio file (`tokio::fs::File::create`/`open` or a tokio "
                    + "`OpenOptions ..open(..)`, also through `fs_err::tokio`) is written with `write_all`/`write` "
                    + "`.await` and then dropped without `flush()`, `sync_all()`, `sync_data()` or `shutdown()` "
                    + "`.await`: written as a temporary (`open(..).await?.write_all(..).await?`), or bound to a local "
                    + "that the fn neither flushes nor hands on.",
            "It reads one fn and knows tokio files by the text that opens them: a file opened by a helper, or flushed "
                    + "by a callee it is lent to, is not seen.");

    /** An expression that opens a file, up to its {@code .await}: bounded so that no scan runs away. */
    private static final Pattern OPEN = Pattern.compile(
            "(?<![\\w])(?:File\\s*::\\s*(?:create|open|create_new)|OpenOptions\\s*::\\s*new\\s*\\(\\s*\\)"
                    + "[^;{}]{0,400}?\\.\\s*open)\\s*\\([^;{}]{0,200}?\\)\\s*\\.\\s*await\\s*\\??");
    /** The path in front of an opener: {@code tokio::fs::}, {@code fs_err::tokio::}. */
    private static final Pattern PREFIX = Pattern.compile("[\\w:]{0,80}\\z");
    private static final Pattern WRITE = Pattern.compile("\\A\\s*\\.\\s*write(?:_all)?\\s*\\(");
    private static final Pattern LET = Pattern.compile("let\\s+(?:mut\\s+)?([a-z_]\\w{0,60})\\s*(?::[^=;]{0,80})?=\\s*\\z");
    private static final int MAX_OPENS = 32;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        String text = file.newText();
        if (text == null || !text.contains("tokio") || !text.contains("write")) {
            return out;
        }
        boolean tokioFs = text.contains("tokio::fs") || text.contains("fs_err::tokio");
        ItemOutline after = ItemOutline.after(file);
        String masked = after.masked();
        for (ItemOutline.Item fn : ItemOutline.touchedFns(file)) {
            if (!masked.substring(fn.start(), fn.bodyStart()).contains("async")) {
                continue;
            }
            String body = masked.substring(fn.bodyStart(), fn.bodyEnd());
            Matcher m = OPEN.matcher(body);
            int opens = 0;
            while (m.find() && opens++ < MAX_OPENS) {
                Matcher prefix = PREFIX.matcher(body.substring(Math.max(0, m.start() - 80), m.start()));
                String path = prefix.find() ? prefix.group() : "";
                if (!path.contains("tokio") && !(tokioFs && !path.contains("std"))) {
                    continue;
                }
                int line = after.line(fn.bodyStart() + m.start());
                String rest = body.substring(m.end());
                int from = m.start() - path.length();
                String before = body.substring(Math.max(0, from - 120), from);
                Matcher let = LET.matcher(before);
                String name = let.find() ? let.group(1) : null;
                int writeLine;
                if (WRITE.matcher(rest).find() && rest.indexOf(';') > 0 && rest.substring(0, rest.indexOf(';')).contains(".await")) {
                    writeLine = line;
                } else if (name != null) {
                    writeLine = unflushedWrite(body, m.end(), name, after, fn.bodyStart());
                } else {
                    continue;
                }
                if (writeLine > 0 && file.anyAdded(line, writeLine)) {
                    out.add(finding(file, fn.name(), name, line, writeLine));
                }
            }
        }
        return out;
    }

    /** The line of {@code name}'s first awaited write when the rest of the fn never flushes or hands it on; else -1. */
    private static int unflushedWrite(String body, int from, String name, ItemOutline after, int bodyStart) {
        Matcher use = Pattern.compile("(?<![\\w.])" + Pattern.quote(name) + "\\b(\\s*\\.\\s*(\\w+))?").matcher(body);
        use.region(from, body.length());
        int write = -1;
        int uses = 0;
        while (use.find() && uses++ < 64) {
            String method = use.group(2);
            if (method == null) {
                return -1; // handed on (returned, moved into a writer, passed to a call)
            }
            if (method.equals("flush") || method.equals("sync_all") || method.equals("sync_data")
                    || method.equals("shutdown") || method.equals("into_std")) {
                return -1;
            }
            if ((method.equals("write_all") || method.equals("write")) && write < 0) {
                write = after.line(bodyStart + use.start());
            }
        }
        return write;
    }

    private static Finding finding(ChangedFile file, String fn, String name, int openLine, int writeLine) {
        String what = name == null ? "the file opened on line " + openLine : "`" + name + "`";
        return FindingBuilder.lines(INFO, file, Side.NEW, openLine, Math.max(openLine, writeLine))
                .object(fn).object(name == null ? "temporary" : name)
                .title("`" + fn + "` drops a tokio file without flushing its write")
                .explanation("Line " + writeLine + " writes to " + what + " with `.await`, and the fn drops it without "
                        + "`flush().await`. A tokio file hands each write to a blocking thread: `write_all(..).await` "
                        + "returns once the bytes are handed over, and the last write finishes in the background only "
                        + "if the runtime lives on. A program that returns or exits next can leave the file short.")
                .check("Bind the file and call `flush().await?` (or `sync_all().await?` when it must reach the disk) "
                        + "after the last write, or write it with `tokio::fs::write`.")
                .build();
    }
}
