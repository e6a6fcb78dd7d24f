package dev.rustreview.git;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
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
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Builds small repositories for tests with JGit's object-level API: every commit is given its whole tree,
 * times advance one minute per commit from a fixed instant, and nothing is checked out unless asked.
 */
final class TestRepo implements AutoCloseable {

    static final ZoneOffset ZONE = ZoneOffset.ofHours(2);

    final Repository repo;
    final Path dir;
    private Instant clock = Instant.parse("2026-09-01T07:00:00Z");

    private TestRepo(Repository repo, Path dir) {
        this.repo = repo;
        this.dir = dir;
    }

    /** A non-bare repository with its git directory at {@code dir/.git}; HEAD on {@code main}. */
    static TestRepo create(Path dir) throws Exception {
        Repository repo = new FileRepositoryBuilder().setGitDir(dir.resolve(".git").toFile())
                .setWorkTree(dir.toFile()).setInitialBranch("main").build();
        repo.create(false);
        return new TestRepo(repo, dir);
    }

    static TestRepo createBare(Path dir) throws Exception {
        Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().setInitialBranch("main").build();
        repo.create(true);
        return new TestRepo(repo, dir);
    }

    /** A whole tree: path to entry. */
    static final class Tree {
        record Entry(FileMode mode, byte[] content, ObjectId link) {
        }

        final Map<String, Entry> entries = new TreeMap<>();

        Tree file(String path, String text) {
            return bytes(path, text.getBytes(StandardCharsets.UTF_8));
        }

        Tree bytes(String path, byte[] content) {
            entries.put(path, new Entry(FileMode.REGULAR_FILE, content, null));
            return this;
        }

        Tree exec(String path, String text) {
            entries.put(path, new Entry(FileMode.EXECUTABLE_FILE, text.getBytes(StandardCharsets.UTF_8), null));
            return this;
        }

        Tree symlink(String path, String target) {
            entries.put(path, new Entry(FileMode.SYMLINK, target.getBytes(StandardCharsets.UTF_8), null));
            return this;
        }

        Tree gitlink(String path, String commitId) {
            entries.put(path, new Entry(FileMode.GITLINK, null, ObjectId.fromString(commitId)));
            return this;
        }

        Tree remove(String path) {
            entries.remove(path);
            return this;
        }

        Tree copy() {
            Tree copy = new Tree();
            copy.entries.putAll(entries);
            return copy;
        }
    }

    static Tree tree() {
        return new Tree();
    }

    String commit(String message, Tree tree, String... parents) throws IOException {
        clock = clock.plusSeconds(60);
        PersonIdent who = new PersonIdent("Test Author", "author@example.com", clock, ZONE);
        return commit(message, tree, who, who, parents);
    }

    String commit(String message, Tree tree, PersonIdent author, PersonIdent committer, String... parents)
            throws IOException {
        try (ObjectInserter inserter = repo.newObjectInserter()) {
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(writeTree(inserter, tree));
            for (String parent : parents) {
                commit.addParentId(ObjectId.fromString(parent));
            }
            commit.setAuthor(author);
            commit.setCommitter(committer);
            commit.setMessage(message);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id.name();
        }
    }

    private static ObjectId writeTree(ObjectInserter inserter, Tree tree) throws IOException {
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        for (Map.Entry<String, Tree.Entry> e : tree.entries.entrySet()) {
            DirCacheEntry entry = new DirCacheEntry(e.getKey());
            entry.setFileMode(e.getValue().mode());
            entry.setObjectId(e.getValue().link() != null ? e.getValue().link()
                    : inserter.insert(Constants.OBJ_BLOB, e.getValue().content()));
            builder.add(entry);
        }
        builder.finish();
        return index.writeTree(inserter);
    }

    /** Points {@code refs/heads/name} (or any full ref name) at a commit. */
    TestRepo branch(String name, String commitId) throws IOException {
        return ref(name.startsWith("refs/") ? name : Constants.R_HEADS + name, commitId);
    }

    TestRepo ref(String fullName, String commitId) throws IOException {
        RefUpdate update = repo.updateRef(fullName);
        update.setNewObjectId(ObjectId.fromString(commitId));
        update.setForceUpdate(true);
        update.disableRefLog();
        check(update.update(), fullName);
        return this;
    }

    TestRepo symref(String name, String target) throws IOException {
        RefUpdate update = repo.updateRef(name);
        update.disableRefLog();
        check(update.link(target), name);
        return this;
    }

    /** Moves HEAD to a branch without touching any file. */
    TestRepo head(String branch) throws IOException {
        return symref(Constants.HEAD, Constants.R_HEADS + branch);
    }

    TestRepo detach(String commitId) throws IOException {
        RefUpdate update = repo.updateRef(Constants.HEAD, true);
        update.setNewObjectId(ObjectId.fromString(commitId));
        update.setForceUpdate(true);
        update.disableRefLog();
        check(update.forceUpdate(), Constants.HEAD);
        return this;
    }

    TestRepo annotatedTag(String name, String commitId, String message) throws IOException {
        try (ObjectInserter inserter = repo.newObjectInserter()) {
            TagBuilder tag = new TagBuilder();
            tag.setTag(name);
            tag.setObjectId(ObjectId.fromString(commitId), Constants.OBJ_COMMIT);
            tag.setTagger(new PersonIdent("Tagger", "tagger@example.com", clock, ZONE));
            tag.setMessage(message);
            ObjectId id = inserter.insert(tag);
            inserter.flush();
            return ref(Constants.R_TAGS + name, id.name());
        }
    }

    /** Writes a tree's regular files into the working tree with plain writes (no filters: we own the repo). */
    void writeFiles(Tree tree) throws IOException {
        for (Map.Entry<String, Tree.Entry> e : tree.entries.entrySet()) {
            if (e.getValue().content() != null && !FileMode.SYMLINK.equals(e.getValue().mode())) {
                Path file = dir.resolve(e.getKey());
                Files.createDirectories(file.getParent());
                Files.write(file, e.getValue().content());
            }
        }
    }

    private static void check(RefUpdate.Result result, String name) {
        switch (result) {
            case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> {
            }
            default -> throw new IllegalStateException("updating " + name + ": " + result);
        }
    }

    @Override
    public void close() {
        repo.close();
    }
}
