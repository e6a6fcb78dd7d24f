package dev.rustreview.git;
import dev.rustreview.model.FileKind;
import org.eclipse.jgit.lib.FileMode;

/** Maps git file modes to the model's {@link FileKind}. */
final class FileKinds {

    private FileKinds() {
    }

    static FileKind of(FileMode mode) {
        if (mode == null || FileMode.MISSING.equals(mode)) {
            return FileKind.NONE;
        }
        if (FileMode.EXECUTABLE_FILE.equals(mode)) {
            return FileKind.EXECUTABLE;
        }
        if (FileMode.SYMLINK.equals(mode)) {
            return FileKind.SYMLINK;
        }
        if (FileMode.GITLINK.equals(mode)) {
            return FileKind.SUBMODULE;
        }
        return FileKind.REGULAR;
    }

    /** Regular and executable files are one type of entry; a symlink and a submodule are each their own. */
    static boolean isTypeChange(FileKind from, FileKind to) {
        return from != FileKind.NONE && to != FileKind.NONE && group(from) != group(to);
    }

    private static int group(FileKind kind) {
        return switch (kind) {
            case REGULAR, EXECUTABLE -> 0;
            case SYMLINK -> 1;
            case SUBMODULE -> 2;
            case NONE -> 3;
        };
    }
}
