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
 * AL31: a future that was created before an awaited step and awaited after it is now created at the await. Code
 * splits creation from awaiting on purpose: a notifier, a subscription or a listener that registers when it is
 * created sees the event the step causes; created after the step, it waits for an event that already fired.
 * influxdb 181cc009 reversed: the ingester's shutdown waited forever for "no inactive WAL segments" because the
 * notifier was created after the rotated segment was enqueued and already deleted.
 */
public final class FutureCreatedLate implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("AL31", RiskArea.ASYNC_LIFETIMES, Severity.MEDIUM,
            "future created after the step it must observe",
            "In a non-test async fn that stays, the change removes `let w = recv.method(..);` whose `w.await` came "
                    + "after at least one other `.await`, and adds `recv.method(..).await` (the same call, awaited where "
                    + "it is made) after that step: whatever the future registers at creation now registers too late; "
                    + "and a broadcast receiver the change stops subscribing in one fn and subscribes again, under "
                    + "the same name, inside an async fn (the spawned task).",
            "It cannot tell a future that registers when created (a notifier, a broadcast subscription) from a "
                    + "lazy `async fn` call, for which the move is harmless; the split in the old code is the evidence.");

    /** {@code let empty_waker = wal_reference_handle.empty_inactive_notifier();}: name, the call. */
    private static final Pattern CREATED = Pattern.compile(
            "\\blet\\s+(?:mut\\s+)?([a-z_]\\w*)\\s*=\\s*((?:[A-Za-z_]\\w*\\s*(?:\\.|::)\\s*){1,5}[A-Za-z_]\\w*\\s*\\([^;{}()]{0,120}\\))\\s*;");

    private static final Pattern ASYNC = Pattern.compile("\\basync\\s+(?:unsafe\\s+)?(?:extern\\s+\\S+\\s+)?fn\\b");
    /** {@code let abort_read_rx = abort_tx.subscribe();}: the receiver's name. */
    private static final Pattern SUBSCRIBED = Pattern.compile(
            "\\blet\\s+(?:mut\\s+)?([a-z_]\\w*)\\s*=\\s*(?:[A-Za-z_]\\w*\\s*\\.\\s*){1,4}(?:subscribe|resubscribe)\\s*\\(\\s*\\)\\s*;");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            String was = pair.oldBody();
            if (!was.contains(".await") || !ASYNC.matcher(ItemOutline.plain(pair.now().header())).find()) {
                continue;
            }
            Matcher let = CREATED.matcher(was);
            while (let.find()) {
                if (!pair.removedAt(file, let.start())) {
                    continue;
                }
                String name = let.group(1);
                Matcher awaited = Pattern.compile("(?<![\\w.])" + name + "\\s*\\.\\s*await\\b").matcher(was);
                if (!awaited.find(let.end()) || !was.substring(let.end(), awaited.start()).contains(".await")) {
                    continue;
                }
                String call = RuleSupport.squeezed(let.group(2));
                Finding f = awaitedWhereMade(file, pair, name, call);
                if (f != null) {
                    out.add(f);
                    break;
                }
            }
        }
        if (out.isEmpty()) {
            subscribedLate(file).ifPresent(out::add);
        }
        return out;
    }

    /**
     * A broadcast receiver the change stops subscribing where it was (a fn that spawns the task) and subscribes
     * again, under the same name, in an async fn's body: mullvad 9cd8249d reversed resubscribed inside the spawned
     * ingress task, after an abort could already have been sent.
     */
    private static java.util.Optional<Finding> subscribedLate(ChangedFile file) {
        if (file.oldText() == null || !file.oldText().contains("subscribe")) {
            return java.util.Optional.empty();
        }
        java.util.Set<String> removed = new java.util.LinkedHashSet<>();
        ItemOutline before = ItemOutline.before(file);
        Matcher old = SUBSCRIBED.matcher(before.masked());
        while (old.find()) {
            if (file.removed(before.line(old.start()))) {
                removed.add(old.group(1));
            }
        }
        if (removed.isEmpty()) {
            return java.util.Optional.empty();
        }
        ItemOutline after = ItemOutline.after(file);
        for (ItemOutline.AddedMatch at : ItemOutline.addedMatches(file, SUBSCRIBED)) {
            String name = at.match().group(1);
            if (!removed.contains(name) || !ASYNC.matcher(ItemOutline.plain(at.fn().header())).find()) {
                continue;
            }
            String fn = at.fn().name();
            return java.util.Optional.of(FindingBuilder.lines(INFO, file, Side.NEW, at.line(), at.line())
                    .object(fn).object(name)
                    .title("`" + name + "` is now subscribed inside `" + fn + "`")
                    .explanation("Before the change `" + name + "` was subscribed before the task started; now the "
                            + "async fn `" + fn + "` subscribes it when it first runs. A broadcast receiver only sees "
                            + "messages sent after it exists: one sent in between (an abort, a shutdown, a change) is "
                            + "never received, and the task keeps running or waiting.")
                    .check("Subscribe before spawning and pass the receiver in, as before.")
                    .build());
        }
        return java.util.Optional.empty();
    }

    private static Finding awaitedWhereMade(ChangedFile file, ItemOutline.FnPair pair, String name, String call) {
        String now = pair.newBody();
        if (Pattern.compile("\\blet\\s+(?:mut\\s+)?" + name + "\\b").matcher(now).find()) {
            return null;
        }
        Matcher m = Pattern.compile("\\.\\s*await\\b").matcher(now);
        int first = -1;
        while (m.find()) {
            int start = Math.max(0, m.start() - call.length() - 40);
            String before = RuleSupport.squeezed(now.substring(start, m.start()));
            int line = pair.after().line(pair.now().bodyStart() + m.start());
            if (before.endsWith(call) && file.added(line) && first >= 0) {
                String fn = pair.now().name();
                return FindingBuilder.lines(INFO, file, Side.NEW, line, line)
                        .object(fn).object(call)
                        .title("`" + RuleSupport.shorten(call) + "` is now created where it is awaited in `" + fn + "`")
                        .explanation("Before the change `" + fn + "` created this future as `" + name + "` before an "
                                + "earlier `.await` and awaited it only after that step; now it is created after the "
                                + "step. A future that registers interest when it is created (a notifier, a "
                                + "subscription, a listener) misses an event the step already caused, and the await "
                                + "hangs.")
                        .check("If the future registers at creation, create it before the step again and await it "
                                + "after (and say so in a comment); if it is a plain `async fn`, nothing changes.")
                        .build();
            }
            first = m.start();
        }
        return null;
    }
}
