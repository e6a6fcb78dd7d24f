package dev.rustreview.git;
import dev.rustreview.model.BadInputException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Opens a repository for reading only: finds its git directory, builds the JGit repository and checks
 * that there is history to review. Nothing here touches the working tree, the index or hooks.
 */
final class RepositoryOpener {

    private RepositoryOpener() {
    }

    static Repository open(Path dir) {
        ReadOnlySystemReader.install();
        PackCache.install();
        if (dir == null) {
            throw new BadInputException("no repository folder given: pass --repo DIR");
        }
        Path folder = dir.toAbsolutePath().normalize();
        if (!Files.exists(folder)) {
            throw new BadInputException(folder + " does not exist: pass an existing folder with --repo DIR");
        }
        if (!Files.isDirectory(folder)) {
            throw new BadInputException(folder + " is not a folder: pass the repository's folder with --repo DIR");
        }
        Repository repo = build(folder);
        try {
            requireHistory(repo, folder);
            return repo;
        } catch (RuntimeException e) {
            repo.close();
            throw e;
        }
    }

    /**
     * The environment (GIT_DIR and friends) is deliberately not read: the user named a folder, and that
     * folder is what gets opened, whatever the shell that started us was doing.
     */
    private static Repository build(Path folder) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
        builder.findGitDir(folder.toFile());
        File gitDir = builder.getGitDir();
        if (gitDir == null) {
            throw notARepository(folder);
        }
        try {
            return builder.build();
        } catch (RepositoryNotFoundException e) {
            throw notARepository(folder);
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException(folder + " could not be opened as a git repository ("
                    + GitErrors.oneLine(e.getMessage()) + "): check it with git fsck or open another folder", e);
        }
    }

    private static BadInputException notARepository(Path folder) {
        return new BadInputException(folder
                + " is not a git repository: run rust-review in a repository or pass --repo DIR");
    }

    /**
     * An empty repository has nothing to review. An unborn HEAD in a working tree means the user is on a
     * branch without commits; a bare repository's HEAD is often stale, so there other branches suffice.
     */
    private static void requireHistory(Repository repo, Path folder) {
        String where = folder.toString();
        GitErrors.guard(where, "reading refs", () -> {
            Ref head = repo.exactRef(Constants.HEAD);
            if (head != null && head.getObjectId() != null) {
                return null;
            }
            List<Ref> refs = repo.getRefDatabase().getRefsByPrefix(Constants.R_REFS);
            boolean anyCommit = refs.stream().anyMatch(r -> r.getObjectId() != null);
            if (!anyCommit) {
                throw new BadInputException(where + " is an empty repository (no commits yet):"
                        + " commit something first, or open another repository with --repo DIR");
            }
            if (!repo.isBare()) {
                String branch = head == null ? Constants.HEAD : Repository.shortenRefName(head.getTarget().getName());
                throw new BadInputException("the current branch '" + branch + "' in " + where
                        + " has no commits yet: commit first, or switch to a branch that has commits");
            }
            return null;
        });
    }
}
