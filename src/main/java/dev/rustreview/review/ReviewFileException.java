package dev.rustreview.review;

import dev.rustreview.model.BadInputException;
import java.nio.file.Path;

/**
 * A review file that could not be read (corrupt, truncated, from a newer version): it has been moved aside,
 * never overwritten, and the caller may start fresh or open the backup.
 *
 * @see ReviewStore#loadBackup(String)
 */
public final class ReviewFileException extends BadInputException {

    private final transient Path movedTo;
    private final boolean backupAvailable;

    ReviewFileException(String message, Path movedTo, boolean backupAvailable, Throwable cause) {
        super(message, cause);
        this.movedTo = movedTo;
        this.backupAvailable = backupAvailable;
    }

    /** Where the unreadable file now is. */
    public Path movedTo() {
        return movedTo;
    }

    public boolean backupAvailable() {
        return backupAvailable;
    }
}
