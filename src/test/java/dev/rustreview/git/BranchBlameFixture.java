package dev.rustreview.git;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.ChangeType;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.FileKind;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.LineKind;
import dev.rustreview.model.Revision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * A bare repository for BranchBlame tests: commits are written straight into the object database from full
 * file snapshots, and change sets are built from a plain JGit diff the way the git package presents them.
 */
final class BranchBlameFixture implements AutoCloseable {

    private final Repository repo;
    private long time = 1_700_000_000L;

    BranchBlameFixture(Path dir) throws Exception {
        repo = Git.init().setBare(true).setDirectory(dir.toFile()).call().getRepository();
    }

    Repository repo() {
        return repo;
    }

    /** A commit whose tree holds exactly {@code files} (path → content). */
    RevCommit commit(String message, Map<String, String> files, RevCommit... parents) throws IOException {
        try (ObjectInserter ins = repo.newObjectInserter(); RevWalk walk = new RevWalk(repo)) {
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            files.keySet().stream().sorted().forEach(path -> {
                try {
                    DirCacheEntry entry = new DirCacheEntry(path);
                    entry.setFileMode(FileMode.REGULAR_FILE);
                    entry.setObjectId(ins.insert(Constants.OBJ_BLOB, files.get(path).getBytes(StandardCharsets.UTF_8)));
                    builder.add(entry);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            builder.finish();
            PersonIdent who = new PersonIdent("Ada", "ada@example.com", Instant.ofEpochSecond(time += 60), ZoneOffset.UTC);
            CommitBuilder cb = new CommitBuilder();
            cb.setTreeId(index.writeTree(ins));
            cb.setParentIds(parents);
            cb.setAuthor(who);
            cb.setCommitter(who);
            cb.setMessage(message);
            ObjectId id = ins.insert(cb);
            ins.flush();
            return walk.parseCommit(id);
        }
    }

    static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    /** The change set for reviewing {@code head} against {@code base}: merge-base → head, with renames. */
    ChangeSet changeSet(RevCommit base, RevCommit head) throws IOException {
        RevCommit mergeBase;
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(base));
            walk.markStart(walk.parseCommit(head));
            mergeBase = walk.next();
        }
        List<FileChange> files = new ArrayList<>();
        try (DiffFormatter df = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            df.setRepository(repo);
            df.setDetectRenames(true);
            for (DiffEntry entry : df.scan(mergeBase.getTree(), head.getTree())) {
                files.add(fileChange(df, entry));
            }
        }
        return new ChangeSet(repo.getDirectory().toString(), new Revision("main", "refs/heads/main", base.name()),
                new Revision("topic", "refs/heads/topic", head.name()), mergeBase.name(), mergeBase.name(),
                head.name(), List.of(), files);
    }

    private FileChange fileChange(DiffFormatter df, DiffEntry entry) throws IOException {
        RawText a = text(entry.getOldId().toObjectId(), entry.getChangeType() == DiffEntry.ChangeType.ADD);
        RawText b = text(entry.getNewId().toObjectId(), entry.getChangeType() == DiffEntry.ChangeType.DELETE);
        List<Hunk> hunks = new ArrayList<>();
        for (Edit edit : df.toFileHeader(entry).toEditList()) {
            List<DiffLine> lines = new ArrayList<>();
            for (int i = edit.getBeginA(); i < edit.getEndA(); i++) {
                lines.add(new DiffLine(LineKind.REMOVED, i + 1, 0, a.getString(i), false, false));
            }
            for (int i = edit.getBeginB(); i < edit.getEndB(); i++) {
                lines.add(new DiffLine(LineKind.ADDED, 0, i + 1, b.getString(i), false, false));
            }
            hunks.add(new Hunk(edit.getBeginA() + 1, edit.getLengthA(), edit.getBeginB() + 1, edit.getLengthB(), lines));
        }
        boolean added = entry.getChangeType() == DiffEntry.ChangeType.ADD;
        boolean deleted = entry.getChangeType() == DiffEntry.ChangeType.DELETE;
        return new FileChange(added ? null : entry.getOldPath(), deleted ? null : entry.getNewPath(),
                changeType(entry.getChangeType()), entry.getScore(),
                added ? FileKind.NONE : FileKind.REGULAR, deleted ? FileKind.NONE : FileKind.REGULAR,
                added ? null : entry.getOldId().name(), deleted ? null : entry.getNewId().name(),
                -1, -1, false, false, "rust", "UTF-8", hunks);
    }

    private static ChangeType changeType(DiffEntry.ChangeType type) {
        return switch (type) {
            case ADD -> ChangeType.ADDED;
            case MODIFY -> ChangeType.MODIFIED;
            case DELETE -> ChangeType.DELETED;
            case RENAME -> ChangeType.RENAMED;
            case COPY -> ChangeType.COPIED;
        };
    }

    private RawText text(ObjectId blob, boolean absent) throws IOException {
        return absent ? RawText.EMPTY_TEXT : new RawText(repo.open(blob, Constants.OBJ_BLOB).getCachedBytes());
    }

    @Override
    public void close() {
        repo.close();
    }
}
