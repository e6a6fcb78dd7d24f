package dev.rustreview.check;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns what cargo printed on stderr when it could not build at all into one line a reader can act on. */
final class CargoFailure {

    private static final List<Pattern> MISSING_CRATE = List.of(
            Pattern.compile("no matching package named `([^`]+)` found"),
            Pattern.compile("failed to download `([^`]+)`"),
            Pattern.compile("failed to get `([^`]+)` as a dependency"),
            Pattern.compile("failed to load source for dependency `([^`]+)`"));

    private CargoFailure() {
    }

    /** The crate cargo could not find offline, if that is why it failed. */
    static Optional<String> missingCrate(String stderr) {
        for (Pattern pattern : MISSING_CRATE) {
            Matcher m = pattern.matcher(stderr);
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    static boolean noManifest(String stderr) {
        return stderr.contains("could not find `Cargo.toml`");
    }

    /** cargo's first {@code error:} line (with the sandbox's folder names taken out), or its last line. */
    static String firstError(String stderr) {
        String last = "";
        for (String line : stderr.split("\n")) {
            String stripped = line.strip();
            if (stripped.startsWith("error")) {
                return clean(stripped);
            }
            if (!stripped.isEmpty()) {
                last = stripped;
            }
        }
        return last.isEmpty() ? "no output" : clean(last);
    }

    private static String clean(String line) {
        String text = line.replace(Sandbox.SRC + "/", "").replace(Sandbox.SRC, ".");
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
