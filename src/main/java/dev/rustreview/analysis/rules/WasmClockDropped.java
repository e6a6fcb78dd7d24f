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
 * PN32: a wasm-safe clock import replaced by the standard library's. On {@code wasm32-unknown-unknown}
 * {@code std::time::Instant::now()} and {@code SystemTime::now()} panic (the target has no clock), which is why
 * crates that build for the browser import them from {@code web_time} or {@code instant}. The native build and its
 * tests pass either way. fluvio 13465d78 reversed: the producer's batching panicked in the browser.
 */
public final class WasmClockDropped implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("PN32", RiskArea.PANICS, Severity.MEDIUM, "wasm-safe clock replaced by std's",
            "In a Rust file that stays, the change removes a `use` of `Instant` or `SystemTime` from `web_time`, "
                    + "`instant`, `wasm_timer` or `fluvio_wasm_timer`, and after the change the file names "
                    + "`std::time::Instant` (or `SystemTime`) and imports that type from none of them.",
            "It reads one file's imports: a crate that no longer builds for wasm32, or a type now imported from "
                    + "another module of the crate, is reported too.");

    private static final Pattern WASM_IMPORT = Pattern.compile(
            "\\buse\\s+(?:web_time|instant|wasm_timer|fluvio_wasm_timer)\\s*::[^;]{0,80}?\\b(Instant|SystemTime)\\b");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        String old = file.oldText();
        String now = file.newText();
        if (old == null || now == null || !file.isRust() || file.isTestPath()
                || !old.contains("Instant") && !old.contains("SystemTime")) {
            return out;
        }
        String[] lines = old.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = WASM_IMPORT.matcher(lines[i]);
            if (!file.removed(i + 1) || !m.find()) {
                continue;
            }
            String type = m.group(1);
            Matcher again = WASM_IMPORT.matcher(now);
            boolean kept = false;
            while (again.find()) {
                kept |= again.group(1).equals(type);
            }
            Matcher std = Pattern.compile("\\bstd\\s*::\\s*time\\s*::\\s*(?:\\{[^}]*\\b" + type + "\\b|" + type + "\\b)").matcher(now);
            if (kept || !std.find()) {
                continue;
            }
            int line = now.substring(0, std.start()).split("\n", -1).length;
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                    .object(type).object("std::time")
                    .title("`" + type + "` now comes from `std::time`, which panics on wasm32")
                    .explanation("The change removes the import of `" + type + "` from a wasm-safe crate, and the file "
                            + "now uses `std::time::" + type + "`. On `wasm32-unknown-unknown` its `now()` panics "
                            + "(the target has no clock), so the code works natively and in its tests and crashes in "
                            + "the browser.")
                    .check("Keep the wasm-safe import for wasm32 (`#[cfg(target_arch = \"wasm32\")] use web_time::"
                            + type + ";`), or build the wasm target in CI.")
                    .build());
            break;
        }
        return out;
    }
}
