package dev.rustreview.git;
import dev.rustreview.model.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Writes one commit's tree into an empty folder straight from git objects: no checkout, no index, no
 * filters, no hooks; the repository's work tree is never read. Submodules stay empty folders. Symbolic
 * links are created only when their target is relative and stays inside the folder, and only after every
 * regular file is written, so no write can be redirected through a link.
 */
final class TreeMaterialiser {

    /** What was written. */
    record Result(int files, long bytes, int skippedLinks) {
    }

    private final Repository repo;

    TreeMaterialiser(Repository repo) {
        this.repo = repo;
    }

    Result write(String commitId, Path into, long maxBytes, BooleanSupplier cancelled) throws IOException {
        Path root = into.toAbsolutePath().normalize();
        Files.createDirectories(root);
        try (var entries = Files.list(root)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalArgumentException(root + " is not empty");
            }
        }
        List<String[]> links = new ArrayList<>();
        int files = 0;
        long bytes = 0;
        try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader);
             TreeWalk tree = new TreeWalk(reader)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(commitId));
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                if (cancelled.getAsBoolean()) {
                    throw new java.util.concurrent.CancellationException("cancelled");
                }
                Path target = inside(root, tree.getPathString());
                FileMode mode = tree.getFileMode(0);
                if (FileMode.GITLINK.equals(mode)) {
                    Files.createDirectories(target);
                } else if (FileMode.SYMLINK.equals(mode)) {
                    links.add(new String[] {tree.getPathString(),
                            new String(reader.open(tree.getObjectId(0)).getCachedBytes(4096), StandardCharsets.UTF_8)});
                } else {
                    bytes += reader.getObjectSize(tree.getObjectId(0), org.eclipse.jgit.lib.Constants.OBJ_BLOB);
                    if (bytes > maxBytes) {
                        throw new BadInputException("the tree at " + commitId.substring(0, 7) + " is larger than "
                                + (maxBytes >> 20) + " MiB: too large to build in a temporary copy");
                    }
                    Files.createDirectories(target.getParent());
                    try (InputStream in = reader.open(tree.getObjectId(0)).openStream();
                         OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                                 StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                        in.transferTo(out);
                    }
                    if (FileMode.EXECUTABLE_FILE.equals(mode)) {
                        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                    files++;
                }
            }
        }
        int skipped = 0;
        for (String[] link : links) {
            skipped += link(root, link[0], link[1]) ? 0 : 1;
        }
        return new Result(files, bytes, skipped);
    }

    private static boolean link(Path root, String path, String target) throws IOException {
        Path at = inside(root, path);
        Path pointee = at.getParent().resolve(target).normalize();
        if (target.isEmpty() || Path.of(target).isAbsolute() || !pointee.startsWith(root)) {
            return false;
        }
        Files.createDirectories(at.getParent());
        Files.createSymbolicLink(at, Path.of(target));
        return true;
    }

    /** Git paths never hold {@code ..} or absolute parts, but the tree is untrusted: check anyway. */
    private static Path inside(Path root, String gitPath) {
        Path resolved = root.resolve(gitPath).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw new BadInputException("the tree holds an unsafe path '" + gitPath + "': refusing to build it");
        }
        return resolved;
    }
}
