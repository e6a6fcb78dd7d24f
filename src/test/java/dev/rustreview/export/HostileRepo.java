package dev.rustreview.export;

import dev.rustreview.analysis.ChangeAnalyzer;
import dev.rustreview.git.DiffOptions;
import dev.rustreview.git.GitRepository;
import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.review.BranchAnalysis;
import dev.rustreview.settings.AppDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

/** A repository whose file names, code, commit message and branch name try to break out of an export. */
final class HostileRepo {

    static final String BRANCH = "agent/x\"><script>alert(0)</script>";
    static final String FILE = "src/<script>alert(1)\"q'.rs";
    static final String CODE = "fn f() { let s = \"</code><script>alert(2)</script>\"; } // \u202E }; evil(); //";
    static final String MESSAGE = "<img src=x onerror=alert(3)> fix \u202Egnp.exe";

    private HostileRepo() {
    }

    static ChangeAnalysis build(Path tmp) throws Exception {
        Path dir = tmp.resolve("hostile");
        PersonIdent who = new PersonIdent("Mallory <script>", "m@example.com");
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            Files.createDirectories(dir.resolve("src"));
            Files.writeString(dir.resolve("src/lib.rs"), "pub fn a() {}\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("base").setAuthor(who).setCommitter(who).setSign(false).call();
            git.checkout().setCreateBranch(true).setName(BRANCH).call();
            Files.writeString(dir.resolve(FILE), CODE + "\n");
            Files.writeString(dir.resolve("src/lib.rs"), "pub fn a() {}\npub fn b() { unsafe { std::hint::unreachable_unchecked() } }\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage(MESSAGE).setAuthor(who).setCommitter(who).setSign(false).call();
        }
        AppDirs dirs = AppDirs.of(Map.of("RUST_REVIEW_HOME", tmp.toString()), "Linux", tmp);
        try (GitRepository git = GitRepository.open(dir)) {
            var cs = git.branchDiff("main", BRANCH, DiffOptions.DEFAULT);
            return new BranchAnalysis(dirs, ChangeAnalyzer.Options.defaults())
                    .analyze(git, cs, DiffOptions.DEFAULT, ChangeAnalyzer.Listener.NONE, () -> false);
        }
    }
}
