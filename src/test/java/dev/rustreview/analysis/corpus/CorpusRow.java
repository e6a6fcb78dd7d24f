package dev.rustreview.analysis.corpus;

import dev.rustreview.model.BadInputException;
import dev.rustreview.model.RiskArea;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One row of the real-code corpus TSV: a public repository, a range {@code base..head} (the head side holds
 * the bug for bug rows), the files and risk areas a reviewer needs flagged, and the kind of change.
 *
 * @param kind {@code bug} or {@code benign-<class>} (docs, test, deps, refactor, agent)
 */
public record CorpusRow(int line, String repository, String base, String head, List<String> files,
                        Set<RiskArea> areas, String kind, String note) {

    public boolean bug() {
        return kind.equals("bug");
    }

    /** Docs-only and test-only rows, on which the targets allow no finding at or above high. */
    public boolean docsOrTestOnly() {
        return kind.equals("benign-docs") || kind.equals("benign-test");
    }

    /** The bare clone of the repository under {@code mirrors}, laid out as {@code owner+name/repo}. */
    public Path mirror(Path mirrors) {
        return mirrors.resolve(repository.replace('/', '+')).resolve("repo");
    }

    /** Reads a corpus file; '#' lines and blank lines are comments. */
    public static List<CorpusRow> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("corpus file " + file + " does not exist: pass -Dcorpus=FILE (a TSV)");
        }
        List<String> lines = Files.readAllLines(file);
        List<CorpusRow> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank() || text.startsWith("#")) {
                continue;
            }
            rows.add(parse(i + 1, text, file));
        }
        return rows;
    }

    static CorpusRow parse(int line, String text, Path file) {
        String[] cols = text.split("\t", -1);
        if (cols.length < 5) {
            throw new BadInputException(file + " line " + line + " has " + cols.length
                    + " tab-separated columns, expected 6: repository, base..head, files, areas, kind, note");
        }
        String[] range = cols[1].split("\\.\\.", -1);
        if (range.length != 2 || range[0].isBlank() || range[1].isBlank()) {
            throw new BadInputException(file + " line " + line + ": range '" + cols[1] + "' is not base..head");
        }
        String kind = cols[4].trim().toLowerCase(Locale.ROOT);
        if (!kind.equals("bug") && !kind.startsWith("benign")) {
            throw new BadInputException(file + " line " + line + ": kind '" + cols[4] + "' is neither bug nor benign-*");
        }
        List<String> files = cols[2].equals("-") ? List.of() : List.of(cols[2].split("\\|"));
        Set<RiskArea> areas = cols[3].equals("-") ? Set.of() : Arrays.stream(cols[3].split(","))
                .map(a -> area(a.trim(), file, line)).collect(Collectors.toUnmodifiableSet());
        if (kind.equals("bug") && (files.isEmpty() || areas.isEmpty())) {
            throw new BadInputException(file + " line " + line + ": a bug row needs an expected file and risk area");
        }
        return new CorpusRow(line, cols[0].trim(), range[0].trim(), range[1].trim(), files, areas, kind,
                cols.length > 5 ? cols[5] : "");
    }

    private static RiskArea area(String name, Path file, int line) {
        for (RiskArea a : RiskArea.values()) {
            if (a.name().equalsIgnoreCase(name.replace('-', '_')) || a.id().equalsIgnoreCase(name)) {
                return a;
            }
        }
        throw new BadInputException(file + " line " + line + ": unknown risk area '" + name + "' (one of "
                + Arrays.toString(RiskArea.values()) + ")");
    }
}
