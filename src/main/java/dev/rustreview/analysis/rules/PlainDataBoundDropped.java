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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * US24: a plain-data bound dropped from a generic parameter that a safe fn views as bytes. {@code T: ByteValued}
 * (or {@code Pod}, {@code AsBytes}, ..) promised that every byte of a {@code T} is initialised and any bit pattern
 * is valid; with only {@code T: Sized} left, a caller can pass a struct with padding, and reading it through
 * {@code slice::from_raw_parts(body as *const T as *const u8, size_of::<T>())} reads uninitialised memory from safe
 * code: undefined behaviour. vhost f2ae5118 reversed: {@code Endpoint::send_message<T: Sized>} copied any body onto
 * the socket.
 */
public final class PlainDataBoundDropped implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("US24", RiskArea.UNSAFE, Severity.MEDIUM, "plain-data bound dropped",
            "In a fn that stays and is not `unsafe fn`, the change removes a plain-data bound from a generic "
                    + "parameter `T` (`ByteValued`, `Pod`, `Zeroable`, `AnyBitPattern`, `NoUninit`, `AsBytes`, "
                    + "`IntoBytes`, `FromBytes`, `FromZeroes`, `Immutable`, `Plain`, `DataInit`) with the bound named "
                    + "nowhere in the new signature, and the new body views a `T` as bytes (`as *const T as *const u8`, "
                    + "`*mut T as *mut u8`, `from_raw_parts(..)` over `size_of::<T>()`, `transmute::<T, ..>`).",
            "It reads the fn's signature and body: a bound moved to the impl or a trait the type must implement, "
                    + "or a check made at run time, is not seen.");

    private static final Pattern BOUND = Pattern.compile("\\b([A-Z]\\w*)\\s*:\\s*[^,>{]*?\\b(ByteValued|Pod|Zeroable|"
            + "AnyBitPattern|NoUninit|AsBytes|IntoBytes|FromBytes|FromZeroes|FromZeros|Immutable|Plain|DataInit)\\b");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (!file.isRust() || file.oldText() == null || file.newText() == null || file.isTestPath()
                || !BOUND.matcher(file.oldText()).find()) {
            return out;
        }
        ItemOutline before = ItemOutline.before(file);
        ItemOutline after = ItemOutline.after(file);
        Map<String, ItemOutline.Item> now = after.byKey(ItemOutline.Kind.FN);
        for (ItemOutline.Item was : before.byKey(ItemOutline.Kind.FN).values()) {
            ItemOutline.Item fn = now.get(was.key());
            if (fn == null || after.inTest(fn) || out.size() >= 8
                    || !file.anyRemoved(before.line(was.start()), before.line(was.bodyStart()))) {
                continue;
            }
            String oldHeader = before.masked().substring(was.start(), was.bodyStart());
            String newHeader = after.masked().substring(fn.start(), fn.bodyStart());
            if (Pattern.compile("\\bunsafe\\s+(?:extern\\s*(?:\"[^\"]*\")?\\s*)?fn\\b").matcher(newHeader).find()) {
                continue; // the caller now owns the contract
            }
            Matcher b = BOUND.matcher(oldHeader);
            while (b.find()) {
                String param = b.group(1);
                String trait = b.group(2);
                if (Pattern.compile("\\b" + trait + "\\b").matcher(newHeader).find()
                        || !viewsAsBytes(after.body(fn), param)) {
                    continue;
                }
                int line = after.line(fn.start());
                for (int l = line; l <= after.line(fn.bodyStart()); l++) {
                    if (file.added(l)) {
                        line = l;
                        break;
                    }
                }
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(fn.name()).object(param + ": " + trait)
                        .title("`" + fn.name() + "` views `" + param + "` as bytes without the `" + trait + "` bound")
                        .explanation("Before the change `" + param + ": " + trait + "` promised that every byte of a `"
                                + param + "` is initialised and that any bytes make a valid one. The bound is gone, "
                                + "and `" + fn.name() + "` still turns a `" + param + "` into bytes (or bytes into "
                                + "one) in unsafe code. A safe caller can now pass a struct with padding (its padding "
                                + "bytes are uninitialised) or a type with invalid bit patterns (`bool`, an enum, a "
                                + "reference): undefined behaviour reached from safe code.")
                        .check("Keep the bound (or mark the fn `unsafe` and write down what `" + param + "` must be).")
                        .build());
                break;
            }
        }
        return out;
    }

    /** Whether the body casts a {@code T} pointer to or from bytes, or transmutes. */
    private static boolean viewsAsBytes(String body, String param) {
        String p = Pattern.quote(param);
        return Pattern.compile("\\*\\s*(?:const|mut)\\s+" + p + "\\s+as\\s+\\*\\s*(?:const|mut)\\s+u8\\b"
                + "|\\*\\s*(?:const|mut)\\s+u8\\s+as\\s+\\*\\s*(?:const|mut)\\s+" + p + "\\b"
                + "|from_raw_parts(?:_mut)?\\s*\\([^;]{0,200}size_of\\s*::\\s*<\\s*" + p + "\\s*>"
                + "|\\btransmute\\s*::\\s*<[^;]{0,80}\\b" + p + "\\b").matcher(body).find();
    }
}
