package dev.rustreview.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.SourceReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile repository: its config points the fsmonitor, the hooks, a clean/smudge/process filter, a
 * textconv driver and an external diff at a script that leaves a marker file. Reviewing it must run
 * none of them, and must leave every file and folder of the repository exactly as it was.
 */
@DisabledOnOs(OS.WINDOWS)
class ReadOnlySafetyTest {

    private static final List<String> HOOKS = List.of("pre-commit", "post-commit", "post-checkout", "post-merge",
            "pre-push", "reference-transaction", "post-index-change", "fsmonitor-watchman", "pre-auto-gc");

    @TempDir
    Path dir;
    Path repoDir;
    Path script;
    Path marker;
    String c1;
    String c2;

    @BeforeEach
    void setUp() throws Exception {
        repoDir = dir.resolve("repo");
        marker = dir.resolve("MARKER");
        script = dir.resolve("evil.sh");
        Files.writeString(script, "#!/bin/sh\necho \"ran $0 $*\" >> '" + marker + "'\ncat\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path hooks = Files.createDirectories(dir.resolve("hooks"));
        for (String hook : HOOKS) {
            Files.copy(script, hooks.resolve(hook));
        }
        try (TestRepo test = TestRepo.create(repoDir)) {
            TestRepo.Tree t1 = TestRepo.tree().file(".gitattributes", "* filter=evil diff=evil\n")
                    .file("src/lib.rs", "pub fn a() {}\n");
            c1 = test.commit("one\n", t1);
            TestRepo.Tree t2 = t1.copy().file("src/lib.rs", "pub fn a() {}\npub fn b() {}\n").file("notes.md", "n\n");
            c2 = test.commit("two\n", t2, c1);
            test.branch("main", c1).branch("agent/work", c2).head("agent/work");
            test.writeFiles(t2);
            writeIndex(test, c2);
            StoredConfig config = test.repo.getConfig();
            config.setString("core", null, "fsmonitor", script.toString());
            config.setString("core", null, "hooksPath", hooks.toString());
            config.setString("filter", "evil", "clean", script + " clean");
            config.setString("filter", "evil", "smudge", script + " smudge");
            config.setString("filter", "evil", "process", script + " process");
            config.setBoolean("filter", "evil", "required", true);
            config.setString("diff", "evil", "textconv", script.toString());
            config.setString("diff", null, "external", script.toString());
            config.setString("core", null, "pager", script.toString());
            config.save();
        }
    }

    /** An index matching the head commit, so anything that compared index and working tree would have work. */
    private static void writeIndex(TestRepo test, String commitId) throws IOException {
        DirCache index = test.repo.lockDirCache();
        DirCacheBuilder builder = index.builder();
        try (TreeWalk walk = new TreeWalk(test.repo)) {
            walk.addTree(test.repo.parseCommit(ObjectId.fromString(commitId)).getTree());
            walk.setRecursive(true);
            while (walk.next()) {
                DirCacheEntry entry = new DirCacheEntry(walk.getPathString());
                entry.setFileMode(FileMode.REGULAR_FILE);
                entry.setObjectId(walk.getObjectId(0));
                builder.add(entry);
            }
        }
        builder.commit();
    }

    private void review() {
        try (GitRepository repo = GitRepository.open(repoDir)) {
            repo.resolve("main");
            repo.refs();
            repo.currentBranch();
            ChangeSet branch = repo.branchDiff(null, null, DiffOptions.DEFAULT);
            assertThat(branch.files()).extracting(FileChange::path).containsExactly("notes.md", "src/lib.rs");
            repo.commitDiff("HEAD", DiffOptions.DEFAULT);
            repo.commitDiff(c1, DiffOptions.DEFAULT);
            repo.between(c1, c2, DiffOptions.DEFAULT);
            repo.log(null, "HEAD");
            SourceReader sources = repo.sources(DiffOptions.DEFAULT);
            FileChange lib = branch.files().get(1);
            assertThat(sources.blob(lib.newBlobId())).contains("pub fn a() {}\npub fn b() {}\n");
            assertThat(sources.fileAt(c2, ".gitattributes")).contains("* filter=evil diff=evil\n");
        }
    }

    @Test
    void noConfiguredProgramRuns() throws Exception {
        review();
        assertThat(marker).doesNotExist();
        // The trap is real: the script is executable and valid shell, so not running it is our doing.
        assertThat(Files.isExecutable(script)).isTrue();
        assertThat(Files.readString(script)).startsWith("#!/bin/sh\n");
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh to syntax-check the script");
        Process check = new ProcessBuilder("/bin/sh", "-n", script.toString()).redirectErrorStream(true).start();
        assertThat(check.waitFor()).as("sh -n evil.sh").isZero();
        assertThat(marker).doesNotExist();
    }

    @Test
    void reviewingWritesNothingToTheRepository() throws Exception {
        Map<String, String> before = snapshot(repoDir);
        review();
        Map<String, String> after = snapshot(repoDir);
        assertThat(after).isEqualTo(before);
        assertThat(repoDir.resolve(".git/index.lock")).doesNotExist();
    }

    /** Every file and folder under {@code root}: size, modification time and content hash. */
    private static Map<String, String> snapshot(Path root) throws Exception {
        Map<String, String> state = new TreeMap<>();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                String key = root.relativize(p).toString();
                String mtime = Files.getLastModifiedTime(p).toString();
                if (Files.isDirectory(p)) {
                    state.put(key + "/", mtime);
                } else {
                    state.put(key, Files.size(p) + " " + mtime + " " + HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))));
                }
            }
        }
        return state;
    }
}
