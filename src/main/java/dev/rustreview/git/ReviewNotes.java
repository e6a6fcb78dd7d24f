package dev.rustreview.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.notes.Note;
import org.eclipse.jgit.notes.NoteMap;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Reads and writes a note of text lines on a commit under a notes ref, in objects and one ref update only (the
 * working tree, index and HEAD are never touched). Lines are kept sorted and unique, the same shape
 * {@code git notes merge -s cat_sort_uniq} produces, so merged notes and written notes agree.
 */
public final class ReviewNotes {

    public static final String REF = "refs/notes/rust-review";

    private final Path gitDir;
    private final String ref;

    public ReviewNotes(Path gitDir, String ref) {
        this.gitDir = gitDir;
        this.ref = ref;
    }

    /** The note's lines on {@code commitId}; empty when there is none. */
    public List<String> read(String commitId) {
        try (Repository repo = open(); RevWalk walk = new RevWalk(repo)) {
            Ref r = repo.exactRef(ref);
            if (r == null) {
                return List.of();
            }
            NoteMap map = NoteMap.read(walk.getObjectReader(), walk.parseCommit(r.getObjectId()));
            Note note = map.getNote(ObjectId.fromString(commitId));
            if (note == null) {
                return List.of();
            }
            String text = new String(repo.open(note.getData()).getBytes(), StandardCharsets.UTF_8);
            return text.lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + ref + " in " + gitDir, e);
        }
    }

    /** Adds {@code lines} to the note on {@code commitId} (keeping what is there); returns the notes commit. */
    public String add(String commitId, List<String> lines, String name, String email) {
        PersonIdent who = new PersonIdent(name, email);
        try (Repository repo = open(); RevWalk walk = new RevWalk(repo); ObjectInserter ins = repo.newObjectInserter()) {
            Ref r = repo.exactRef(ref);
            RevCommit parent = r == null ? null : walk.parseCommit(r.getObjectId());
            NoteMap map = parent == null ? NoteMap.newEmptyMap() : NoteMap.read(walk.getObjectReader(), parent);
            ObjectId target = ObjectId.fromString(commitId);
            TreeSet<String> all = new TreeSet<>(lines);
            Note old = map.getNote(target);
            if (old != null) {
                new String(repo.open(old.getData()).getBytes(), StandardCharsets.UTF_8).lines()
                        .filter(l -> !l.isBlank()).forEach(all::add);
            }
            String text = String.join("\n", all) + "\n";
            map.set(target, ins.insert(Constants.OBJ_BLOB, text.getBytes(StandardCharsets.UTF_8)));
            CommitBuilder cb = new CommitBuilder();
            cb.setTreeId(map.writeTree(ins));
            if (parent != null) {
                cb.setParentId(parent);
            }
            cb.setAuthor(who);
            cb.setCommitter(who);
            cb.setMessage("Notes added by 'rust-review export --format notes'\n");
            ObjectId commit = ins.insert(cb);
            ins.flush();
            RefUpdate update = repo.updateRef(ref);
            update.setNewObjectId(commit);
            update.setExpectedOldObjectId(parent == null ? ObjectId.zeroId() : parent);
            update.setRefLogMessage("rust-review: notes", false);
            RefUpdate.Result result = update.update(walk);
            if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FAST_FORWARD) {
                throw new IllegalStateException("updating " + ref + " failed (" + result + "): another writer? try again");
            }
            return commit.name();
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + ref + " in " + gitDir, e);
        }
    }

    private Repository open() throws IOException {
        return new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
    }

}
