package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.analysis.RuleInfo;
import dev.rustreview.model.Finding;
import dev.rustreview.model.RiskArea;
import dev.rustreview.model.Severity;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * SS19: a borrowed raw descriptor stored in a struct. {@code LocalDiskBlob { device_fd: self.device_file.as_raw_fd(),
 * .. }} keeps only the number of a descriptor that {@code LocalDisk}'s {@code File} owns: once the disk is dropped
 * the descriptor is closed, and the blob reads from a closed descriptor, or from whatever file the process opened
 * next and got the same number. nydus d5cdc78d reversed (the fix gives each blob its own {@code try_clone()}d
 * {@code File}).
 */
public final class RawDescriptorStored implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("SS19", RiskArea.SHARED_STATE, Severity.MEDIUM,
            "borrowed raw descriptor stored in a struct",
            "A line the change adds to non-test code initialises a struct field with `x.as_raw_fd()` (or "
                    + "`as_raw_handle()`, `as_raw_socket()`): the struct keeps a number whose owner (`x`) may close it "
                    + "first. `into_raw_fd()` (ownership handed over) and `as_fd()` (a borrow the compiler checks) are "
                    + "not reported.",
            "It reads the added line: a struct that never outlives the owner is not told apart.");

    private static final Pattern STORED = Pattern.compile("^\\s*([a-z_]\\w*)\\s*:(?!:)\\s*[^,;{}]{1,160}?\\.\\s*"
            + "as_raw_(fd|handle|socket)\\s*\\(\\s*\\)\\s*,?\\s*$");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || !file.newText().contains("as_raw_")) {
            return out;
        }
        for (AddedLines.Line line : AddedLines.of(file)) {
            java.util.regex.Matcher m = STORED.matcher(line.text());
            if (!m.find() || out.size() >= 8) {
                continue;
            }
            String field = m.group(1);
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, line.number(), line.number())
                    .object(line.fn().name()).object(field + " raw " + m.group(2))
                    .title("field `" + field + "` keeps a borrowed raw " + m.group(2) + " (`as_raw_" + m.group(2)
                            + "()`)")
                    .explanation("`" + field + "` is set from `as_raw_" + m.group(2) + "()`, which lends the number "
                            + "of a descriptor that another value owns and will close when it is dropped. The struct "
                            + "keeps the number past that point: reads and writes through it then fail on a closed "
                            + "descriptor, or, once the process has opened something else and got the same number, "
                            + "silently hit the wrong file or socket.")
                    .check("Store an owned handle (`try_clone()` the `File`, keep an `OwnedFd`/`Arc<File>`), or a "
                            + "`BorrowedFd<'a>` whose lifetime ties the struct to the owner.")
                    .build());
        }
        return out;
    }
}
