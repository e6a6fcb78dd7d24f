package dev.rustreview.git;
import dev.rustreview.model.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.MissingObjectException;

/** Turns JGit's checked failures into a one-line {@link BadInputException} or an unchecked exception with context. */
final class GitErrors {

    /** A repository operation that may fail with an {@link IOException}. */
    @FunctionalInterface
    interface IoCall<T> {
        T call() throws IOException;
    }

    private GitErrors() {
    }

    /** Runs {@code call}, translating its {@link IOException} for a repository at {@code repo}. */
    static <T> T guard(String repo, String doing, IoCall<T> call) {
        try {
            return call.call();
        } catch (IOException e) {
            throw translate(repo, doing, e);
        }
    }

    static RuntimeException translate(String repo, String doing, IOException e) {
        if (e instanceof MissingObjectException missing) {
            return new BadInputException(repo + " is missing git object " + missing.getObjectId().name()
                    + " (a shallow or partial clone?): fetch the full history (git fetch --unshallow)"
                    + " or check the repository with git fsck", e);
        }
        if (e instanceof CorruptObjectException) {
            return new BadInputException(repo + " has a corrupt git object (" + oneLine(e.getMessage())
                    + "): check the repository with git fsck", e);
        }
        return new UncheckedIOException(doing + " in " + repo + " failed: " + oneLine(e.getMessage()), e);
    }

    /** Messages are shown on one line; JGit's sometimes span several. */
    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "no details";
        }
        return message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
