package dev.rustreview.git;

import dev.rustreview.model.AttributionRecord;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.Commit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.notes.Note;
import org.eclipse.jgit.notes.NoteMap;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * Reads the line-level attribution records a repository may carry for a branch, as raw text: git-ai notes
 * ({@code refs/notes/ai}), whogitit notes ({@code refs/notes/whogitit}), Agent Trace records in notes
 * ({@code refs/notes/agent-trace}) and in trace files at the head ({@code .agent-trace/*.json}, {@code *.jsonl}).
 * Objects only; every blob is bounded in size and count, and one that is too large is reported, not read.
 */
final class AttributionNotesReader {

    /** Larger notes or trace files are skipped (a note covers one commit; megabytes are not a note). */
    static final int MAX_BYTES = 1 << 20;
    /** At most this many trace files are read from the head's {@code .agent-trace/} folder. */
    static final int MAX_TRACE_FILES = 64;
    static final String TRACE_FOLDER = ".agent-trace";

    /** The notes refs read, with the format of their notes. */
    private static final String[][] REFS = {
            {"refs/notes/ai", "git-ai"},
            {"refs/notes/whogitit", "whogitit"},
            {"refs/notes/agent-trace", "agent-trace"}};

    /** What was read, and one line per record that was skipped. */
    record Read(List<AttributionRecord> records, List<String> skipped) {
    }

    private AttributionNotesReader() {
    }

    static Read read(Repository repo, ChangeSet changeSet) throws IOException {
        List<AttributionRecord> records = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            for (String[] ref : REFS) {
                Ref r = repo.exactRef(ref[0]);
                if (r == null) {
                    continue;
                }
                RevCommit notesCommit;
                try {
                    notesCommit = walk.parseCommit(r.getObjectId());
                } catch (IOException | RuntimeException e) {
                    skipped.add(ref[0] + " ignored: it does not point at a notes commit");
                    continue;
                }
                NoteMap map = NoteMap.read(reader, notesCommit);
                for (Commit commit : changeSet.commits()) {
                    Note note = map.getNote(ObjectId.fromString(commit.id()));
                    if (note != null) {
                        String text = text(reader, note.getData(), ref[0] + " note on " + abbrev(commit.id()), skipped);
                        if (text != null) {
                            records.add(new AttributionRecord(ref[1], commit.id(), ref[0], text));
                        }
                    }
                }
            }
            if (changeSet.toId() != null) {
                traceFiles(reader, walk.parseCommit(ObjectId.fromString(changeSet.toId())), records, skipped);
            }
        }
        return new Read(records, skipped);
    }

    private static void traceFiles(ObjectReader reader, RevCommit head, List<AttributionRecord> records,
                                   List<String> skipped) throws IOException {
        try (TreeWalk tw = new TreeWalk(reader)) {
            tw.addTree(head.getTree());
            tw.setRecursive(true);
            tw.setFilter(PathFilter.create(TRACE_FOLDER));
            int files = 0;
            while (tw.next()) {
                String path = tw.getPathString();
                if ((tw.getRawMode(0) & FileMode.TYPE_MASK) != FileMode.TYPE_FILE
                        || !(path.endsWith(".json") || path.endsWith(".jsonl"))) {
                    continue;
                }
                if (++files > MAX_TRACE_FILES) {
                    skipped.add(TRACE_FOLDER + "/ has more than " + MAX_TRACE_FILES + " trace files: the rest were not read");
                    return;
                }
                String text = text(reader, tw.getObjectId(0), path, skipped);
                if (text != null) {
                    records.add(new AttributionRecord("agent-trace", null, path, text));
                }
            }
        }
    }

    private static String text(ObjectReader reader, ObjectId blob, String what, List<String> skipped)
            throws IOException {
        ObjectLoader loader = reader.open(blob);
        if (loader.getType() != Constants.OBJ_BLOB) {
            skipped.add(what + " ignored: it is not a blob");
            return null;
        }
        if (loader.getSize() > MAX_BYTES) {
            skipped.add(what + " ignored: " + loader.getSize() + " bytes, more than the " + MAX_BYTES
                    + " read from one attribution record");
            return null;
        }
        return new String(loader.getCachedBytes(MAX_BYTES), StandardCharsets.UTF_8);
    }

    static String abbrev(String id) {
        return id.substring(0, Math.min(7, id.length()));
    }
}
