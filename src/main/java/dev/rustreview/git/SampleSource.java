package dev.rustreview.git;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Where a sample's manifest and file contents are read from: a folder, or resources on the classpath. */
@FunctionalInterface
public interface SampleSource {

    /** The bytes of {@code relativePath} ({@code /}-separated, relative to the sample's folder). */
    byte[] read(String relativePath) throws IOException;

    /** A sample folder on disk, e.g. {@code samples/backup-service} in a checkout. */
    static SampleSource folder(Path root) {
        Path base = root.toAbsolutePath().normalize();
        return relativePath -> {
            Path file = base.resolve(relativePath).normalize();
            if (!file.startsWith(base)) {
                throw new NoSuchFileException(relativePath, null, "outside the sample folder " + base);
            }
            return Files.readAllBytes(file);
        };
    }

    /**
     * Resources under {@code root} on the classpath, e.g. {@code /samples/backup-service} for the sample
     * packaged into the application jar.
     */
    static SampleSource classpath(String root) {
        String base = root.endsWith("/") ? root : root + "/";
        return relativePath -> {
            if (relativePath.startsWith("/") || relativePath.contains("..")) {
                throw new NoSuchFileException(relativePath, null, "not a relative path inside " + base);
            }
            try (InputStream in = SampleSource.class.getResourceAsStream(base + relativePath)) {
                if (in == null) {
                    throw new NoSuchFileException(base + relativePath, null, "no such resource on the classpath");
                }
                return in.readAllBytes();
            }
        };
    }
}
