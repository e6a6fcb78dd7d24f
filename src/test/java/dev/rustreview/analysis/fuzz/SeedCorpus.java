package dev.rustreview.analysis.fuzz;

import dev.rustreview.git.DiffOptions;
import dev.rustreview.git.GitRepository;
import dev.rustreview.model.BadInputException;
import dev.rustreview.model.SourceReader;
import dev.rustreview.model.TreeFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The real Rust files the harness mutates, read at run time and never copied into the repository: from a folder of
 * {@code owner+name/repo} bare clones (every clone's {@code .rs} files at HEAD, read from git objects), from one
 * git repository, or from the {@code .rs} files under a plain folder.
 */
final class SeedCorpus {

    /** One seed file: where it came from, and its text as UTF-8 bytes. */
    record Seed(String name, byte[] bytes) {
    }

    private static final int MAX_SEED_BYTES = 256 * 1024;

    private SeedCorpus() {
    }

    static List<Seed> load(Path dir, int perRepository, Random random) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("seed folder " + dir + " does not exist: pass -Dfuzz.seeds=DIR (bare clones "
                    + "as owner+name/repo, one repository, or a folder of .rs files)");
        }
        List<Seed> seeds = new ArrayList<>();
        List<Path> clones = clones(dir);
        if (!clones.isEmpty()) {
            for (Path clone : clones) {
                seeds.addAll(fromRepository(clone, perRepository, random));
            }
        } else if (Files.isDirectory(dir.resolve(".git")) || Files.isRegularFile(dir.resolve("HEAD"))) {
            seeds.addAll(fromRepository(dir, perRepository, random));
        } else {
            seeds.addAll(fromFolder(dir));
        }
        if (seeds.isEmpty()) {
            throw new BadInputException("no .rs files under " + dir + ": pass -Dfuzz.seeds=DIR holding Rust sources");
        }
        return seeds;
    }

    private static List<Path> clones(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.map(c -> c.resolve("repo")).filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Seed> fromRepository(Path repo, int limit, Random random) {
        List<Seed> out = new ArrayList<>();
        try (GitRepository git = GitRepository.open(repo)) {
            String head = git.resolve("HEAD").commitId();
            SourceReader sources = git.sources(DiffOptions.DEFAULT);
            List<TreeFile> files = new ArrayList<>(sources.files(head, List.of(".rs")));
            Collections.shuffle(files, random);
            String name = repo.getParent().getFileName() + "@" + head.substring(0, 10) + ":";
            for (TreeFile f : files) {
                if (out.size() >= limit) {
                    break;
                }
                sources.blob(f.blobId()).map(t -> t.getBytes(StandardCharsets.UTF_8))
                        .filter(b -> b.length <= MAX_SEED_BYTES).ifPresent(b -> out.add(new Seed(name + f.path(), b)));
            }
        } catch (BadInputException e) {
            System.err.println("skipped " + repo + ": " + e.getMessage());
        }
        return out;
    }

    private static List<Seed> fromFolder(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Seed> out = new ArrayList<>();
            for (Path p : files.filter(p -> p.toString().endsWith(".rs") && Files.isRegularFile(p)).sorted().toList()) {
                byte[] b = Files.readAllBytes(p);
                if (b.length <= MAX_SEED_BYTES) {
                    out.add(new Seed(p.toString(), b));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
