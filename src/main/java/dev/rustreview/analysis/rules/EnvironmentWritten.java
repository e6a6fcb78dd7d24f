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
import java.util.regex.Pattern;

/**
 * US22: the process environment written from library code. {@code std::env::set_var} and {@code remove_var} race
 * with every other thread that reads the environment (libc's {@code getenv}, which DNS resolution, time zones and
 * many C libraries call): on most platforms that is undefined behaviour, which is why Rust 2024 makes both
 * {@code unsafe}. huggingface/tokenizers 6ea75887 reversed: {@code set_parallelism} wrote
 * {@code TOKENIZERS_PARALLELISM} while rayon's threads could be reading it.
 */
public final class EnvironmentWritten implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("US22", RiskArea.UNSAFE, Severity.MEDIUM, "environment written at run time",
            "A line the change adds in a non-test fn other than `main` (not in `build.rs`) calls "
                    + "`std::env::set_var` or `std::env::remove_var` (also as `env::set_var`, or `set_var` imported "
                    + "from `std::env`).",
            "It cannot tell whether other threads exist yet: a write made once at start-up, before any thread or "
                    + "runtime starts, is safe and is reported too.");

    private static final Pattern WRITE = Pattern.compile(
            "(?<![\\w.:])(?:std\\s*::\\s*)?env\\s*::\\s*(set_var|remove_var)\\s*\\(");
    private static final Pattern BARE = Pattern.compile("(?<![\\w.:])(set_var|remove_var)\\s*\\(");
    private static final Pattern IMPORTED = Pattern.compile("\\buse\\s+std\\s*::\\s*env\\s*::\\s*(?:\\{[^}]*\\b(?:set_var|remove_var)\\b|set_var\\b|remove_var\\b)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        String text = file.newText();
        if (text == null || !text.contains("_var") || file.path().endsWith("build.rs")) {
            return out;
        }
        Pattern call = IMPORTED.matcher(text).find() ? Pattern.compile(WRITE.pattern() + "|" + BARE.pattern()) : WRITE;
        for (ItemOutline.AddedMatch m : ItemOutline.addedMatches(file, call)) {
            if (m.fn().name().equals("main")) {
                continue;
            }
            String op = m.match().group(1) != null ? m.match().group(1) : m.match().group(2);
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, m.line(), m.line())
                    .object(m.fn().name()).object("env::" + op)
                    .title("`env::" + op + "` in `" + m.fn().name() + "` writes the process environment")
                    .explanation("`" + m.fn().name() + "` changes the environment while the program runs. Any other "
                            + "thread that reads it at the same time (libc's `getenv`, called by DNS lookups, time zone "
                            + "code and many C libraries) races with the write, which is undefined behaviour on most "
                            + "platforms; Rust 2024 makes `" + op + "` an `unsafe` fn for this reason.")
                    .check("Keep the setting in the program (an atomic, a config value) and only read the environment, "
                            + "or write it once in `main` before any thread starts.")
                    .build());
            if (out.size() >= 4) {
                break;
            }
        }
        return out;
    }
}
