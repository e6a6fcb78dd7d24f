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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * US12: in one fn the change replaces memory that was initialised ({@code [0u8; N]}, {@code vec![0; n]},
 * {@code mem::zeroed()}, {@code MaybeUninit::zeroed()}) by memory that is not ({@code MaybeUninit::uninit()},
 * {@code mem::uninitialized()}, {@code set_len}). Saving the zeroing is a typical optimisation, and it is sound only
 * if every byte is written before it is read: a kernel or C call that writes fewer bytes than the buffer holds (a
 * control-message buffer, a socket address) leaves the rest uninitialised, and reading it is undefined behaviour.
 * quinn-udp's receive path read control messages macOS had not written (76b89160).
 */
public final class InitialisationRemoved implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("US12", RiskArea.UNSAFE, Severity.MEDIUM, "initialisation removed",
            "In a non-test fn the change removes an initialised buffer (`[0u8; N]`, `vec![0; n]`, `mem::zeroed()`, "
                    + "`MaybeUninit::zeroed()`, `resize(n, 0)`) and adds `MaybeUninit::uninit()`, "
                    + "`uninit_array`, `mem::uninitialized()` or `set_len`.",
            "It compares the removed and added lines of one fn as text: whether every byte is written before it is "
                    + "read (by the code or by the C function it calls) is not checked.",
            "uninit_assumed_init", "uninit_vec");

    private static final Pattern UNINIT = Pattern.compile("\\bMaybeUninit\\s*(?:::\\s*<[^{}()]{0,200}?>\\s*)?::\\s*"
            + "(?:uninit|uninit_array)\\s*\\(|\\bmem::uninitialized\\s*\\(|\\.\\s*set_len\\s*\\(|\\buninit_array!\\s*\\(");
    private static final Pattern INIT = Pattern.compile("\\[\\s*0(?:u8|u16|u32|u64|usize|i8|i32|i64)?\\s*;|\\bvec!\\s*\\[\\s*0"
            + "(?:u8|u16|u32|u64|usize|i8|i32|i64)?\\s*;|\\bmem::zeroed\\s*\\(|\\bMaybeUninit\\s*(?:::\\s*<[^{}()]{0,200}?>\\s*)?"
            + "::\\s*zeroed\\s*\\(|\\.\\s*resize\\s*\\([^,;]{1,100},\\s*0\\s*\\)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String oldBody = pair.oldBody();
            String newBody = pair.newBody();
            if (RuleSupport.count(UNINIT, newBody) <= RuleSupport.count(UNINIT, oldBody)
                    || RuleSupport.count(INIT, newBody) >= RuleSupport.count(INIT, oldBody)) {
                continue;
            }
            Hit removed = firstChanged(file, pair.before(), pair.was(), oldBody, INIT, true);
            Hit added = firstChanged(file, pair.after(), pair.now(), newBody, UNINIT, false);
            if (removed == null || added == null) {
                continue;
            }
            int removedInit = removed.line();
            int addedUninit = added.line();
            String shown = added.text().replaceAll("\\s+", "").replaceAll("\\($", "()");
            String fn = pair.now().name();
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, addedUninit, addedUninit)
                    .object(fn).object("initialised -> " + shown)
                    .title("`" + shown + "` replaces initialised memory in `" + fn + "`")
                    .explanation("Before the change `" + fn + "` initialised this memory (old line " + removedInit
                            + "); now line " + addedUninit + " leaves it uninitialised (`" + shown + "`). That is "
                            + "sound only if every byte is written before anything reads it. A kernel or C call that "
                            + "fills a buffer (control messages, a socket address, `read`) may write fewer bytes "
                            + "than the buffer holds, and reading the rest (or making a `&[u8]` of it) is undefined "
                            + "behaviour, which often shows up only on another OS.")
                    .check("Check that every byte is written before it is read on every platform the code builds "
                            + "for; if the writer's length is not checked, keep the zeroing (its cost is rarely "
                            + "measurable).")
                    .build());
        }
        return out;
    }

    private record Hit(int line, String text) {
    }

    /** The first match of {@code pattern} in {@code fn} on a line the change removed (old side) or added, or null. */
    private static Hit firstChanged(ChangedFile file, ItemOutline outline, ItemOutline.Item fn, String body,
                                    Pattern pattern, boolean removed) {
        Matcher m = pattern.matcher(body);
        int seen = 0;
        while (m.find() && seen++ < 64) {
            int line = outline.line(fn.bodyStart() + m.start());
            if (removed ? file.removed(line) : file.added(line)) {
                return new Hit(line, m.group());
            }
        }
        return null;
    }
}
