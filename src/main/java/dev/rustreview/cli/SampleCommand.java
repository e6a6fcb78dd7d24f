package dev.rustreview.cli;
import dev.rustreview.git.BundledSample;
import dev.rustreview.settings.AppDirs;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rust-review sample}: builds the bundled sample repository and prints where it is. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Build the bundled sample repository (an agent branch on a small Rust crate) and print its path.")
final class SampleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--into", paramLabel = "DIR",
            description = "Build into DIR (must not exist or be empty). Default: the cache folder the window uses.")
    Path into;

    @Override
    public Integer call() {
        Path path = into == null
                ? BundledSample.ensureBuilt(AppDirs.forCurrentUser().samples())
                : BundledSample.buildInto(into);
        spec.commandLine().getOut().println(path.toAbsolutePath());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
