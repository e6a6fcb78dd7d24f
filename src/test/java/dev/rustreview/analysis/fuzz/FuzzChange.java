package dev.rustreview.analysis.fuzz;

import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.ChangeType;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.FileKind;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.LineKind;
import dev.rustreview.model.Revision;
import dev.rustreview.model.SourceReader;
import dev.rustreview.model.TreeFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One changed {@code .rs} file as git would hand it to the analyzer, held in memory: the old side (null for an
 * added file), the new side, one git hunk between them (common leading and trailing lines trimmed, three lines of
 * context), and a head tree holding a {@code Cargo.toml} and a sibling file, so the crate index reads the crate.
 */
final class FuzzChange implements SourceReader {

    static final String SIBLING_PATH = "src/sibling.rs";
    private static final String HEAD = "c".repeat(40);

    private final String path;
    private final String oldText;
    private final String newText;
    private final String siblingText;
    private final String manifest;
    // Blob ids are git's own hashes of the texts: the crate index caches file facts by blob id.
    private final String oldId;
    private final String newId;
    private final String siblingId;
    private final String manifestId;
    private final String edition;

    /** @param oldText null for an added file */
    FuzzChange(String path, String oldText, String newText, String siblingText, String edition) {
        this.path = path;
        this.oldText = oldText;
        this.newText = newText;
        this.siblingText = siblingText;
        this.edition = edition;
        this.manifest = "[package]\nname = \"fuzzed\"\nversion = \"0.1.0\"\nedition = \"" + edition + "\"\n";
        this.oldId = oldText == null ? null : blobId(oldText);
        this.newId = blobId(newText);
        this.siblingId = blobId(siblingText);
        this.manifestId = blobId(manifest);
    }

    String siblingText() {
        return siblingText;
    }

    String edition() {
        return edition;
    }

    String path() {
        return path;
    }

    String oldText() {
        return oldText;
    }

    String newText() {
        return newText;
    }

    private static String blobId(String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            java.security.MessageDigest sha1 = java.security.MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + bytes.length + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return java.util.HexFormat.of().formatHex(sha1.digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    ChangeSet changeSet() {
        List<Hunk> hunks = oldText != null && oldText.equals(newText) ? List.of() : List.of(hunk());
        FileChange file = new FileChange(oldText == null ? null : path, path,
                oldText == null ? ChangeType.ADDED : ChangeType.MODIFIED, 0,
                oldText == null ? FileKind.NONE : FileKind.REGULAR, FileKind.REGULAR, oldId, newId,
                oldText == null ? -1 : oldText.length(), newText.length(), false, false, "rust", "UTF-8", hunks);
        return new ChangeSet("/fuzz", new Revision("base", "refs/heads/base", "b".repeat(40)),
                new Revision("head", "refs/heads/head", HEAD), "b".repeat(40), "b".repeat(40),
                HEAD, List.of(), List.of(file));
    }

    /** The single hunk git would show: everything between the common first and last lines, with context. */
    private Hunk hunk() {
        List<Line> before = oldText == null ? List.of() : lines(oldText);
        List<Line> after = lines(newText);
        int head = 0;
        while (head < before.size() && head < after.size() && before.get(head).equals(after.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < before.size() - head && tail < after.size() - head
                && before.get(before.size() - 1 - tail).equals(after.get(after.size() - 1 - tail))) {
            tail++;
        }
        int from = Math.max(0, head - 3);
        int contextAfter = Math.min(3, tail);
        List<DiffLine> lines = new ArrayList<>();
        for (int i = from; i < head; i++) {
            lines.add(line(LineKind.CONTEXT, i + 1, i + 1, before.get(i)));
        }
        for (int i = head; i < before.size() - tail; i++) {
            lines.add(line(LineKind.REMOVED, i + 1, 0, before.get(i)));
        }
        for (int i = head; i < after.size() - tail; i++) {
            lines.add(line(LineKind.ADDED, 0, i + 1, after.get(i)));
        }
        for (int k = 0; k < contextAfter; k++) {
            int o = before.size() - tail + k;
            int n = after.size() - tail + k;
            lines.add(line(LineKind.CONTEXT, o + 1, n + 1, after.get(n)));
        }
        int oldCount = before.size() - tail + contextAfter - from;
        int newCount = after.size() - tail + contextAfter - from;
        return new Hunk(oldCount == 0 ? from : from + 1, oldCount, newCount == 0 ? from : from + 1, newCount, lines);
    }

    private static DiffLine line(LineKind kind, int oldLine, int newLine, Line l) {
        return new DiffLine(kind, oldLine, newLine, l.text(), l.crlf(), l.last());
    }

    /** A line as the git layer splits text: on LF, the CR of a CR LF ending kept aside. */
    private record Line(String text, boolean crlf, boolean last) {
    }

    private static List<Line> lines(String text) {
        List<Line> out = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int lf = text.indexOf('\n', at);
            int end = lf < 0 ? text.length() : lf;
            boolean crlf = lf >= 0 && end > at && text.charAt(end - 1) == '\r';
            out.add(new Line(text.substring(at, crlf ? end - 1 : end), crlf, lf < 0));
            at = lf < 0 ? text.length() : lf + 1;
        }
        return out;
    }

    @Override
    public Optional<String> blob(String blobId) {
        if (blobId.equals(newId)) {
            return Optional.of(newText);
        } else if (blobId.equals(oldId)) {
            return Optional.of(oldText);
        } else if (blobId.equals(siblingId)) {
            return Optional.of(siblingText);
        }
        return blobId.equals(manifestId) ? Optional.of(manifest) : Optional.empty();
    }

    @Override
    public Optional<String> fileAt(String commitId, String path) {
        return switch (path) {
            case "Cargo.toml" -> Optional.of(manifest);
            default -> path.equals(this.path) ? Optional.of(newText) : Optional.empty();
        };
    }

    @Override
    public List<TreeFile> files(String commitId, List<String> suffixes) {
        if (!commitId.equals(HEAD)) {
            return List.of();
        }
        List<TreeFile> out = new ArrayList<>(List.of(new TreeFile("Cargo.toml", manifestId), new TreeFile(path, newId)));
        if (!path.equals(SIBLING_PATH)) {
            out.add(new TreeFile(SIBLING_PATH, siblingId));
        }
        return out.stream().filter(f -> suffixes.stream().anyMatch(f.path()::endsWith)).toList();
    }
}
