package dev.rustreview.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --repo}, {@code --base}, {@code --head}: which branch a command reads, worded the same in every command. */
final class BranchOptions {

    @Option(names = "--repo", paramLabel = "DIR", defaultValue = ".", description = "Repository (default: current directory).")
    Path repo;

    @Option(names = "--base", paramLabel = "REV", description = "Base revision (default: origin/HEAD, main or master).")
    String base;

    @Option(names = "--head", paramLabel = "REV", description = "Head revision (default: the current or newest agent branch).")
    String head;
}
