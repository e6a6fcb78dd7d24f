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
 * PN14: a line the change adds creates a bounded channel of capacity 0 from a crate whose constructor panics on 0:
 * tokio's {@code mpsc::channel} and {@code broadcast::channel}, and {@code async_channel::bounded}. Capacity 0 is
 * meaningful elsewhere ({@code std::sync::mpsc::sync_channel(0)} is a rendezvous, {@code futures}' {@code channel(0)}
 * keeps one slot per sender, {@code crossbeam}'s and {@code flume}'s {@code bounded(0)} are rendezvous), so code
 * written with those in mind, or moved between them, panics the first time it runs. mini-redis 83cdedf3 is the
 * reverse of its fix: the server's shutdown channel was {@code mpsc::channel(0)} and every start panicked.
 *
 * <p>Which crate a path names is read from the file's {@code use} declarations: {@code mpsc::channel(0)} counts
 * only in a file that imports tokio's {@code mpsc}.
 */
public final class ZeroCapacityChannel implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("PN14", RiskArea.PANICS, Severity.HIGH, "channel of capacity 0 that panics",
            "A line the change adds in a non-test fn calls `tokio::sync::mpsc::channel(0)`, "
                    + "`tokio::sync::broadcast::channel(0)` or `async_channel::bounded(0)`, by full path or through the "
                    + "file's `use` of that module or function: those constructors panic on a capacity of 0.",
            "It reads the capacity only as the literal `0`: a constant or variable that is 0 is not seen, nor a "
                    + "module renamed on import (`use tokio::sync::mpsc as chan`).");

    /** {@code mpsc::channel(0)}, {@code tokio::sync::broadcast::channel::<T>(0)}, {@code channel(0)}, {@code bounded(0)}. */
    private static final Pattern CALL = Pattern.compile("(?<![\\w:])((?:::\\s*)?(?:[A-Za-z_]\\w*\\s*::\\s*){0,12})(channel|bounded)"
            + "\\s*(?:::\\s*<[^;{}()]{1,80}>\\s*)?\\(\\s*0(?:usize|u32)?\\s*\\)");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        List<ItemOutline.Item> fns = ItemOutline.changedFns(file);
        if (fns.isEmpty()) {
            return out;
        }
        ItemOutline after = ItemOutline.after(file);
        String uses = useDeclarations(after.masked());
        for (ItemOutline.Item fn : fns) {
            String body = after.body(fn);
            if (!body.contains("(0") && !body.contains("( 0")) {
                continue;
            }
            Matcher m = CALL.matcher(body);
            while (m.find()) {
                int line = after.line(fn.bodyStart() + m.start());
                String path = RuleSupport.squeezed(m.group(1));
                String crate = panickingCrate(path, m.group(2), uses);
                if (crate == null || !file.added(line)) {
                    continue;
                }
                String call = path + m.group(2) + "(0)";
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(fn.name()).object(call)
                        .title("`" + call + "` in `" + fn.name() + "`: " + crate + " panics on capacity 0")
                        .explanation("`" + call + "` is " + crate + ", whose bounded channel has no rendezvous mode: "
                                + "the constructor asserts a capacity above 0 and panics the first time this line "
                                + "runs. Capacity 0 means a rendezvous in `std::sync::mpsc::sync_channel`, crossbeam and "
                                + "flume, and one slot per sender in `futures::channel::mpsc`, which is how code written "
                                + "for those ends up here.")
                        .check("Give the channel a capacity of at least 1 (a `oneshot` if it carries one value), and "
                                + "run the path that creates it once.")
                        .build());
            }
        }
        return out;
    }

    /**
     * The crate whose constructor {@code path + name} calls when that one panics on 0, or null. A path ends with
     * {@code ::} or is empty (the name itself imported).
     */
    static String panickingCrate(String path, String name, String uses) {
        if (name.equals("bounded")) {
            boolean viaPath = path.matches("(?:::)?async_channel::");
            boolean imported = path.isEmpty() && Pattern.compile("\\buse\\s*(?:::\\s*)?async_channel\\s*::\\s*"
                    + "(?:bounded\\b|\\{[^;]*\\bbounded\\b)").matcher(uses).find();
            return viaPath || imported ? "`async_channel::bounded`" : null;
        }
        for (String module : List.of("mpsc", "broadcast")) {
            String crate = "tokio's `" + module + "::channel`";
            if (path.matches("(?:::)?tokio::sync::" + module + "::")) {
                return crate;
            }
            // `use tokio::sync::mpsc;`, `use tokio::sync::{broadcast, mpsc};`, `use tokio::{sync::{mpsc, oneshot}};`,
            // `use tokio::sync::mpsc::{self, Sender};` name the module; `use tokio::sync::mpsc::Sender;` does not.
            String inSync = "\\bsync\\s*::\\s*(?:\\{[^;]*?)?\\b" + module;
            String imported = path.equals(module + "::")
                    ? inSync + "\\b(?!\\s*::(?!\\s*\\{[^};]*\\bself\\b))"
                    : path.isEmpty() ? inSync + "\\s*::\\s*(?:channel\\b|\\{[^};]*\\bchannel\\b)" : null;
            if (imported != null && fromTokio(uses, Pattern.compile(imported))) {
                return crate;
            }
        }
        return null;
    }

    private static boolean fromTokio(String uses, Pattern imported) {
        for (String use : uses.split("\n")) {
            if (use.matches("(?s)use\\s*(?:::\\s*)?tokio\\b.*") && imported.matcher(use).find()) {
                return true;
            }
        }
        return false;
    }

    /** The file's {@code use} declarations, one per line (a declaration's own line breaks read as spaces). */
    private static String useDeclarations(String masked) {
        StringBuilder out = new StringBuilder();
        Matcher m = Pattern.compile("\\buse\\s[^;]{0,2000};").matcher(masked);
        while (m.find()) {
            out.append(m.group().replace('\n', ' ')).append('\n');
        }
        return out.toString();
    }
}
