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
 * CC52: the handler that receives a subscription's deliveries installed after the subscribe request instead of
 * before it. Deliveries can arrive as soon as the broker has the subscription, which may be before the request's
 * response is read; with no handler yet they are dropped. rabbitmq-stream-rust-client 634adb6d reversed: the
 * consumer's {@code client.set_handler(..)} moved from before {@code client.subscribe(..).await} to after it, and
 * messages that raced the subscribe response were lost.
 */
public final class HandlerAfterSubscribe implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("CC52", RiskArea.CONCURRENCY, Severity.MEDIUM,
            "handler installed after subscribing",
            "In a non-test fn that stays, a handler installation (`set_handler`, `set_callback`, `set_listener`, "
                    + "`add_listener`, `register_handler`, `on_message`, `set_message_handler`) on a receiver came before "
                    + "a `subscribe*`/`consume`/`watch` call on the same receiver, and after the change comes after it, "
                    + "on a line the change adds.",
            "It reads the fn's order only: a protocol that delivers nothing before the subscribe response (or buffers "
                    + "it) makes the new order safe, and a handler installed in another fn is not seen.");

    private static final String RECEIVER = "((?:self\\s*\\.\\s*)?[a-z_]\\w{0,40}(?:\\s*\\.\\s*[a-z_]\\w{0,40}){0,2})";
    private static final Pattern INSTALL = Pattern.compile("(?<![\\w.])" + RECEIVER + "\\s*\\.\\s*(set_handler|set_callback"
            + "|set_listener|add_listener|register_handler|on_message|set_message_handler)\\s*\\(");
    private static final String SUBSCRIBE = "\\s*\\.\\s*(?:subscribe\\w{0,20}|consume|watch)\\s*\\(";

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        if (file.newText() == null || file.oldText() == null || !file.newText().contains("subscribe")
                && !file.newText().contains("consume") && !file.newText().contains("watch")) {
            return out;
        }
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            if (out.size() >= 8) {
                break;
            }
            String newBody = pair.newBody();
            Matcher now = INSTALL.matcher(newBody);
            int looked = 0;
            while (now.find() && looked++ < 8) {
                String receiver = now.group(1).replaceAll("\\s+", "");
                Pattern subscribe = Pattern.compile("(?<![\\w.])" + spaced(receiver) + SUBSCRIBE);
                Matcher sub = subscribe.matcher(newBody);
                if (!sub.find() || sub.start() > now.start()) {
                    continue; // still subscribes after installing
                }
                String oldBody = pair.oldBody();
                Matcher was = Pattern.compile("(?<![\\w.])" + spaced(receiver) + "\\s*\\.\\s*" + now.group(2) + "\\s*\\(")
                        .matcher(oldBody);
                Matcher oldSub = subscribe.matcher(oldBody);
                if (!was.find() || !oldSub.find() || was.start() > oldSub.start()) {
                    continue; // the old fn did not install first
                }
                int line = pair.after().line(pair.now().bodyStart() + now.start());
                if (!file.added(line)) {
                    continue;
                }
                int subLine = pair.after().line(pair.now().bodyStart() + sub.start());
                String fn = pair.now().name();
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(fn).object(receiver + "." + now.group(2))
                        .title("`" + fn + "` installs the handler with `" + now.group(2) + "` after subscribing on line "
                                + subLine)
                        .explanation("Before the change `" + fn + "` installed the handler on `" + receiver + "` and "
                                + "then subscribed; now it subscribes first (line " + subLine + ") and installs the "
                                + "handler on line " + line + ". The other side may deliver as soon as it has the "
                                + "subscription, before the subscribe call returns: what arrives in between finds no "
                                + "handler and is dropped.")
                        .check("Install the handler before subscribing (and remove it if the subscribe fails), or check "
                                + "that the protocol delivers nothing before the subscribe response.")
                        .build());
                break;
            }
        }
        return out;
    }

    private static String spaced(String receiver) {
        return Pattern.quote(receiver).replace(".", "\\E\\s*\\.\\s*\\Q");
    }
}
