package dev.rustreview.check;

import dev.rustreview.model.Severity;
import java.util.HashMap;
import java.util.Map;

/**
 * Which clippy group each lint belongs to, read from the installed clippy's own {@code -W help} listing (so it
 * matches the clippy that produced the diagnostics), and the severity that follows: errors and
 * {@code correctness}/{@code suspicious} lints are high, {@code complexity}/{@code perf} and rustc's warnings
 * medium, the rest ({@code style}, {@code pedantic}, {@code nursery}, ...) low.
 */
final class LintGroups {

    private final Map<String, String> groupOf;

    private LintGroups(Map<String, String> groupOf) {
        this.groupOf = groupOf;
    }

    static LintGroups empty() {
        return new LintGroups(Map.of());
    }

    /** Parses lines like {@code clippy::suspicious  clippy::await-holding-lock, clippy::...}. */
    static LintGroups parse(String help) {
        Map<String, String> groups = new HashMap<>();
        for (String raw : help.split("\n")) {
            String line = raw.strip();
            if (!line.startsWith("clippy::")) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            if (parts.length < 2 || !parts[1].startsWith("clippy::")) {
                continue;
            }
            String group = parts[0].substring("clippy::".length());
            if (group.equals("all")) {
                continue;
            }
            for (String lint : parts[1].split(",")) {
                String name = lint.strip().replace("clippy::", "").replace('-', '_');
                if (!name.isEmpty()) {
                    groups.putIfAbsent(name, group);
                }
            }
        }
        return new LintGroups(Map.copyOf(groups));
    }

    String group(String clippyLint) {
        return groupOf.getOrDefault(clippyLint, "");
    }

    Severity severity(Diagnostic d) {
        if (d.level().equals("error")) {
            return Severity.HIGH;
        }
        if (!d.isClippy()) {
            return Severity.MEDIUM;
        }
        return switch (group(d.lintName())) {
            case "correctness", "suspicious" -> Severity.HIGH;
            case "complexity", "perf" -> Severity.MEDIUM;
            default -> Severity.LOW;
        };
    }
}
