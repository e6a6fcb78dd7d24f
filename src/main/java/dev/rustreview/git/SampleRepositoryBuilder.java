package dev.rustreview.git;
import dev.rustreview.model.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds the bundled sample repository from its manifest (see {@link SampleManifest}): the same commit
 * ids on every machine, built into a temporary sibling folder and renamed into place in one step so a
 * half-built sample is never seen, and reused while the manifest and files are unchanged.
 */
public final class SampleRepositoryBuilder {

    /** The manifest's file name inside a sample folder. */
    public static final String MANIFEST = "manifest.json";
    /** Bump when the writer changes what it produces, so cached builds are rebuilt. */
    private static final String FORMAT = "rust-review-sample-v1";
    /** Written inside the built .git: the content hash the build came from. */
    static final String MARKER = "rust-review-sample";

    private final SampleSource source;
    private final String manifestPath;
    private Loaded loaded;

    private record Loaded(SampleManifest manifest, Map<String, byte[]> contents, String hash) {
    }

    public SampleRepositoryBuilder(SampleSource source) {
        this(source, MANIFEST);
    }

    public SampleRepositoryBuilder(SampleSource source, String manifestPath) {
        this.source = source;
        this.manifestPath = manifestPath;
    }

    /** The sample packaged in the application under {@code /samples/<name>/}. */
    public static SampleRepositoryBuilder bundled(String name) {
        return new SampleRepositoryBuilder(SampleSource.classpath("/samples/" + name));
    }

    /** The manifest's {@code name}. */
    public String name() {
        return load().manifest().name();
    }

    /** SHA-256 (hex) of the manifest and every file it refers to. */
    public String contentHash() {
        return load().hash();
    }

    /**
     * The folder {@code cacheRoot/<name>-<hash prefix>}, built unless a complete build of the same content
     * is already there.
     */
    public Path ensureBuilt(Path cacheRoot) {
        Loaded sample = load();
        Path target = cacheRoot.toAbsolutePath().normalize()
                .resolve(sample.manifest().name() + "-" + sample.hash().substring(0, 16));
        if (!isComplete(target, sample.hash())) {
            build(target);
        }
        return target;
    }

    /** Builds into {@code target}, which must not exist yet. */
    public void build(Path target) {
        Loaded sample = load();
        Path folder = target.toAbsolutePath().normalize();
        if (Files.exists(folder)) {
            throw new BadInputException(folder + " already exists: choose a new folder for the sample repository");
        }
        Path temp = null;
        try {
            Files.createDirectories(folder.getParent());
            temp = Files.createTempDirectory(folder.getParent(), "." + folder.getFileName() + ".building-");
            new SampleRepositoryWriter(sample.manifest(), sample.contents()).writeInto(temp);
            Files.writeString(temp.resolve(".git").resolve(MARKER), sample.hash() + "\n");
            moveIntoPlace(temp, folder, sample.hash());
        } catch (IOException e) {
            throw new UncheckedIOException("building the sample repository in " + folder + " failed: "
                    + GitErrors.oneLine(e.getMessage()), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** A concurrent build of the same content may win the rename; its result is as good as ours. */
    private static void moveIntoPlace(Path temp, Path folder, String hash) throws IOException {
        try {
            Files.move(temp, folder, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException e) {
            if (!isComplete(folder, hash)) {
                throw e;
            }
        }
    }

    private static boolean isComplete(Path folder, String hash) {
        try {
            return Files.readString(folder.resolve(".git").resolve(MARKER)).strip().equals(hash);
        } catch (IOException e) {
            return false;
        }
    }

    private synchronized Loaded load() {
        if (loaded == null) {
            try {
                byte[] manifestBytes = source.read(manifestPath);
                SampleManifest manifest = SampleManifest.parse(manifestBytes, manifestPath);
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                digest.update((FORMAT + "\0").getBytes(StandardCharsets.UTF_8));
                digest.update(manifestBytes);
                Map<String, byte[]> contents = new LinkedHashMap<>();
                for (String path : manifest.contentPaths()) {
                    byte[] bytes = source.read(path);
                    contents.put(path, bytes);
                    digest.update(("\0" + path + "\0" + bytes.length + "\0").getBytes(StandardCharsets.UTF_8));
                    digest.update(bytes);
                }
                loaded = new Loaded(manifest, contents, HexFormat.of().formatHex(digest.digest()));
            } catch (NoSuchFileException e) {
                throw new BadInputException("sample file " + e.getFile() + " is missing: check the sample's manifest");
            } catch (IOException e) {
                throw new UncheckedIOException("reading sample " + manifestPath + " failed", e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
            }
        }
        return loaded;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover hidden temporary folder is harmless; the next build uses a new one
        }
    }
}
