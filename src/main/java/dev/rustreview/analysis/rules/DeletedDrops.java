package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code Drop} and {@code PinnedDrop} impls a change deletes while their type stays: the code that ran whenever a
 * value of the type went away, on every path (an early return, a panic, a cancelled future), no longer runs. Shared by
 * the rules that judge what such a deleted cleanup did.
 */
final class DeletedDrops {

    /** One deleted drop: the type, the deleted fn's masked body, its line on the old side, and the old outline. */
    record Deleted(String type, String body, int line, ItemOutline before) {
    }

    private static final Pattern DROP_KEY = Pattern.compile("(?:^|::)impl (Drop|PinnedDrop) for (\\w+)::drop(?:#\\d+)?$");
    /** Something the body does beyond logging: a call that is not a log macro, or an assignment. */
    private static final Pattern EFFECT = Pattern.compile("(?<![\\w!])(?!(?:trace|debug|info|warn|error|println|eprintln)\\b)"
            + "[a-z_]\\w*\\s*\\(|[^=!<>]=[^=>]");

    private DeletedDrops() {
    }

    static List<Deleted> in(ChangedFile file) {
        List<Deleted> out = new ArrayList<>();
        String oldText = file.oldText();
        String newText = file.newText();
        if (!file.isRust() || oldText == null || newText == null || file.isTestPath() || !oldText.contains("Drop for")) {
            return out;
        }
        ItemOutline before = ItemOutline.before(file);
        String afterMasked = ItemOutline.after(file).masked();
        for (ItemOutline.Item was : before.byKey(ItemOutline.Kind.FN).values()) {
            Matcher drop = DROP_KEY.matcher(was.key());
            if (!drop.find() || before.inTest(was)) {
                continue;
            }
            String type = drop.group(2);
            ItemOutline.Item impl = before.implOf(drop.group(1), type);
            int line = before.headerLine(impl != null ? impl : was);
            String body = before.body(was);
            // The crate model holds the new side of this file too: a drop moved within the file or to another
            // file of the crate is still a method `drop` of the type.
            if (!file.crate().methods(type, "drop").isEmpty() || !EFFECT.matcher(body).find()
                    || !Pattern.compile("\\b(?:struct|enum|union)\\s+" + Pattern.quote(type) + "\\b")
                    .matcher(afterMasked).find()) {
                continue;
            }
            out.add(new Deleted(type, body, line, before));
        }
        return out;
    }
}
