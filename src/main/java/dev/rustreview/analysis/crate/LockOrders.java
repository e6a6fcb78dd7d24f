package dev.rustreview.analysis.crate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every place in a crate where one lock is taken while another's guard is alive, directly or through a call
 * whose summary takes the second lock; test fns are left out (their orders do not meet production paths).
 */
public final class LockOrders {

    /** One ordered pair's site: the fn, the line of the first guard and of the second acquisition (or call). */
    public record Site(String fn, String path, int firstLine, int secondLine, String via) {
    }

    private LockOrders() {
    }

    static String key(String first, String second) {
        return first + "\u0000" + second;
    }

    static Map<String, List<Site>> collect(CrateModel model) {
        Map<String, List<Site>> out = new HashMap<>();
        for (FnFacts fn : model.fns()) {
            if (fn.test()) {
                continue;
            }
            for (FnFacts.Nested n : fn.nested()) {
                CrateModel.Lock la = model.lock(n.first().place());
                CrateModel.Lock lb = model.lock(n.second().place());
                String a = la.id();
                String b = lb.id();
                if (!a.equals(b) && model.isLock(la, n.first()) && model.isLock(lb, n.second())) {
                    out.computeIfAbsent(key(a, b), k -> new ArrayList<>())
                            .add(new Site(fn.key(), fn.path(), n.first().line(), n.second().line(), null));
                }
            }
            for (FnFacts.HeldCall hc : fn.heldCalls()) {
                CrateModel.Lock la = hc.held() == null ? null : model.lock(hc.held().place());
                if (la == null || !model.isLock(la, hc.held())) {
                    continue;
                }
                String a = la.id();
                for (Summaries.Taken t : model.summary(hc.call()).locks().values()) {
                    String b = t.lock().id();
                    if (!a.equals(b)) {
                        out.computeIfAbsent(key(a, b), k -> new ArrayList<>())
                                .add(new Site(fn.key(), fn.path(), hc.held().line(), hc.line(), t.chain()));
                    }
                }
            }
        }
        return out;
    }
}
