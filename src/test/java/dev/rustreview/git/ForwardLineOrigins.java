package dev.rustreview.git;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The line-origin algorithm the app used before the one-pass {@link BranchLineOrigins}, kept as the oracle that
 * the new one must agree with ({@code LineOriginsOracleTest}). Unchanged except for its name.
 *
 * <p>For a file at the head of a branch, which branch commit introduced each of its lines: a blame that walks only
 * the branch's commits and treats everything it inherits from outside the branch as base (no origin).
 *
 * <p>Each (commit, path) the head's lines can come from is a node. A node's lines are matched against each
 * parent's version of the file (the same path, or the old path where that commit's own diff detected a
 * rename): a line matched in the first parent takes that parent's origin, else one matched in the next parent
 * (a merge), else the commit itself introduced it. A file added or copied by a commit belongs to that commit.
 * Nodes are found head-first, then computed parents-first so every parent is ready when its child needs it.
 * Only objects are read: no working tree, no filters, no hooks.
 */
final class ForwardLineOrigins {

    /** Bigger versions are treated as empty: their lines are attributed to the commit that shrank them. */
    private static final int MAX_BLOB_BYTES = 32 * 1024 * 1024;
    private static final DiffAlgorithm HISTOGRAM = new HistogramDiff();

    /** One version of a file: a commit and the path the file has there. */
    record Node(RevCommit commit, String path) {
    }

    /** Where a node's lines may come from: the file at a parent, unchanged or changed by the commit. */
    private record Link(Node parent, boolean unchanged) {
    }

    private static final class Info {
        final List<Link> links = new ArrayList<>();
        int pendingChildren;
        boolean keep;
        ObjectId[] origins;
        RawText text;
    }

    private record Pair(ObjectId child, ObjectId parent) {
    }

    private final ObjectReader reader;
    private final RevWalk walk;
    private final DiffFormatter differ;
    private final Set<RevCommit> branch;
    private final Map<Node, Info> nodes = new HashMap<>();
    private final Map<Pair, Map<String, DiffEntry>> changes = new HashMap<>();

    /**
     * @param branch the branch's commits, parents before children
     * @param differ a rename-detecting tree differ reading through {@code reader}
     */
    ForwardLineOrigins(ObjectReader reader, RevWalk walk, DiffFormatter differ, Set<RevCommit> branch) {
        this.reader = reader;
        this.walk = walk;
        this.differ = differ;
        this.branch = branch;
    }

    /** Computes the origins of {@code path} at each of {@code heads}, which must be branch commits. */
    void compute(List<Node> heads) throws IOException {
        Deque<Node> todo = new ArrayDeque<>(heads);
        for (Node head : heads) {
            nodes.computeIfAbsent(head, n -> new Info()).keep = true;
        }
        Map<RevCommit, List<Node>> byCommit = new HashMap<>();
        while (!todo.isEmpty()) {
            Node node = todo.pop();
            Info info = nodes.computeIfAbsent(node, n -> new Info());
            if (byCommit.computeIfAbsent(node.commit(), c -> new ArrayList<>()).contains(node)) {
                continue;
            }
            byCommit.get(node.commit()).add(node);
            for (RevCommit parent : node.commit().getParents()) {
                walk.parseHeaders(parent);
                Link link = link(node, parent);
                if (link == null) {
                    continue;
                }
                info.links.add(link);
                if (branch.contains(parent)) {
                    nodes.computeIfAbsent(link.parent(), n -> new Info()).pendingChildren++;
                    todo.push(link.parent());
                }
            }
        }
        for (RevCommit commit : branch) {
            for (Node node : byCommit.getOrDefault(commit, List.of())) {
                computeNode(node);
            }
        }
    }

    /** The origin of each line of {@code head} (index 0 is line 1): a commit id, or null for base lines. */
    ObjectId[] origins(Node head) {
        return nodes.get(head).origins;
    }

    /** The text of each line of {@code head}, as the origins index them. */
    String[] lines(Node head) {
        RawText text = nodes.get(head).text;
        String[] lines = new String[text.size()];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = text.getString(i);
        }
        return lines;
    }

    /**
     * The newest commit on the head's first-parent line that changed, renamed or added the file: the best
     * guess for a line the per-commit diffs aligned with a base line although the branch diff calls it added.
     */
    RevCommit lastChange(Node head) {
        Node node = head;
        while (true) {
            List<Link> links = nodes.get(node).links;
            if (links.isEmpty() || !links.get(0).unchanged() || !branch.contains(links.get(0).parent().commit())) {
                return node.commit();
            }
            node = links.get(0).parent();
        }
    }

    /** The file at {@code parent} that {@code node}'s lines may come from; null when the commit added it. */
    private Link link(Node node, RevCommit parent) throws IOException {
        DiffEntry entry = changes(node.commit(), parent).get(node.path());
        if (entry == null) {
            return new Link(new Node(parent, node.path()), true);
        }
        return switch (entry.getChangeType()) {
            case MODIFY -> new Link(new Node(parent, node.path()), false);
            case RENAME -> new Link(new Node(parent, entry.getOldPath()), false);
            // A copy writes a new file: its lines are the copying commit's, as for an added file.
            case ADD, COPY, DELETE -> null;
        };
    }

    private Map<String, DiffEntry> changes(RevCommit child, RevCommit parent) throws IOException {
        Pair key = new Pair(child.copy(), parent.copy());
        Map<String, DiffEntry> byPath = changes.get(key);
        if (byPath == null) {
            byPath = new HashMap<>();
            for (DiffEntry entry : differ.scan(parent.getTree(), child.getTree())) {
                if (entry.getChangeType() != DiffEntry.ChangeType.DELETE) {
                    byPath.put(entry.getNewPath(), entry);
                }
            }
            changes.put(key, byPath);
        }
        return byPath;
    }

    private void computeNode(Node node) throws IOException {
        Info info = nodes.get(node);
        RawText text = load(node);
        ObjectId[] out = new ObjectId[text.size()];
        boolean[] claimed = new boolean[out.length];
        for (Link link : info.links) {
            boolean inBranch = branch.contains(link.parent().commit());
            ObjectId[] from = inBranch ? nodes.get(link.parent()).origins : null;
            if (link.unchanged() && (from == null || from.length == out.length)) {
                for (int i = 0; i < out.length; i++) {
                    claim(out, claimed, i, from, i);
                }
            } else {
                RawText parentText = load(link.parent());
                int a = 0;
                int b = 0;
                for (Edit edit : HISTOGRAM.diff(RawTextComparator.DEFAULT, parentText, text)) {
                    for (; b < edit.getBeginB(); a++, b++) {
                        claim(out, claimed, b, from, a);
                    }
                    a = edit.getEndA();
                    b = edit.getEndB();
                }
                for (; b < out.length; a++, b++) {
                    claim(out, claimed, b, from, a);
                }
            }
            if (inBranch) {
                release(link.parent());
            }
        }
        ObjectId self = node.commit().copy();
        for (int i = 0; i < out.length; i++) {
            if (!claimed[i]) {
                out[i] = self;
            }
        }
        info.origins = out;
        if (info.keep) {
            info.text = text;
        }
    }

    private static void claim(ObjectId[] out, boolean[] claimed, int line, ObjectId[] from, int parentLine) {
        if (!claimed[line]) {
            claimed[line] = true;
            out[line] = from == null || parentLine >= from.length ? null : from[parentLine];
        }
    }

    /** Drops a parent's origins once its last child has used them. */
    private void release(Node parent) {
        Info info = nodes.get(parent);
        if (--info.pendingChildren <= 0 && !info.keep) {
            info.origins = null;
        }
    }

    /** The file's text at the node; empty when it is absent there, not a blob, binary or too large. */
    private RawText load(Node node) throws IOException {
        try (TreeWalk tw = TreeWalk.forPath(reader, node.path(), node.commit().getTree())) {
            if (tw == null || tw.getFileMode(0).getObjectType() != Constants.OBJ_BLOB) {
                return RawText.EMPTY_TEXT;
            }
            byte[] bytes = reader.open(tw.getObjectId(0), Constants.OBJ_BLOB).getCachedBytes(MAX_BLOB_BYTES);
            return RawText.isBinary(bytes) ? RawText.EMPTY_TEXT : new RawText(bytes);
        } catch (LargeObjectException e) {
            return RawText.EMPTY_TEXT;
        }
    }
}
