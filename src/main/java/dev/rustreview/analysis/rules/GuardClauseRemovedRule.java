package dev.rustreview.analysis.rules;

import dev.rustreview.analysis.ChangedFile;
import dev.rustreview.analysis.FindingBuilder;
import dev.rustreview.analysis.RiskRule;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A guard clause deleted ({@link GuardClauses}) in front of code whose correctness such a guard usually carries.
 * AL10 takes the sites in poll fns; CC18 the others followed by atomic operations or a lock; US13 the rest of those
 * followed by unsafe code, PN11 the rest whose condition tests an integer type's maximum, so one deleted guard gives
 * one finding.
 */
abstract class GuardClauseRemovedRule implements RiskRule {

    /** An atomic operation with an explicit ordering argument, or a lock acquisition. */
    static final Pattern SYNC = Pattern.compile(
            "\\.\\s*(?:compare_exchange(?:_weak)?|compare_and_swap|fetch_[a-z_]+|swap|store|load)\\s*\\("
                    + "[^;]{0,200}?\\b(?:Relaxed|Acquire|Release|AcqRel|SeqCst)\\b"
                    + "|\\.\\s*(?:lock|try_lock|write)\\s*\\(\\s*\\)");
    /** An unsafe block or a raw-pointer cast. */
    static final Pattern UNSAFE = Pattern.compile("\\bunsafe\\s*\\{|\\bas\\s+\\*\\s*(?:const|mut)\\b");

    /** The kinds of code a deleted guard protected, in the order that decides which rule reports it. */
    enum Guarded { POLL, SYNC, UNSAFE, LIMIT, PRESENCE, CANCEL, OTHER }

    /**
     * A test of cancellation or shutdown ({@code self.cancel_state.is_some()}, {@code self.is_shutting_down()},
     * {@code token.is_cancelled()}, {@code self.closed}): the guard kept new work from starting once the run stopped.
     */
    static final Pattern CANCEL_CHECK = Pattern.compile(
            "(?i)\\b\\w*(?:cancel|shut_?down|shutting_down|stopping|stopped|aborted|aborting|terminat|closing|closed)\\w*\\b");

    /** A pointer tested for null. */
    static final Pattern NULL_CHECK = Pattern.compile("\\.\\s*is_null\\s*\\(\\s*\\)"
            + "|==\\s*(?:(?:std\\s*::\\s*)?ptr\\s*::\\s*)?null(?:_mut)?\\s*\\(\\s*\\)");

    /** A comparison with an integer type's maximum: the guard kept a value inside that type's range. */
    static final Pattern TYPE_MAX = Pattern.compile("\\b[iu](?:8|16|32|64|128|size)\\s*::\\s*MAX\\b");

    /** A fn that polls (takes a {@code Context} or returns {@code Poll}). */
    static final Pattern POLL_FN = Pattern.compile("\\bContext\\s*<|->\\s*(?:std\\s*::\\s*task\\s*::\\s*)?Poll\\s*<");

    /**
     * What the guard protected: a poll fn's exits are the future's lifecycle (AL10), whatever else the fn does;
     * else atomics or a lock after the site (CC18); else unsafe code after it, or an {@code unsafe fn} (US13).
     */
    static Guarded guarded(String protectedCode, ItemOutline.FnPair pair) {
        String header = ItemOutline.plain(pair.now().header());
        if (POLL_FN.matcher(header).find()) {
            return Guarded.POLL;
        }
        if (SYNC.matcher(protectedCode).find()) {
            return Guarded.SYNC;
        }
        if (UNSAFE.matcher(protectedCode).find()
                || ItemOutline.isUnsafeFn(pair.now().header())) {
            return Guarded.UNSAFE;
        }
        return Guarded.OTHER;
    }

    /**
     * {@code x == 0} or {@code 0 == x} of a plain name: the guard kept a zero away from a division or remainder
     * (rand 4e8c7a4ca reversed: a full-width range wrapped to 0, and {@code % range} panicked). Also
     * {@code x.is_zero()}, a decimal or big integer's own test (pgdog a10ef611 reversed: an average over shards that
     * all returned no rows divided a {@code Decimal} by a zero count).
     */
    static final Pattern ZERO_CHECK = Pattern.compile("(?<![\\w.])([A-Za-z_]\\w*)\\s*==\\s*0(?![\\w.])"
            + "|(?<![\\w.])0\\s*==\\s*([A-Za-z_]\\w*)(?![\\w.(])"
            + "|(?<![\\w.!])([A-Za-z_]\\w*)\\s*\\.\\s*is_zero\\s*\\(\\s*\\)");

    /**
     * A lookup that found nothing ({@code prs.get(to).is_none()}, {@code !map.contains_key(&id)}): the key in group 1 or
     * 2. The guard left when the entry was gone (a peer removed while an async fetch for it was pending).
     */
    static final Pattern PRESENCE_CHECK = Pattern.compile("\\.\\s*get(?:_mut)?\\s*\\(\\s*&?\\s*([A-Za-z_]\\w*)\\s*\\)\\s*"
            + "\\.\\s*is_none\\s*\\(\\s*\\)|!\\s*[\\w.()]{0,80}\\.\\s*contains(?:_key)?\\s*\\(\\s*&?\\s*([A-Za-z_]\\w*)\\s*\\)");

    /**
     * {@code buf.remaining() < size} or {@code size > buf.len()}: the value the buffer must hold is group 1 or 2 (a
     * field path too: {@code self.after_first_slash >= self.url.serialization.len()}, rust-url 3174ea5 reversed). Also
     * {@code i == buf.remaining()}: a scan that reached the end found nothing, and the code after it splits at
     * {@code i + 1} (pgwire 97b4f1f8 reversed: a string with no NUL terminator panicked in {@code split_to}).
     */
    static final Pattern LENGTH_CHECK = Pattern.compile("\\.\\s*(?:len|remaining)\\s*\\(\\s*\\)\\s*(?:as\\s+\\w+\\s*)?\\)?"
            + "\\s*(?:<=?|==)\\s*([A-Za-z_]\\w*)\\b(?!\\s*[.(])|(?<![\\w.])((?:[A-Za-z_]\\w*\\.){0,3}[A-Za-z_]\\w*)\\s*(?:>=?|==)\\s*\\(?[\\w.]*\\.\\s*(?:len|remaining)\\s*\\(");

    /**
     * What a deleted guard protected, by the code after it and, failing that, by its condition (PN11): a comparison
     * with a type's maximum, a value tested for zero that the fn still divides by, or a buffer's length compared with a value the fn still reads, skips or slices by after
     * the site ({@code if buf.remaining() < size { return Err(..) }} before {@code buf.advance(size)}: sqlx e283bf964
     * reversed, a peer's length field larger than the packet).
     */
    /** Whether {@code offset} lies inside an {@code unsafe { .. }} block of the body. */
    static boolean inUnsafeBlock(String body, int offset) {
        java.util.regex.Matcher u = Pattern.compile("\\bunsafe\\s*\\{").matcher(body);
        int seen = 0;
        while (u.find() && u.end() <= offset && seen++ < 64) {
            if (RuleSupport.closing(body, u.end() - 1, '{', '}') > offset) {
                return true;
            }
        }
        return false;
    }

    /** A call whose closure argument runs under the value's lock or in its compare-and-swap loop. */
    private static final Pattern LOCKED_CALLBACK = Pattern.compile(
            "\\.\\s*(?:send_if_modified|send_modify|fetch_update|rcu)\\s*\\(");

    /**
     * Whether {@code offset} lies inside the arguments of a call that runs its closure under a lock or as a
     * compare-and-swap ({@code tx.send_if_modified(|cur| { .. })}): the closure's guard clauses decide what the
     * locked update writes (openraft 2af491fb reversed: an older IO id overwrote a newer one in a watch channel).
     */
    static boolean inLockedCallback(String body, int offset) {
        java.util.regex.Matcher call = LOCKED_CALLBACK.matcher(body);
        while (call.find() && call.end() <= offset) {
            if (RuleSupport.closing(body, call.end() - 1, '(', ')') > offset) {
                return true;
            }
        }
        return false;
    }

    static Guarded guarded(GuardClauses.Site site) {
        Guarded byCode = guarded(site.pair().newBody().substring(site.newOffset()), site.pair());
        if (byCode == Guarded.POLL && lengthConsumed(site, site.pair().newBody())) {
            // a poll fn that slices a buffer by an offset it advances on every call (the next poll slices by it):
            // the guard kept the offset inside the buffer, a panic more than a lifecycle (yamux 9cab6c9 reversed)
            return Guarded.LIMIT;
        }
        if (byCode == Guarded.SYNC && NULL_CHECK.matcher(site.condition()).find()
                && UNSAFE.matcher(site.pair().newBody().substring(site.newOffset())).find()) {
            // a null test guards the pointer the unsafe code after it reads, whatever atomics follow (pprof-rs
            // b1d02fda reversed: `validate` built a slice from a null address)
            return Guarded.UNSAFE;
        }
        if (byCode == Guarded.OTHER && inLockedCallback(site.pair().newBody(), site.newOffset())) {
            return Guarded.SYNC;
        }
        if (byCode == Guarded.OTHER && NULL_CHECK.matcher(site.condition()).find()
                && inUnsafeBlock(site.pair().newBody(), site.newOffset())) {
            // a null test inside an unsafe block guards the pointer the block goes on to read (x11rb 7c1e198a
            // reversed: a NULL reply from a broken connection was read as a reply header)
            return Guarded.UNSAFE;
        }
        if (byCode != Guarded.OTHER) {
            return byCode;
        }
        if (TYPE_MAX.matcher(site.condition()).find()) {
            return Guarded.LIMIT;
        }
        java.util.regex.Matcher zero = ZERO_CHECK.matcher(site.condition());
        if (zero.find()) {
            String value = java.util.regex.Pattern.quote(zero.group(1) != null ? zero.group(1)
                    : zero.group(2) != null ? zero.group(2) : zero.group(3));
            boolean divides = java.util.regex.Pattern.compile("[/%]\\s*" + value + "\\b(?!\\s*[.(\\[])"
                            + "|\\.\\s*(?:div_euclid|rem_euclid|div_ceil)\\s*\\(\\s*" + value + "\\s*\\)")
                    .matcher(site.pair().newBody().substring(site.newOffset())).find();
            if (divides) {
                return Guarded.LIMIT;
            }
        }
        if (shiftBounded(site)) {
            return Guarded.LIMIT;
        }
        java.util.regex.Matcher presence = PRESENCE_CHECK.matcher(site.condition());
        if (presence.find()) {
            String key = java.util.regex.Pattern.quote(presence.group(1) != null ? presence.group(1) : presence.group(2));
            boolean used = java.util.regex.Pattern.compile("[(,]\\s*&?\\s*" + key + "\\s*[,)]|\\[\\s*&?\\s*" + key + "\\s*\\]")
                    .matcher(site.pair().newBody().substring(site.newOffset())).find();
            if (used) {
                return Guarded.PRESENCE;
            }
        }
        if (emptyIndexed(site, site.pair().newBody().substring(site.newOffset()))) {
            return Guarded.LIMIT;
        }
        String after = site.pair().newBody().substring(site.newOffset());
        if (lengthConsumed(site, after) || rangeOrdered(site, after) || boundIndexed(site, after)) {
            return Guarded.LIMIT;
        }
        return CANCEL_CHECK.matcher(site.condition()).find() ? Guarded.CANCEL : Guarded.OTHER;
    }

    /** {@code index as usize >= self.num_queues}: an index (a name or field path, cast or not) held under a bound. */
    private static final Pattern BOUND = Pattern.compile("^\\s*((?:[A-Za-z_]\\w*\\s*\\.\\s*){0,3}[A-Za-z_]\\w*)"
            + "(?:\\s+as\\s+\\w+)?\\s*>=?\\s*[^<>=&|]{1,80}$");

    /**
     * The guard left when an index is at or past a bound, and {@code code} indexes by that index: without it an
     * out-of-range value reaches {@code v[i]} and panics (vhost 38c442d0 reversed: a frontend's queue index above
     * {@code self.num_queues} indexed {@code self.vrings}).
     */
    private static boolean boundIndexed(GuardClauses.Site site, String code) {
        java.util.regex.Matcher m = BOUND.matcher(site.condition());
        if (!m.find()) {
            return false;
        }
        return Pattern.compile("\\[\\s*" + spaced(m.group(1)) + "(?:\\s+as\\s+\\w+)?\\s*\\]").matcher(code).find();
    }

    /** A simple operand: a name, a field path or a call without arguments ({@code delimiter_size()}). */
    private static final String OPERAND = "((?:[A-Za-z_]\\w*\\s*\\.\\s*){0,3}[A-Za-z_]\\w*(?:\\s*\\(\\s*\\))?)";
    private static final Pattern LESS = Pattern.compile("^\\s*" + OPERAND + "\\s*<\\s*" + OPERAND + "\\s*$");
    private static final Pattern GREATER = Pattern.compile("^\\s*" + OPERAND + "\\s*>\\s*" + OPERAND + "\\s*$");

    /**
     * The guard left when {@code end < start}, and {@code code} slices {@code [start..end]}: without it the range runs
     * backwards and the slice panics. sozu 5af7daea reversed: a peer's frame length shorter than the length prefix
     * reached {@code &buffer[delimiter_size()..message_len]}.
     */
    private static boolean rangeOrdered(GuardClauses.Site site, String code) {
        String end;
        String start;
        java.util.regex.Matcher m = LESS.matcher(site.condition());
        if (m.find()) {
            end = m.group(1);
            start = m.group(2);
        } else if ((m = GREATER.matcher(site.condition())).find()) {
            start = m.group(1);
            end = m.group(2);
        } else {
            return false;
        }
        return Pattern.compile("\\[\\s*" + spaced(start) + "\\s*\\.\\.\\s*" + spaced(end) + "\\s*\\]").matcher(code).find();
    }

    /** {@code s} as a pattern that allows any whitespace where it has some or where a {@code .} or paren is. */
    private static String spaced(String s) {
        StringBuilder out = new StringBuilder();
        for (String part : s.replaceAll("\\s+", "").split("(?<=[.()])|(?=[.()])")) {
            out.append(Pattern.quote(part)).append("\\s*");
        }
        return out.toString();
    }

    /** A name compared in a condition ({@code cur_bits == BITS}, {@code shift >= 64}): group 1 or 2. */
    private static final Pattern COMPARED = Pattern.compile("(?<![\\w.*])([a-z_]\\w*)\\s*(?:==|>=?)(?!=)"
            + "|(?:==|<=?)\\s*([a-z_]\\w*)(?![\\w.(\\[])");

    /**
     * The guard compared a value that the code after it shifts by ({@code key >> cur_bits}): a shift by the type's
     * width or more overflows (a panic in debug builds, garbage in release). boringtun d5134977 reversed: a leaf with
     * no bits left shifted a key by its full width.
     */
    private static boolean shiftBounded(GuardClauses.Site site) {
        String code = site.pair().newBody().substring(site.newOffset());
        java.util.regex.Matcher m = COMPARED.matcher(site.condition());
        while (m.find()) {
            String value = java.util.regex.Pattern.quote(m.group(1) != null ? m.group(1) : m.group(2));
            if (java.util.regex.Pattern.compile("(?:<<|>>)=?\\s*" + value + "\\b(?!\\s*[.(\\[])").matcher(code).find()) {
                return true;
            }
        }
        return false;
    }

    /** {@code path.is_empty()}, not negated: the value tested is group 1. */
    static final Pattern EMPTY_CHECK = Pattern.compile(
            "(?<![\\w.!])((?:[A-Za-z_]\\w*\\s*\\.\\s*){0,3}[A-Za-z_]\\w*)\\s*\\.\\s*is_empty\\s*\\(\\s*\\)");

    /**
     * The guard left when a value was empty, and {@code code} indexes or slices that value ({@code path.as_bytes()[i]},
     * {@code buf[0]}, {@code &path[1..]}) or unwraps its first or last element ({@code logs.first().unwrap()}): warp
     * 28f248d6d reversed, where an empty request path reached {@code path.as_bytes()[index]}; openraft f994c862
     * reversed, where a storage that returned no entries panicked the replication task.
     */
    private static boolean emptyIndexed(GuardClauses.Site site, String code) {
        java.util.regex.Matcher empty = EMPTY_CHECK.matcher(site.condition());
        if (!empty.find()) {
            return false;
        }
        String value = java.util.regex.Pattern.quote(empty.group(1).replaceAll("\\s+", ""));
        return java.util.regex.Pattern.compile("(?<![\\w.])" + value
                + "\\s*(?:\\.\\s*(?:as_bytes|as_slice|as_str)\\s*\\(\\s*\\)\\s*)?\\[|(?<![\\w.])" + value
                + "\\s*\\.\\s*(?:first|last|first_mut|last_mut|pop|pop_front|pop_back)\\s*\\(\\s*\\)[^;]{0,80}?\\.\\s*(?:unwrap|expect)\\s*\\(")
                .matcher(code).find();
    }

    /**
     * The guard compares a buffer's length with a value, and {@code code} reads, skips or slices by that value
     * ({@code buf.advance(size)}, {@code &buf[..size]}, {@code &header[*offset..]}, {@code data.slice(size..)}), or
     * indexes by it ({@code self.rows[row]} after {@code if row >= self.rows.len() { return 0; }}).
     */
    private static boolean lengthConsumed(GuardClauses.Site site, String code) {
        java.util.regex.Matcher length = LENGTH_CHECK.matcher(site.condition());
        if (!length.find()) {
            return false;
        }
        String value = java.util.regex.Pattern.quote(length.group(1) != null ? length.group(1) : length.group(2));
        return java.util.regex.Pattern.compile("\\b(?:advance|split_to|split_off|split_at|copy_to_slice"
                        + "|get_bytes|take|read_exact)\\s*\\(\\s*" + value + "\\b|\\[[^\\]]{0,40}\\.\\.=?\\s*\\(?[^\\]]{0,40}\\b"
                        + value + "\\b|\\[\\s*\\*?\\s*" + value + "\\s*\\.\\.|\\.\\.\\s*\\([^()]{0,40}\\b" + value + "\\s*\\)"
                        // `Bytes::slice(range)` panics out of range like `[range]` (arrow-rs b1dd56cf reversed)
                        + "|\\.\\s*slice\\s*\\([^;()]{0,40}?\\b" + value + "\\b[^;()]{0,40}?\\.\\.|\\.\\s*slice\\s*\\([^;()]{0,40}?"
                        + "\\.\\.=?[^;()]{0,40}?\\b" + value + "\\b"
                        // an index by the value itself, `v[i]` after `if i >= v.len() { return .. }`
                        + "|[\\w)\\]]\\s*\\[\\s*\\*?\\s*" + value + "(?:\\s+as\\s+usize)?\\s*\\]")
                .matcher(code).find();
    }

    /** The kind of guarded code this rule reports. */
    abstract Guarded kind();

    abstract String what();

    abstract String risk();

    abstract String check();

    @Override
    public final List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        for (GuardClauses.Site site : GuardClauses.sites(file)) {
            if (guarded(site) != kind()) {
                continue;
            }
            String fn = site.pair().now().name();
            String condition = RuleSupport.shorten(site.condition());
            String shape = site.chain()
                    ? "the branch `if " + condition + " { .. } else` in front of the `if` that follows it"
                    : "the guard `if " + condition + " { .. }` that left early";
            out.add(FindingBuilder.lines(info(), file, Side.NEW, site.line(), site.line())
                    .object(fn).object(info().id() + " guard " + condition)
                    .title("Guard `if " + condition + "` removed before " + what() + " in `" + fn + "`")
                    .explanation("The change deletes " + shape + " from `" + fn + "`, and nothing else in the fn tests `"
                            + condition + "` any more: the code from line " + site.line() + " on, which "
                            + risk() + ", now also runs in the state the guard sent elsewhere.")
                    .check(check())
                    .build());
        }
        return out;
    }

    @Override
    public String toString() {
        return info().id();
    }
}
