package dev.rustreview.ui.app;

import dev.rustreview.io.AtomicFiles;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;

/**
 * What the window remembers between runs: size, split positions, theme and last repository. Stored as a
 * small properties file in the config folder and written atomically (temp file, then rename), so a crash
 * mid-write leaves the previous file intact; an unreadable file just means defaults.
 *
 * @param lastRepo the repository open when the window closed (from --repo or Open folder), or null for the sample
 * @param grouping the navigator's grouping ({@code PLAN}, {@code CATEGORY}, ...), remembered as chosen
 * @param advance  whether a decision moves the selection to the next undecided unit
 * @param hideUnchanged whether the navigator hides units unchanged since the last round
 */
public record WindowPrefs(double width, double height, double[] dividers, boolean dark, Path lastRepo,
                          String grouping, boolean advance, boolean hideUnchanged) {

    public static final WindowPrefs DEFAULTS = new WindowPrefs(1400, 860, new double[] {0.26, 0.72}, false, null);
    static final String FILE = "window.properties";

    public WindowPrefs {
        dividers = dividers.clone();
        grouping = grouping == null || grouping.isBlank() ? "PLAN" : grouping;
    }

    /** The navigator settings at their defaults (the plan, next after deciding). */
    public WindowPrefs(double width, double height, double[] dividers, boolean dark, Path lastRepo) {
        this(width, height, dividers, dark, lastRepo, "PLAN", true);
    }

    /** With units unchanged since the last round shown (the default). */
    public WindowPrefs(double width, double height, double[] dividers, boolean dark, Path lastRepo, String grouping,
                       boolean advance) {
        this(width, height, dividers, dark, lastRepo, grouping, advance, false);
    }

    /** Reads {@code dir/window.properties}; defaults for anything missing or unreadable. */
    public static WindowPrefs load(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return DEFAULTS;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            double[] dividers = Arrays.stream(p.getProperty("dividers", "0.26,0.72").split(","))
                    .mapToDouble(Double::parseDouble).filter(d -> d > 0 && d < 1).toArray();
            String repo = p.getProperty("lastRepo");
            return new WindowPrefs(clamp(p.getProperty("width"), DEFAULTS.width), clamp(p.getProperty("height"), DEFAULTS.height),
                    dividers.length == 2 ? dividers : DEFAULTS.dividers, Boolean.parseBoolean(p.getProperty("dark")),
                    repo == null || repo.isBlank() ? null : Path.of(repo), p.getProperty("grouping"),
                    !"false".equals(p.getProperty("advance")), "true".equals(p.getProperty("hideUnchanged")));
        } catch (IOException | RuntimeException e) {
            return DEFAULTS;
        }
    }

    private static double clamp(String value, double fallback) {
        double v = value == null ? fallback : Double.parseDouble(value);
        return Math.max(400, Math.min(10_000, v));
    }

    /** Writes atomically into {@code dir}, creating it. */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Properties p = new Properties();
        p.setProperty("width", Double.toString(width));
        p.setProperty("height", Double.toString(height));
        p.setProperty("dividers", Arrays.stream(dividers).mapToObj(Double::toString).reduce((a, b) -> a + "," + b).orElse(""));
        p.setProperty("dark", Boolean.toString(dark));
        p.setProperty("grouping", grouping);
        p.setProperty("advance", Boolean.toString(advance));
        p.setProperty("hideUnchanged", Boolean.toString(hideUnchanged));
        if (lastRepo != null) {
            p.setProperty("lastRepo", lastRepo.toAbsolutePath().normalize().toString());
        }
        java.io.StringWriter out = new java.io.StringWriter();
        p.store(out, "Rust Review window state");
        AtomicFiles.replace(dir.resolve(FILE), out.toString().getBytes(StandardCharsets.UTF_8), null);
    }

    public WindowPrefs withLastRepo(Path repo) {
        return new WindowPrefs(width, height, dividers, dark, repo, grouping, advance, hideUnchanged);
    }
}
