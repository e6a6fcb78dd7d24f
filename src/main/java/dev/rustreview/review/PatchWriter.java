package dev.rustreview.review;

import dev.rustreview.model.DiffLine;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.FileKind;
import dev.rustreview.model.Hunk;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/**
 * Writes a subset of a branch diff's hunks as a patch {@code git apply} takes on the merge-base. The new-side
 * line numbers are recomputed, since the hunks left out no longer shift the ones after them.
 */
public final class PatchWriter {

    private PatchWriter() {
    }

    public static byte[] write(List<FileChange> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (FileChange f : files) {
            if (f.hunks().isEmpty()) {
                continue;
            }
            Charset cs = f.encoding() == null ? StandardCharsets.UTF_8 : Charset.forName(f.encoding());
            List<Hunk> hunks = f.hunks().stream().sorted(Comparator.comparingInt(Hunk::oldStart)).toList();
            boolean wholeDeletion = f.newPath() == null && hunks.stream().allMatch(h -> h.newCount() == 0)
                    && hunks.size() == 1 && hunks.get(0).oldStart() <= 1;
            String oldPath = f.oldPath() != null ? f.oldPath() : f.newPath();
            String newPath = f.newPath() != null ? f.newPath() : f.oldPath();
            StringBuilder head = new StringBuilder("diff --git a/").append(oldPath).append(" b/").append(newPath).append('\n');
            String mode = f.newKind() == FileKind.EXECUTABLE ? "100755" : "100644";
            if (f.oldPath() == null) {
                head.append("new file mode ").append(mode).append('\n');
            } else if (wholeDeletion) {
                head.append("deleted file mode ").append(f.oldKind() == FileKind.EXECUTABLE ? "100755" : "100644").append('\n');
            } else if (!f.oldPath().equals(newPath)) {
                head.append("rename from ").append(f.oldPath()).append('\n').append("rename to ").append(newPath).append('\n');
            }
            head.append("--- ").append(f.oldPath() == null ? "/dev/null" : "a/" + oldPath).append('\n');
            head.append("+++ ").append(wholeDeletion ? "/dev/null" : "b/" + newPath).append('\n');
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            int delta = 0;
            for (Hunk h : hunks) {
                int newStart = h.oldStart() + delta + (h.oldCount() == 0 ? 1 : 0) - (h.newCount() == 0 ? 1 : 0);
                StringBuilder text = new StringBuilder("@@ -").append(h.oldStart()).append(',').append(h.oldCount())
                        .append(" +").append(newStart).append(',').append(h.newCount()).append(" @@\n");
                for (DiffLine l : h.lines()) {
                    text.append(l.isAdded() ? '+' : l.isRemoved() ? '-' : ' ').append(l.text())
                            .append(l.crlf() ? "\r\n" : "\n");
                    if (l.noNewlineAtEnd()) {
                        text.append("\\ No newline at end of file\n");
                    }
                }
                out.writeBytes(text.toString().getBytes(cs));
                delta += h.newCount() - h.oldCount();
            }
        }
        return out.toByteArray();
    }
}
