package dev.rustreview.export;

import dev.rustreview.io.AtomicFiles;
import dev.rustreview.model.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where an export goes: a file the user named, or a name derived from the branch inside a folder the user named.
 * A derived name never leaves that folder, and an existing file is replaced in one rename ({@link AtomicFiles}).
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

    /** Replaces {@code target} atomically ({@link AtomicFiles}); a failure is one line naming the file. */
    public static void write(Path target, byte[] content) {
        try {
            AtomicFiles.replace(target, content, null);
        } catch (IOException e) {
            throw new BadInputException("could not write " + target + ": " + e.getMessage());
        }
    }
}
