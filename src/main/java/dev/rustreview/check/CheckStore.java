package dev.rustreview.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rustreview.io.AtomicFiles;
import dev.rustreview.io.Json;
import dev.rustreview.model.CompilerCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Stored check results, next to the review file in {@code <gitdir>/rust-review/checks/}: one file per head
 * commit, merge-base, toolchain and lint set, so reopening a review round shows its results without building
 * again, and a new toolchain or a new head gets a fresh run. Written atomically; an unreadable file is ignored
 * (the check runs again), never fatal.
 */
public final class CheckStore {

    private static final String KIND = "rust-review/compiler-check";
    private static final int VERSION = 1;

    /** Derived values ({@code error} from {@code isError()}) are written too; reading ignores them. */
    private static final com.fasterxml.jackson.databind.ObjectMapper READER = Json.mapper().copy()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path folder;

    public CheckStore(Path gitDir) {
        this.folder = gitDir.resolve("rust-review").resolve("checks");
    }

    /** The result for exactly this head, base, toolchain and lint set, if one was stored. */
    public Optional<CompilerCheck> find(String headCommit, String baseCommit, String toolchainKey, String lints) {
        return read(file(headCommit, baseCommit, toolchainKey, lints));
    }

    /** The newest stored result for {@code headCommit} whatever the toolchain: what exports carry. */
    public Optional<CompilerCheck> latest(String headCommit) {
        if (headCommit == null || !Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().startsWith(headCommit + "-")
                            && p.getFileName().toString().endsWith(".json"))
                    .sorted(Comparator.comparing(CheckStore::modified).reversed())
                    .map(this::read).flatMap(Optional::stream).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public void save(CompilerCheck check) throws IOException {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("kind", KIND);
        root.put("formatVersion", VERSION);
        root.set("check", Json.mapper().valueToTree(check));
        AtomicFiles.replace(file(check.headCommit(), check.baseCommit(), check.toolchain(), check.lints()),
                Json.mapper().writeValueAsBytes(root), null);
    }

    private Optional<CompilerCheck> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = Json.mapper().readTree(file.toFile());
            if (!KIND.equals(root.path("kind").asText()) || root.path("formatVersion").asInt() != VERSION) {
                return Optional.empty();
            }
            return Optional.of(READER.treeToValue(root.path("check"), CompilerCheck.class));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The name {@code check} is stored under in the checks folder: what a review round refers to. */
    public static String fileName(CompilerCheck check) {
        return name(check.headCommit(), check.baseCommit(), check.toolchain(), check.lints());
    }

    /**
     * The check the review's round of {@code headCommit} refers to ({@code roundFile}, may be null), else the newest
     * stored for that head.
     */
    public Optional<CompilerCheck> forRound(String headCommit, String roundFile) {
        Optional<CompilerCheck> named = named(roundFile).filter(c -> c.headCommit().equals(headCommit));
        return named.isPresent() ? named : latest(headCommit);
    }

    /**
     * The check a review round refers to by {@code name}; empty when it is gone or the name is not one this store
     * writes (the review file is data: a name never leaves the checks folder).
     */
    public Optional<CompilerCheck> named(String name) {
        if (name == null || !name.matches("[0-9a-f]{40,64}-[0-9a-f]{1,64}\\.json")) {
            return Optional.empty();
        }
        return read(folder.resolve(name));
    }

    private Path file(String head, String base, String toolchain, String lints) {
        return folder.resolve(name(head, base, toolchain, lints));
    }

    private static String name(String head, String base, String toolchain, String lints) {
        return head + "-" + hash(base + "\n" + toolchain + "\n" + lints) + ".json";
    }

    private static java.nio.file.attribute.FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return java.nio.file.attribute.FileTime.fromMillis(0);
        }
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
