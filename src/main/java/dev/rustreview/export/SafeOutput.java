package dev.rustreview.export;

import dev.rustreview.model.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Where an export goes: a file the user named, or a name derived from the branch inside a folder the user named.
 * A derived name never leaves that folder, and an existing file is replaced in one rename (the review package
 * keeps its atomic writer private, so this is the export's own, same technique).
 */
public final class SafeOutput {

    private SafeOutput() {
    }

    /** {@code agent/fix-"x"} → {@code agent-fix-x}: letters, digits, dot, dash and underscore only. */
    public static String sanitize(String name) {
        String s = name == null ? "" : name.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("-{2,}", "-")
                .replaceAll("^[-.]+|[-.]+$", "");
        return s.isEmpty() ? "review" : s.length() > 100 ? s.substring(0, 100) : s;
    }

    /**
     * The file to write: {@code out} itself, or when {@code out} is an existing folder, {@code derived} (a file
     * name made from the branch) inside it.
     */
    public static Path resolve(Path out, String derived) {
        if (!Files.isDirectory(out)) {
            Path parent = out.toAbsolutePath().getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                throw new BadInputException("the folder for '" + out + "' does not exist: create it or pass an existing folder");
            }
            return out.toAbsolutePath();
        }
        Path dir = out.toAbsolutePath().normalize();
        Path name = Path.of(derived);
        if (name.isAbsolute() || name.getNameCount() != 1 || derived.equals("..") || derived.equals(".")) {
            throw new BadInputException("derived file name '" + derived + "' is not a plain file name: refusing to write");
        }
        Path target = dir.resolve(name).normalize();
        if (!target.getParent().equals(dir)) {
            throw new BadInputException("derived file name '" + derived + "' leaves " + dir + ": refusing to write");
        }
        return target;
    }

    public static String fileName(String headRef, String extension) {
        return "review-" + sanitize(headRef) + "." + extension.toLowerCase(Locale.ROOT);
    }

    /**
     * Temp files are created owner-only; an export is meant to be shared, so it gets the permissions of the
     * file it replaces, or the usual rw-r--r-- for a new file (POSIX file systems only).
     */
    private static void shareable(Path tmp, Path target) throws IOException {
        if (!Files.getFileStore(tmp).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
            return;
        }
        Files.setPosixFilePermissions(tmp, Files.exists(target) ? Files.getPosixFilePermissions(target)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** Writes {@code content} to a temp file next to {@code target}, forces it to disk and renames it over. */
    public static void write(Path target, byte[] content) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            shareable(tmp, target);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new BadInputException("could not write " + target + ": " + e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // Only a leftover temp file; the target is either old or new.
                }
            }
        }
    }
}
