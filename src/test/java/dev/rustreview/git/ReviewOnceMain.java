package dev.rustreview.git;
import dev.rustreview.model.ChangeSet;
import java.nio.file.Path;
import org.eclipse.jgit.util.FS;

/**
 * Run in a fresh JVM by {@link FreshMachineTest}: opens a repository and reviews it the way the app
 * does, then prints the timestamp resolution JGit settled on for the repository's git directory.
 */
public final class ReviewOnceMain {

    private ReviewOnceMain() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        try (GitRepository repo = GitRepository.open(dir)) {
            ChangeSet changes = repo.branchDiff(null, null, DiffOptions.DEFAULT);
            repo.commitDiff("HEAD", DiffOptions.DEFAULT);
            repo.refs();
            String blob = changes.files().get(0).newBlobId();
            repo.sources(DiffOptions.DEFAULT).blob(blob).orElseThrow();
            System.out.println("files=" + changes.files().size());
        }
        System.out.println("resolution=" + FS.getFileStoreAttributes(dir.resolve(".git")).getFsTimestampResolution());
    }
}
