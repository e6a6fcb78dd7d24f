package dev.rustreview.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.LineAttribution;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.util.io.DisabledOutputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one-pass line attribution ({@link BranchLineOrigins}) must attribute exactly the lines the forward
 * algorithm it replaced ({@link ForwardLineOrigins}) did. Random histories exercise edits, added, deleted and
 * renamed files, reverts, lines deleted and added again, side branches merged into the branch and the base
 * merged in; the texts use few distinct lines so that diffs must choose between repeated ones.
 */
class LineOriginsOracleTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
            25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40})
    void newAndOldAlgorithmsAttributeTheSameLines(int seed) throws Exception {
        try (BranchBlameFixture git = new BranchBlameFixture(dir.resolve("r" + seed + ".git"))) {
            History history = new History(git, new Random(seed));
            RevCommit[] ends = history.build();
            ChangeSet changeSet = git.changeSet(ends[0], ends[1]);
            List<String> paths = changeSet.files().stream().filter(f -> f.newPath() != null)
                    .map(FileChange::newPath).toList();

            Map<String, BranchBlame.Traced> now = BranchBlame.trace(git.repo(), changeSet, paths);
            Map<String, BranchBlame.Traced> before = OldBlame.trace(git, changeSet, paths);
            assertThat(now.keySet()).isEqualTo(before.keySet());
            for (String path : paths) {
                assertThat(now.get(path).origins()).as(path + " origins").containsExactly(before.get(path).origins());
                assertThat(now.get(path).lines()).as(path + " lines").containsExactly(before.get(path).lines());
                assertThat(now.get(path).lastChange()).as(path + " last change").isEqualTo(before.get(path).lastChange());
            }
            List<LineAttribution> attributed = BranchBlame.attribute(git.repo(), changeSet);
            assertThat(attributed).isEqualTo(OldBlame.attribute(git, changeSet));
            assertThat(attributed).isNotEmpty();
        }
    }

    /**
     * The walk's read-ahead threads ({@link EdgePrefetch}) change when diffs are computed, never which: with
     * them forced on and forced off, the lines attributed are the forward algorithm's.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {41, 42, 43, 44, 45, 46, 47, 48})
    void readAheadOnAndOffAttributeTheSameLines(int seed) throws Exception {
        try (BranchBlameFixture git = new BranchBlameFixture(dir.resolve("p" + seed + ".git"))) {
            RevCommit[] ends = new History(git, new Random(seed)).build();
            ChangeSet changeSet = git.changeSet(ends[0], ends[1]);
            List<LineAttribution> expected = OldBlame.attribute(git, changeSet);
            for (String setting : List.of("true", "false")) {
                String before = System.setProperty("rustreview.attribution.prefetch", setting);
                try {
                    assertThat(BranchBlame.attribute(git.repo(), changeSet)).as("read-ahead " + setting)
                            .isEqualTo(expected).isNotEmpty();
                } finally {
                    if (before == null) {
                        System.clearProperty("rustreview.attribution.prefetch");
                    } else {
                        System.setProperty("rustreview.attribution.prefetch", before);
                    }
                }
            }
        }
    }

    /** The previous BranchBlame.trace/attribute, over {@link ForwardLineOrigins}. */
    private static final class OldBlame {
        static Map<String, BranchBlame.Traced> trace(BranchBlameFixture git, ChangeSet cs, List<String> paths)
                throws Exception {
            try (ObjectReader reader = git.repo().newObjectReader(); RevWalk walk = new RevWalk(reader);
                 DiffFormatter differ = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
                differ.setReader(reader, new Config());
                differ.setDetectRenames(true);
                differ.getRenameDetector().setRenameScore(50);
                walk.setRetainBody(false);
                RevCommit head = walk.parseCommit(ObjectId.fromString(cs.toId()));
                walk.reset();
                walk.sort(RevSort.TOPO);
                walk.sort(RevSort.REVERSE, true);
                walk.markStart(head);
                walk.markUninteresting(walk.parseCommit(ObjectId.fromString(cs.fromId())));
                Set<RevCommit> branch = new LinkedHashSet<>();
                walk.forEach(branch::add);
                if (!branch.contains(head) || paths.isEmpty()) {
                    return Map.of();
                }
                List<ForwardLineOrigins.Node> heads = paths.stream().distinct()
                        .map(p -> new ForwardLineOrigins.Node(head, p)).toList();
                ForwardLineOrigins origins = new ForwardLineOrigins(reader, walk, differ, branch);
                origins.compute(heads);
                Map<String, BranchBlame.Traced> result = new HashMap<>();
                for (ForwardLineOrigins.Node node : heads) {
                    ObjectId[] ids = origins.origins(node);
                    String[] names = new String[ids.length];
                    for (int i = 0; i < ids.length; i++) {
                        names[i] = ids[i] == null ? null : ids[i].name();
                    }
                    result.put(node.path(), new BranchBlame.Traced(names, origins.lines(node),
                            origins.lastChange(node).name()));
                }
                return result;
            }
        }

        static List<LineAttribution> attribute(BranchBlameFixture git, ChangeSet cs) throws Exception {
            List<FileChange> files = cs.files().stream()
                    .filter(f -> f.hasText() && f.newPath() != null && f.additions() > 0).toList();
            Map<String, BranchBlame.Traced> traced = trace(git, cs, files.stream().map(FileChange::newPath).toList());
            List<LineAttribution> result = new ArrayList<>();
            for (FileChange file : files) {
                BranchBlame.Traced t = traced.get(file.newPath());
                if (t != null) {
                    int[] added = file.hunks().stream().map(Hunk::lines).flatMap(List::stream)
                            .filter(DiffLine::isAdded).mapToInt(DiffLine::newLine).filter(n -> n > 0).sorted()
                            .distinct().toArray();
                    result.addAll(BranchBlame.runs(file.newPath(), added, t.origins(), t.lines(), t.lastChange()));
                }
            }
            return result;
        }
    }

    /** A random branch history over a small vocabulary of lines. */
    private static final class History {
        private static final String[] WORDS = {"}", "", "x", "y", "let a = 1;", "fn f() {", "return;", "z"};
        private final BranchBlameFixture git;
        private final Random random;
        private int fresh;
        private int files;

        History(BranchBlameFixture git, Random random) {
            this.git = git;
            this.random = random;
        }

        /** Builds the history; returns the base tip and the branch head. */
        RevCommit[] build() throws Exception {
            Map<String, String> start = new TreeMap<>();
            for (int i = 0; i < 3; i++) {
                start.put(newPath(), text(8 + random.nextInt(10)));
            }
            RevCommit mainTip = git.commit("base", start);
            Map<String, String> mainFiles = new TreeMap<>(start);
            RevCommit head = mainTip;
            Map<String, String> files = new TreeMap<>(start);
            List<Map<String, String>> snapshots = new ArrayList<>();
            List<RevCommit> commits = new ArrayList<>();
            int steps = 8 + random.nextInt(10);
            for (int s = 0; s < steps; s++) {
                int op = random.nextInt(10);
                if (op <= 4 || files.isEmpty()) {
                    edit(files);
                } else if (op == 5) {
                    files.put(newPath(), text(3 + random.nextInt(8)));
                } else if (op == 6) {
                    String path = pick(files);
                    String text = files.remove(path);
                    files.put(newPath(), random.nextBoolean() ? text : text + fresh() + "\n");
                } else if (op == 7 && !snapshots.isEmpty()) {
                    // Revert: a file goes back to an earlier version (lines deleted come back).
                    Map<String, String> old = snapshots.get(random.nextInt(snapshots.size()));
                    String path = pick(old);
                    files.put(path, old.get(path));
                } else if (op == 8 && !commits.isEmpty()) {
                    // A side branch from an earlier branch commit, merged back.
                    int from = random.nextInt(commits.size());
                    Map<String, String> side = new TreeMap<>(snapshots.get(from));
                    edit(side);
                    RevCommit sideTip = git.commit("side " + s, side, commits.get(from));
                    Map<String, String> merged = merge(files, side);
                    head = git.commit("merge side " + s, merged, head, sideTip);
                    files = merged;
                    commits.add(head);
                    snapshots.add(new TreeMap<>(files));
                    continue;
                } else {
                    // The base moves on and is merged into the branch.
                    edit(mainFiles);
                    mainTip = git.commit("main " + s, mainFiles, mainTip);
                    Map<String, String> merged = merge(files, mainFiles);
                    head = git.commit("merge main " + s, merged, head, mainTip);
                    files = merged;
                    commits.add(head);
                    snapshots.add(new TreeMap<>(files));
                    continue;
                }
                if (random.nextInt(6) == 0 && files.size() > 1) {
                    files.remove(pick(files));
                }
                head = git.commit("step " + s, files, head);
                commits.add(head);
                snapshots.add(new TreeMap<>(files));
            }
            // One more edit so the head surely adds lines.
            edit(files);
            files.put(newPath(), text(4));
            head = git.commit("last", files, head);
            return new RevCommit[] {mainTip, head};
        }

        /** The first side's files, each taking some lines from the second side's version of it. */
        private Map<String, String> merge(Map<String, String> ours, Map<String, String> theirs) {
            Map<String, String> merged = new TreeMap<>(ours);
            for (Map.Entry<String, String> e : theirs.entrySet()) {
                String mine = merged.get(e.getKey());
                if (mine == null) {
                    if (random.nextBoolean()) {
                        merged.put(e.getKey(), e.getValue());
                    }
                    continue;
                }
                List<String> a = new ArrayList<>(List.of(mine.split("\n", -1)));
                a.remove(a.size() - 1);
                String[] b = e.getValue().split("\n");
                for (String line : b) {
                    if (random.nextInt(4) == 0) {
                        a.add(random.nextInt(a.size() + 1), line);
                    }
                }
                if (random.nextInt(3) == 0) {
                    a.add(random.nextInt(a.size() + 1), fresh());
                }
                merged.put(e.getKey(), String.join("\n", a) + "\n");
            }
            return merged;
        }

        private void edit(Map<String, String> files) {
            if (files.isEmpty()) {
                files.put(newPath(), text(5));
                return;
            }
            String path = pick(files);
            List<String> lines = new ArrayList<>(List.of(files.get(path).split("\n", -1)));
            lines.remove(lines.size() - 1);
            int changes = 1 + random.nextInt(4);
            for (int c = 0; c < changes; c++) {
                int at = random.nextInt(lines.size() + 1);
                switch (random.nextInt(4)) {
                    case 0 -> lines.add(at, fresh());
                    case 1 -> lines.add(at, WORDS[random.nextInt(WORDS.length)]);
                    case 2 -> {
                        if (at < lines.size()) {
                            lines.remove(at);
                        }
                    }
                    default -> {
                        if (at < lines.size()) {
                            lines.set(at, random.nextBoolean() ? fresh() : WORDS[random.nextInt(WORDS.length)]);
                        }
                    }
                }
            }
            files.put(path, lines.isEmpty() ? "" : String.join("\n", lines) + "\n");
        }

        private String text(int n) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                lines.add(random.nextInt(3) == 0 ? WORDS[random.nextInt(WORDS.length)] : fresh());
            }
            return String.join("\n", lines) + "\n";
        }

        private String fresh() {
            return "line " + fresh++;
        }

        private String newPath() {
            return "src/f" + files++ + ".rs";
        }

        private String pick(Map<String, String> files) {
            List<String> keys = new ArrayList<>(files.keySet());
            return keys.get(random.nextInt(keys.size()));
        }
    }
}
