package dev.rustreview.git;
import dev.rustreview.model.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.api.errors.InvalidRefNameException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Writes a sample manifest as a real repository into a fresh folder we own: objects, refs, HEAD, and a
 * working tree and index matching HEAD so {@code git status} is clean. Every id depends only on the
 * manifest and the file contents, so the same sample has the same commit ids on every machine.
 */
final class SampleRepositoryWriter {

    private final SampleManifest manifest;
    private final Map<String, byte[]> contents;

    SampleRepositoryWriter(SampleManifest manifest, Map<String, byte[]> contents) {
        this.manifest = manifest;
        this.contents = contents;
    }

    void writeInto(Path dir) throws IOException {
        ReadOnlySystemReader.install(); // creating a repository reads configs too: still no spawned git
        try (Repository repo = newRepository(dir)) {
            Map<String, ObjectId> commits = new HashMap<>();
            Map<String, SortedMap<String, ObjectId>> trees = new HashMap<>();
            try (ObjectInserter inserter = repo.newObjectInserter()) {
                for (SampleManifest.CommitSpec spec : manifest.commits()) {
                    SortedMap<String, ObjectId> tree = treeOf(inserter, spec, trees);
                    commits.put(spec.key(), inserter.insert(commitOf(inserter, spec, tree, commits)));
                    trees.put(spec.key(), tree);
                }
                inserter.flush();
            }
            for (Map.Entry<String, String> branch : manifest.branches().entrySet()) {
                setRef(repo, Constants.R_HEADS + branch.getKey(), commits.get(branch.getValue()));
            }
            for (Map.Entry<String, String> tag : manifest.tagMap().entrySet()) {
                setRef(repo, Constants.R_TAGS + tag.getKey(), commits.get(tag.getValue()));
            }
            RefUpdate head = repo.updateRef(Constants.HEAD);
            head.disableRefLog();
            checkRef(head.link(Constants.R_HEADS + manifest.head()), Constants.HEAD);
            checkOut(repo, dir, trees.get(manifest.branches().get(manifest.head())));
        }
    }

    private Repository newRepository(Path dir) throws IOException {
        FileRepositoryBuilder builder = new FileRepositoryBuilder()
                .setGitDir(dir.resolve(Constants.DOT_GIT).toFile()).setWorkTree(dir.toFile());
        try {
            builder.setInitialBranch(manifest.head());
        } catch (InvalidRefNameException e) {
            throw new BadInputException("sample manifest: head '" + manifest.head() + "' is not a valid branch name");
        }
        Repository repo = builder.build();
        repo.create(false);
        return repo;
    }

    /** The first parent's tree, plus this commit's files, minus its deletions. */
    private SortedMap<String, ObjectId> treeOf(ObjectInserter inserter, SampleManifest.CommitSpec spec,
                                               Map<String, SortedMap<String, ObjectId>> trees) throws IOException {
        SortedMap<String, ObjectId> tree = spec.parentKeys().isEmpty()
                ? new TreeMap<>() : new TreeMap<>(trees.get(spec.parentKeys().get(0)));
        for (Map.Entry<String, String> file : spec.fileMap().entrySet()) {
            tree.put(file.getKey(), inserter.insert(Constants.OBJ_BLOB, contents.get(file.getValue())));
        }
        for (String path : spec.deletions()) {
            if (tree.remove(path) == null) {
                throw new BadInputException("sample manifest: commit '" + spec.key() + "' deletes " + path
                        + ", which its first parent does not have");
            }
        }
        return tree;
    }

    private CommitBuilder commitOf(ObjectInserter inserter, SampleManifest.CommitSpec spec,
                                   SortedMap<String, ObjectId> tree, Map<String, ObjectId> commits) throws IOException {
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(writeTree(inserter, tree, spec.key()));
        for (String parent : spec.parentKeys()) {
            commit.addParentId(commits.get(parent));
        }
        commit.setAuthor(person(spec.author(), spec.authored(), spec.key()));
        commit.setCommitter(person(spec.committer(), spec.committed(), spec.key()));
        commit.setMessage(spec.message());
        return commit;
    }

    private PersonIdent person(String identity, String when, String key) {
        SampleManifest.Identity who = manifest.identities().get(identity);
        OffsetDateTime time = SampleManifest.time(when, "commit '" + key + "' time");
        return new PersonIdent(who.name(), who.email(), time.toInstant(), time.getOffset());
    }

    private static ObjectId writeTree(ObjectInserter inserter, SortedMap<String, ObjectId> tree, String key)
            throws IOException {
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        for (Map.Entry<String, ObjectId> file : tree.entrySet()) {
            builder.add(entry(file.getKey(), file.getValue(), key));
        }
        builder.finish();
        return index.writeTree(inserter);
    }

    private static DirCacheEntry entry(String path, ObjectId blob, String key) {
        DirCacheEntry entry;
        try {
            entry = new DirCacheEntry(path);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("sample manifest: commit '" + key + "' has an invalid path '" + path + "'");
        }
        entry.setFileMode(FileMode.REGULAR_FILE);
        entry.setObjectId(blob);
        return entry;
    }

    /** Plain file writes and an index with their sizes and times: this is our freshly made repository. */
    private static void checkOut(Repository repo, Path dir, SortedMap<String, ObjectId> tree) throws IOException {
        DirCache index = repo.lockDirCache();
        try {
            DirCacheBuilder builder = index.builder();
            for (Map.Entry<String, ObjectId> file : tree.entrySet()) {
                Path target = dir.resolve(file.getKey()).normalize();
                Files.createDirectories(target.getParent());
                Files.write(target, repo.open(file.getValue(), Constants.OBJ_BLOB).getBytes());
                DirCacheEntry entry = entry(file.getKey(), file.getValue(), "HEAD");
                entry.setLength(Files.size(target));
                entry.setLastModified(Files.getLastModifiedTime(target).toInstant());
                builder.add(entry);
            }
            builder.commit();
        } finally {
            index.unlock();
        }
    }

    private static void setRef(Repository repo, String name, ObjectId id) throws IOException {
        RefUpdate update = repo.updateRef(name);
        update.setNewObjectId(id);
        update.disableRefLog();
        checkRef(update.update(), name);
    }

    private static void checkRef(RefUpdate.Result result, String name) throws IOException {
        if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED
                && result != RefUpdate.Result.NO_CHANGE) {
            throw new IOException("could not write " + name + ": " + result);
        }
    }
}
