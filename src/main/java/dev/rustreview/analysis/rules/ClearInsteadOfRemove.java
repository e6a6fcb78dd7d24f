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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SS8: a fn that removed one caller's entry from a collection ({@code wakers.remove(&id)}, the key a parameter)
 * now clears the whole collection. Where the collection is shared by many registrants (a reactor's waker map, a
 * registry of channels), unregistering one now drops every other one's entry: they lose their wakeups or their
 * state and hang (glommio 374705bc, "unrelated shared channels lost their wakeups").
 */
public final class ClearInsteadOfRemove implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("SS8", RiskArea.SHARED_STATE, Severity.MEDIUM,
            "one entry's removal became clearing them all",
            "In a non-test fn that stays, the change deletes `x.remove(key)` (or `swap_remove`, `take`), whose key "
                    + "is one of the fn's parameters, and adds `x.clear()` on the same receiver: every other entry of "
                    + "the collection goes too.",
            "It does not know whether the collection holds anyone else's entries; a clear that is right (the "
                    + "collection is the caller's own) is reported too.");

    private static final Pattern REMOVE = Pattern.compile(
            "(?<![\\w.])([\\w.]{1,200})\\s*\\.\\s*(?:remove|swap_remove|shift_remove|take)\\s*\\(");
    private static final Pattern CLEAR = Pattern.compile("(?<![\\w.])([\\w.]{1,200})\\s*\\.\\s*clear\\s*\\(\\s*\\)");
    private static final Pattern PARAM = Pattern.compile("(?:\\(|,)\\s*(?:mut\\s+)?([a-z_]\\w*)\\s*:");
    private static final Pattern WORD = Pattern.compile("[a-z_]\\w*");
    private static final int MAX_PER_FN = 256;

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            Set<String> params = params(pair.now().header());
            if (params.isEmpty()) {
                continue;
            }
            String oldBody = pair.oldBody();
            String newBody = pair.newBody();
            Matcher clear = CLEAR.matcher(newBody);
            int n = 0;
            while (clear.find() && n++ < MAX_PER_FN) {
                String receiver = clear.group(1);
                int line = pair.after().line(pair.now().bodyStart() + clear.start(1));
                if (!file.added(line) || removesIn(newBody, receiver) != null) {
                    continue;
                }
                String key = removesIn(oldBody, receiver);
                if (key == null || !mentionsAny(key, params)) {
                    continue;
                }
                String fn = pair.now().name();
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .severity(Severity.MEDIUM)
                        .object(fn).object("clear " + receiver)
                        .title("`" + fn + "` clears all of `" + receiver + "` instead of removing `" + key + "`")
                        .explanation("Before the change `" + fn + "` removed only the entry for `" + key + "` from `"
                                + receiver + "`; now it calls `" + receiver + ".clear()` (line " + line + "). If other "
                                + "callers have entries there (wakers, registrations, pending work), removing one "
                                + "of them now drops them all: they are never woken or completed, and hang.")
                        .check("Check whether `" + receiver + "` holds entries of anyone but this caller; if it does, "
                                + "remove only `" + key + "`'s.")
                        .build());
                break;
            }
        }
        return out;
    }

    /** The key text of the first keyed removal from {@code receiver} in {@code body}, or null. */
    private static String removesIn(String body, String receiver) {
        Matcher m = REMOVE.matcher(body);
        int n = 0;
        while (m.find() && n++ < MAX_PER_FN) {
            if (!m.group(1).equals(receiver)) {
                continue;
            }
            int open = m.end() - 1;
            int close = RuleSupport.closing(body, open, '(', ')');
            String key = body.substring(open + 1, Math.min(close, body.length())).strip();
            if (!key.isEmpty() && key.length() <= 200) {
                return key;
            }
        }
        return null;
    }

    private static Set<String> params(String header) {
        Set<String> out = new HashSet<>();
        int open = header.indexOf('(', Math.max(0, ItemOutline.indexOfWord(header, "fn")));
        if (open < 0) {
            return out;
        }
        Matcher m = PARAM.matcher(header).region(open, header.length());
        while (m.find()) {
            if (!m.group(1).equals("self")) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    private static boolean mentionsAny(String key, Set<String> params) {
        Matcher w = WORD.matcher(key);
        while (w.find()) {
            if (params.contains(w.group())) {
                return true;
            }
        }
        return false;
    }
}
