package dev.rustreview.analysis;

import dev.rustreview.model.ChangeType;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.FileKind;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.LineKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Test fixture: a changed file written as a diff, each line prefixed with {@code "+ "} (added),
 * {@code "- "} (removed) or {@code "  "} (context). Without any {@code -} or context lines, the file is new.
 *
 * <pre>{@code
 * ChangedFile f = Snippet.of("src/lib.rs", """
 *       async fn run(&self) {
 *     +     let g = self.m.lock().unwrap();
 *       }
 *     """);
 * }</pre>
 */
public final class Snippet {

    private Snippet() {
    }

    public static ChangedFile of(String path, String diff) {
        StringBuilder oldText = new StringBuilder();
        StringBuilder newText = new StringBuilder();
        List<DiffLine> lines = new ArrayList<>();
        int oldLine = 0;
        int newLine = 0;
        boolean onlyAdded = true;
        for (String raw : diff.split("\n", -1)) {
            if (raw.isEmpty()) {
                continue;
            }
            String prefix = raw.length() >= 2 ? raw.substring(0, 2) : raw + " ";
            String text = raw.length() >= 2 ? raw.substring(2) : "";
            switch (prefix) {
                case "+ " -> {
                    newLine++;
                    newText.append(text).append('\n');
                    lines.add(new DiffLine(LineKind.ADDED, 0, newLine, text, false, false));
                }
                case "- " -> {
                    oldLine++;
                    onlyAdded = false;
                    oldText.append(text).append('\n');
                    lines.add(new DiffLine(LineKind.REMOVED, oldLine, 0, text, false, false));
                }
                case "  " -> {
                    oldLine++;
                    newLine++;
                    onlyAdded = false;
                    oldText.append(text).append('\n');
                    newText.append(text).append('\n');
                    lines.add(new DiffLine(LineKind.CONTEXT, oldLine, newLine, text, false, false));
                }
                default -> throw new IllegalArgumentException("snippet line must start with '+ ', '- ' or '  ': " + raw);
            }
        }
        boolean added = onlyAdded;
        boolean deleted = newLine == 0 && oldLine > 0;
        Hunk hunk = new Hunk(added ? 0 : 1, oldLine, deleted ? 0 : 1, newLine, lines);
        FileChange change = new FileChange(added ? null : path, deleted ? null : path,
                added ? ChangeType.ADDED : deleted ? ChangeType.DELETED : ChangeType.MODIFIED, 0,
                added ? FileKind.NONE : FileKind.REGULAR, deleted ? FileKind.NONE : FileKind.REGULAR,
                added ? null : "old", deleted ? null : "new", oldText.length(), newText.length(), false, false,
                path.endsWith(".rs") ? "rust" : "text", "UTF-8", List.of(hunk));
        String oldSource = added ? null : oldText.toString();
        String newSource = deleted ? null : newText.toString();
        return new ChangedFile(change, oldSource, newSource, parse(path, oldSource), parse(path, newSource));
    }

    /** A new Rust file at {@code src/lib.rs} whose every line is added. */
    public static ChangedFile added(String source) {
        StringBuilder diff = new StringBuilder();
        for (String line : source.split("\n", -1)) {
            diff.append("+ ").append(line).append('\n');
        }
        return of("src/lib.rs", diff.toString());
    }

    /**
     * {@code file} as part of a crate of {@code edition} that also holds {@code others} (path to text, unchanged
     * files the rules see only through the crate model).
     */
    public static ChangedFile inCrate(ChangedFile file, dev.rustreview.analysis.crate.Edition edition,
                                      java.util.Map<String, String> others) {
        List<dev.rustreview.analysis.crate.FileFacts> facts = new ArrayList<>();
        facts.add(dev.rustreview.analysis.crate.LexicalReader.read(file.path(), file.newText(), file.isTestPath()));
        others.forEach((p, text) -> facts.add(dev.rustreview.analysis.crate.LexicalReader.read(p, text, false)));
        return new ChangedFile(file.change(), file.oldText(), file.newText(), file.oldTree(), file.newTree(),
                new dev.rustreview.analysis.crate.CrateModel(edition, facts));
    }

    private static RustTree parse(String path, String source) {
        if (source == null || !path.endsWith(".rs")) {
            return null;
        }
        try {
            return RustParser.forCurrentThread().parse(source, ParseLimits.DEFAULT);
        } catch (ParseFailure e) {
            throw new IllegalStateException(e);
        }
    }
}
