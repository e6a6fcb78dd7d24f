package dev.rustreview.analysis.crate;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What dropping a value may do through the crate: the locks taken by the {@code Drop} impls of its type and of
 * every type it owns (fields, tuple fields, type arguments of {@code Option}, {@code Arc}, {@code Vec}, ...), so a
 * rule can tell that replacing a {@code Option<Statement>} runs {@code StatementInner::drop}, which locks the
 * client state. Types it does not own are not followed: {@code Weak<T>}, {@code PhantomData<T>},
 * {@code ManuallyDrop<T>}, {@code NonNull<T>}, references and raw pointers.
 */
public final class DropGlue {

    /** Types followed through fields; ownership chains deeper than this are rare in practice. */
    static final int MAX_DEPTH = 4;
    private static final Set<String> NOT_OWNED = Set.of("Weak", "PhantomData", "ManuallyDrop", "NonNull");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_]\\w*");

    private DropGlue() {
    }

    /**
     * The first way dropping a value of type {@code typeText} takes lock {@code lockId}: the chain of types and fns
     * from the value to the lock ({@code `Statement` → `StatementInner::drop` → `InnerClient::with_buf`}).
     */
    public static Optional<String> takes(CrateModel model, String typeText, String lockId) {
        return takes(model, typeText, lockId, 0, new HashSet<>(), "");
    }

    private static Optional<String> takes(CrateModel model, String typeText, String lockId, int depth,
                                          Set<String> seen, String via) {
        if (depth > MAX_DEPTH || typeText == null || typeText.contains("&") || typeText.contains("*")) {
            return Optional.empty();
        }
        for (String type : owned(typeText)) {
            if (!seen.add(type)) {
                continue;
            }
            String here = via + "`" + type + "` → ";
            for (FnFacts drop : model.methods(type, "drop")) {
                Optional<String> chain = dropTakes(model, drop, lockId);
                if (chain.isPresent()) {
                    return Optional.of(via + chain.get());
                }
            }
            for (FileFacts.Field f : model.fields(type)) {
                Optional<String> deeper = takes(model, f.type(), lockId, depth + 1, seen, here);
                if (deeper.isPresent()) {
                    return deeper;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * How a {@code drop} fn takes the lock: through its summary, or through a method call whose receiver the model
     * cannot type and that only one crate fn can answer. A {@code Drop} reaches its owner through a handle it
     * upgrades ({@code if let Some(client) = self.client.upgrade()}), a local the model does not type.
     */
    private static Optional<String> dropTakes(CrateModel model, FnFacts drop, String lockId) {
        Summaries.Taken taken = model.summary(drop).locks().get(lockId);
        if (taken != null) {
            return Optional.of(taken.chain());
        }
        for (Refs.CallRef call : drop.calls()) {
            if (!call.isMethod() || !model.callees(call).isEmpty() || model.foreignReceiver(call)) {
                continue;
            }
            Optional<FnFacts> only = model.uniqueMethod(call.name());
            Summaries.Taken through = only.map(f -> model.summary(f).locks().get(lockId)).orElse(null);
            if (through != null) {
                return Optional.of("`" + drop.key() + "` → " + through.chain());
            }
        }
        return Optional.empty();
    }

    /** The type names a type text owns, in order, skipping the arguments of the wrappers that do not own. */
    static Set<String> owned(String typeText) {
        Set<String> out = new java.util.LinkedHashSet<>();
        Matcher m = NAME.matcher(typeText);
        int skipUntil = -1;
        while (m.find()) {
            if (m.start() < skipUntil) {
                continue;
            }
            String name = m.group();
            if (NOT_OWNED.contains(name)) {
                skipUntil = closingAngle(typeText, m.end());
                continue;
            }
            if (Character.isUpperCase(name.charAt(0))) {
                out.add(name);
            }
        }
        return out;
    }

    /** The offset after the {@code >} that closes the type arguments opening at or after {@code from}. */
    private static int closingAngle(String text, int from) {
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '<') {
                depth++;
            } else if (c == '>' && --depth <= 0) {
                return i + 1;
            }
        }
        return text.length();
    }
}
