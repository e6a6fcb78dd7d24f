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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PN5: inside one fn, the change swaps code that handled the bad case for its twin that panics on it. Five
 * shapes here and two in {@link LengthBoundShapes}, each read from the lines the change removes and the lines it
 * adds in the same fn:
 *
 * <ul>
 *   <li>checked, saturating or wrapping arithmetic ({@code n.checked_add(1).expect(..)}, {@code len.saturating_sub(k)},
 *   {@code h.wrapping_add(h >> 32)}) replaced by the plain operator on the same operand ({@code n + 1}): overflow
 *   now panics in debug builds and wraps in release (smallvec's {@code drain} with {@code ..=usize::MAX}, then
 *   unsafe code indexes with it; moka's frequency sketch hashing, where wrapping was the point; quinn's
 *   {@code self.pto(..).saturating_mul(n)}, a call's result as the operand);</li>
 *   <li>a fallible {@code try_} method ({@code try_append}, {@code try_reserve}, {@code try_borrow_mut}) replaced
 *   by its twin that panics when the fallible one would have returned an error (h2's header decoding: a peer
 *   sending 25,000 headers made {@code HeaderMap::append} panic);</li>
 *   <li>an early exit ({@code if !ok { return; }}) removed while an {@code assert!}/{@code debug_assert!} on the same
 *   values is added: the case it handled now panics, or with {@code debug_assert!} goes on unhandled in release
 *   (h2's {@code reserve_capacity} on a stream reset meanwhile);</li>
 *   <li>a bounds check loosened by one before an index with the same value (slab's {@code remove}: {@code idx >= len}
 *   became {@code idx > len}, and {@code entries[idx]} panics for {@code idx == len});</li>
 *   <li>an early exit on {@code a < b} removed while the fn keeps {@code a - b} and no longer compares the two: the
 *   subtraction underflows (slab's {@code global_to_local_idx} for a key below the slab's offset).</li>
 * </ul>
 *
 * Test code is skipped. The twins of {@code try_lock}, {@code try_send}, {@code try_recv} block rather than panic
 * and are left to the concurrency rules.
 */
public final class PanickingTwinAdded implements RiskRule {

    static final RuleInfo INFO = RuleInfo.of("PN5", RiskArea.PANICS, Severity.MEDIUM, "handled case now panics",
            "In a non-test fn the change replaces `checked_*`/`saturating_*`/`wrapping_*` arithmetic (`checked_add_signed` "
                    + "included) by the plain operator on the same operand (a path or tuple field such as `self.0`, for an add or sub also a "
                    + "parenthesised `(a - b)`, a cast to an integer type allowed between; "
                    + "`wrapping_abs()` by `abs()`, `wrapping_neg()` by a prefix `-`; also "
                    + "`saturating_duration_since`/"
                    + "`checked_duration_since` by `Instant - Instant`, and `Instant::now().saturating_duration_since(t)` by "
                    + "`t.elapsed()`), `.first()`/`.get(i)`/`.get_mut(i)` by `[0]`/`[i]` (`i` a name, a field or an offset such as `i + 1`) on the same "
                    + "expression (also one read in a `match` scrutinee tuple; `usize::from(i)` and `i as usize` read as `i`), a `try_append`/`try_insert`/`try_push`/`try_reserve`/`try_borrow_mut`/`try_with`-like call (`T::try_new` by the same type's `T::new`; "
                    + "a method `checked_x(..)` or `x_checked(..)` by its twin `x(..)`, `checked_output_buffer_size` by `output_buffer_size`, `split_at_checked` by `split_at`) "
                    + "by its panicking twin (`Duration::try_from_secs_f64`/`f32` by `Duration::from_secs_f64`/`f32` also "
                    + "across two fns of the file when no fallible one is left in it), an early `return`/`continue`/`break` guard by an `assert!`/"
                    + "`debug_assert!` on the same values, or a bounds check loosened by one (`idx >= len` to "
                    + "`idx > len`, `idx < len` to `idx <= len`) before the fn indexes with `[idx]`, a minimum length "
                    + "lowered (`buf.remaining() < 3` to `< 2`) while the fn reads with `get_*`/`advance`/slicing, or an early exit "
                    + "on `a < b` removed while the fn keeps `a - b` and no longer compares the two, a clamp to a length "
                    + "(`min(count, queue.len())`) removed while the value still bounds a range of it (`drain(0..count)`, "
                    + "`[..n]`, `split_at`), or an overflow-safe comparison by subtraction (`size - header < len`) "
                    + "rewritten as a sum (`size < len + header`), or the other way a sum on the small side "
                    + "(`ordinal + n <= days`) rewritten as a subtraction from the bound (`ordinal <= days - n`), or "
                    + "an allocation size that loses its `min` clamp (`with_capacity(1 + min(DEFAULT, limit))` to "
                    + "`with_capacity(1 + limit)`), or arithmetic done in a wider type before a cast "
                    + "(`(x as i32 + 1) as u16`) moved after it (`x as u16 + 1`), or a product widened to 64 bits "
                    + "(`x as u64 * 110`) done in `x`'s own type (`x * 110`), or a difference taken in a signed type "
                    + "(`now() as i64 - t as i64`) taken without the casts (`now() - t`), or a call to a crate fn named `must_*` whose body panics (the crate model's "
                    + "summary) added where the old fn made none, or a subtrahend taken off with `saturating_sub`/`checked_sub` "
                    + "(`.saturating_sub(self.pos as usize)`) taken off with a plain `-` (`.. - self.pos as usize`), or a range (`v.drain(start..)`, `&v[start..]`) "
                    + "taken out of the `if`/`else` that compared its start, or `v.extend_from_slice(s)` replaced by "
                    + "`v.copy_from_slice(s)` on a `Vec` the fn creates empty, or a clamp to a narrow type's maximum "
                    + "(`min(len, c_uint::MAX as usize) as c_uint`) removed from the cast (`len as _`), or a zero kept out of a count "
                    + "(`.filter(|&n| n > 0)`, `.max(1)`) let through by the same line without it, or a subtraction "
                    + "inside an `if` that compares its right operand (`if max > old { max - old }`) rewritten to "
                    + "subtract a value no enclosing condition compares (`max - size`), or a `strip_prefix`/`starts_with`"
                    + "/`strip_suffix`/`ends_with` test on a string replaced by a byte range slice of it compared with a "
                    + "string literal (`&name[0..3] == \"#1/\"`, which panics inside a multi-byte character), or an increment "
                    + "`x += n` taken out of the `if` that compared `x` with a maximum, that condition gone from the fn, or "
                    + "`x.try_read()`/`try_write()` read as an `Option` (`Some`) on a receiver not named like a lock "
                    + "replaced by `x.read()`/`write()` (a disposed signal panics), or a narrowing "
                    + "cast `x as u16` taken out of the `if`/`else` that compared `x` (nothing in the new fn compares "
                    + "it: a larger value loses its high bits), or a clamp `let a = x.min(b);` "
                    + "removed while the fn still computes `b - a`, or a "
                    + "comparison of a shift amount with a bit width (`if align < 64 { 1 << align }`) removed while the "
                    + "fn still shifts by a computed amount, or "
                    + "`sort_by_cached_key(|s| s.key())` replaced by a comparator calling `key()` on both sides (a key "
                    + "that reads the clock makes the order inconsistent, and sorts may panic on that), or an early exit "
                    + "on a zero value (`if len == 0 { return Err(..) }`) removed while the fn still subtracts from it "
                    + "or from a copy of it, or `.abs()` taken of a cast to a narrow signed type (`(x as i8).abs()`) "
                    + "where it was taken of a wider value, or a clamp on an exponent or shift (`n.min(20)` in "
                    + "`2_u32.pow(..)`) removed, or, when a fn changes, a subtraction `a - b` its new lines place where `a` is "
                    + "proved the smaller: in the `Less` arm of `match a.cmp(&b)` (`Greater` for `b - a`) or inside "
                    + "an `if`/`while` with `a < b` (`<=`) as a conjunct, or an `if c { .. } else { .. }` removed for an "
                    + "`assert!(c)`/`debug_assert!(c)` on the same operands, or a division (`/`, `/=`, `%`) by a value moved out of the "
                    + "`if` that compared it with zero (`if n > 0 { t / n } else { 0 }` to `t / n`) while the fn no "
                    + "longer compares it with zero anywhere, or "
                    + "a slice of `x[k..]` bounded by `x.len()` (`&data[1..][..data.len()]`, `k` not zero), or a cap "
                    + "removed from a duration (`.min(MAX_PARK)`) while the fn still hands durations to a timer "
                    + "(`DelayQueue::insert`/`reset`, `sleep`, `timeout`, `Instant::now() + d`), or a checked constructor "
                    + "(`new_checked`, a fn named `*_checked`) that no longer calls its `check_len()?` (or "
                    + "`validate*()?`, `check_bounds()?`), or a digit appended by `n * 10 + d` on a new line of a fn that "
                    + "reads digits (`to_digit`, `b'0'`), does no checked, saturating or wrapping arithmetic and compares nothing with a "
                    + "large bound (`> 100_000_000`, `> u32::MAX`), or a subtraction taken out of the `if` that "
                    + "bounded its left operand (`if self.len > 1 { f(self.len - 1) }` to `f(self.len - 1)`, also "
                    + "`!v.is_empty()` for `v.len() - 1`) with no earlier line of the fn testing that operand, or "
                    + "`writeln!(io::stderr(), ..)` (or stdout) removed from a fn of the file and `eprintln!`/`println!` "
                    + "added to one, with no fallible write to that stream left in the file, or a zero fallback "
                    + "(`if v == 0 { DEFAULT } else { v }`) removed while an added line divides by `v` (`/ v`, "
                    + "`div_round_up(x, v)`, `.div_ceil(v)`) and the fn compares `v` with zero nowhere.",
            "It compares the removed and added lines of one fn as text: a check moved to the caller reads as "
                    + "removed, and a twin written in a new fn (nothing removed) is not seen.",
            "arithmetic_side_effects", "panic_in_result_fn");

    private static final Pattern CHECKED = Pattern.compile(
            // A turbofish (`next_parsed::<u16>(..)`) and `?` belong to the operand: the plain twin repeats them.
            // A tuple field (`self.0.saturating_add(..)`: indicatif 1bf2cce reversed) is a segment too.
            // A suffixed literal is an operand too (`2u32.saturating_pow(n)`: pulsar-rs e0f955db reversed, a
            // back-off that overflowed after enough retries). A checked step is never part of the operand: in
            // `a.checked_mul(b)?.checked_add(c)` the first step is the one read.
            // A parenthesised sum or difference is an operand of an add or sub: `(stack - frame).checked_sub(base)`
            // became `stack - frame - base` (hubris ddef8fb3d reversed: the kernel panicked at boot).
            "((?<![\\w.)\\]])\\([^()]{1,100}\\)(?=\\s*\\.\\s*(?:checked|saturating|wrapping)_(?:add|sub)\\b)|(?<![\\w.])\\d[\\d_]{0,20}[iu](?:8|16|32|64|128|size)\\b|[A-Za-z_]\\w*(?:\\s*(?:\\.|::)\\s*(?:(?!(?:checked|saturating|wrapping)_)[A-Za-z_]\\w*|\\d{1,3}\\b)"
                    + "|\\s*::\\s*<[\\w:&', ]{1,60}>|\\s*\\([^()]{0,100}\\)|\\s*\\?){0,40})"
                    + "\\s*\\.\\s*(checked|saturating|wrapping)_(add|sub|mul|div|rem|shl|shr|pow|abs|neg|duration_since)"
                    + "(_signed|_unsigned|_days|_months)?\\s*\\(");
    /**
     * A step whose operand is itself a checked, saturating or wrapping step: {@code 10_u64.wrapping_mul(num)
     * .wrapping_add(d)} rewritten as {@code 10_u64.wrapping_mul(num) + d} (simd-json 4e6115ee reversed: a long
     * fraction overflowed the addition and panicked in debug builds). {@link #CHECKED} reads the first step only.
     */
    private static final Pattern CHAINED = Pattern.compile("((?<![\\w.])(?:\\d[\\d_]{0,20}[iu](?:8|16|32|64|128|size)"
            + "|[A-Za-z_]\\w*(?:\\s*\\.\\s*[A-Za-z_]\\w*){0,3})\\s*\\.\\s*(?:checked|saturating|wrapping)_(?:add|sub|mul)"
            + "\\s*\\([^()]{0,80}\\)\\s*\\??)\\s*\\.\\s*(checked|saturating|wrapping)_(add|sub|mul)(_signed|_unsigned)?\\s*\\(");
    private static final Map<String, String> OPERATOR = Map.of("add", "\\+", "sub", "-", "mul", "\\*", "div", "/",
            "rem", "%", "shl", "<<", "shr", ">>", "pow", "\\.\\s*pow\\s*\\(", "abs", "\\.\\s*abs\\s*\\(",
            "duration_since", "-");
    static final int MAX_LINE = 2_000;
    /** {@code Instant::now().saturating_duration_since(start)}: group 3 is {@code start} without a leading deref. */
    private static final Pattern NOW_SINCE = Pattern.compile("((?:\\w+\\s*::\\s*)*\\w*Instant\\s*::\\s*now\\s*\\(\\s*\\))"
            + "\\s*\\.\\s*(saturating|checked)_duration_since\\s*\\(\\s*[*&]?\\s*([A-Za-z_][\\w.]{0,80})\\s*\\)");
    /** The start of a line that continues the expression of the line before: a method call or a binary operator. */
    private static final Pattern CONTINUATION = Pattern.compile("\\.\\s*[A-Za-z_]|[-+*](?![=>])\\s");
    /** The right operand as shown in a title: a path, or a short chain of binary operations on paths. */
    /** The right operand shown in a title: names, literals and calls without arguments, not a call's name alone. */
    private static final Pattern RIGHT = Pattern.compile("\\s*([\\w.]+(?:\\(\\))?(?:\\s*(?:>>|<<|[-+*/%&|^])\\s*[\\w.]+(?:\\(\\))?){0,3})"
            + "(?![\\w.]*\\s*\\()");
    private static final Map<String, String> SYMBOL = Map.of("add", "+", "sub", "-", "mul", "*", "div", "/",
            "rem", "%", "shl", "<<", "shr", ">>", "pow", ".pow()", "abs", ".abs()", "duration_since", "-");
    /** The fallible methods whose plain twin panics (or aborts) where they return an error. */
    private static final Pattern TRY_CALL = Pattern.compile("(\\.|::)\\s*try_(append|insert|push|push_back|push_front"
            + "|reserve|reserve_exact|borrow|borrow_mut|with_capacity|extend_from_slice|with|from_secs_f64|from_secs_f32|new)"
            + "\\s*\\(");
    /** {@code Duration::try_from_secs_f64(x)}: its twin panics on a negative, NaN or too large float. */
    private static final Pattern TRY_FLOAT_DURATION = Pattern.compile("::\\s*try_from_secs_f(?:64|32)\\s*\\(");
    private static final Pattern FLOAT_DURATION = Pattern.compile("(?<![\\w])Duration\\s*::\\s*from_secs_f(?:64|32)\\s*\\(");
    private static final Pattern GUARD = Pattern.compile("^\\s*(?:\\}\\s*else\\s+)?if\\s+(.+?)\\s*\\{\\s*"
            + "((?:return|continue|break)\\b[^}]*|(?:[\\w:]*::)?bail\\s*!.*)?(\\}?)\\s*$");
    /** An exit from the fn or loop: {@code anyhow::bail!} returns an error like {@code return Err(..)} does. */
    private static final Pattern EXIT = Pattern.compile("^\\s*(?:(?:return|continue|break)\\b|(?:[\\w:]*::)?bail\\s*!)");
    private static final Pattern ASSERT = Pattern.compile("(?<![\\w:])((?:debug_)?assert(?:_eq|_ne)?)!\\s*\\((.*)");
    private static final Pattern OPERAND = Pattern.compile("(?<!\\w)[A-Za-z_]\\w*(?:\\s*\\.\\s*[A-Za-z_]\\w*)*");
    private static final Set<String> KEYWORDS = Set.of("if", "let", "else", "true", "false", "return", "self", "mut",
            "as", "is_some", "is_none", "is_ok", "is_err", "is_empty", "Some", "None", "Ok", "Err");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ChangedFile file) {
        List<Finding> out = new ArrayList<>();
        List<Line> floatTwinsRemoved = new ArrayList<>();
        List<Line> floatTwinsAdded = new ArrayList<>();
        StringBuilder streamWritesRemoved = new StringBuilder();
        for (ItemOutline.FnPair pair : ItemOutline.changedFnPairs(file)) {
            List<Line> removed = lines(pair.before(), pair.was(), file::removed);
            List<Line> added = lines(pair.after(), pair.now(), file::added);
            removed.stream().filter(l -> TRY_FLOAT_DURATION.matcher(l.text()).find()).forEach(floatTwinsRemoved::add);
            added.stream().filter(l -> FLOAT_DURATION.matcher(l.text()).find()).forEach(floatTwinsAdded::add);
            removed.forEach(l -> streamWritesRemoved.append(l.text()).append('\n'));
            if (removed.isEmpty()) {
                continue;
            }
            if (!added.isEmpty()) {
                checkedArithmetic(file, pair, removed, added, out);
                elapsedTwin(file, pair, removed, added, out);
                fallibleCalls(file, pair, removed, added, out);
                checkedMethodTwin(file, pair, removed, added, out);
                accessToIndex(file, pair, removed, added, out);
                guardToAssert(file, pair, removed, added, out);
                branchToAssert(file, pair, removed, added, out);
                boundLoosened(file, pair, removed, added, out);
                minimumLowered(file, pair, removed, added, out);
                LengthBoundShapes.sumComparison(file, pair, removed, added, out);
                LengthBoundShapes.boundTermDropped(file, pair, removed, added, out);
                LengthBoundShapes.differenceComparison(file, pair, removed, added, out);
                LengthBoundShapes.allocationClampRemoved(file, pair, removed, added, out);
                CastArithmeticShapes.arithmeticAfterCast(file, pair, removed, added, out);
                CastArithmeticShapes.multipliedAfterCast(file, pair, removed, added, out);
                CastArithmeticShapes.wideningDropped(file, pair, removed, added, out);
                CastArithmeticShapes.signedCastDropped(file, pair, removed, added, out);
                mustConversion(file, pair, removed, added, out);
                CopyIntoEmptyShapes.copyIntoEmpty(file, pair, removed, added, out);
                CastArithmeticShapes.clampBeforeCastRemoved(file, pair, removed, added, out);
                ZeroExclusionShapes.zeroLetThrough(file, pair, removed, added, out);
                SubtrahendShapes.unboundSubtrahend(file, pair, removed, added, out);
                SubtrahendShapes.guardUnwrapped(file, pair, removed, added, out);
                SubtrahendShapes.rangeGuardUnwrapped(file, pair, removed, added, out);
                SubtrahendShapes.saturationDropped(file, pair, removed, added, out);
                SubtrahendShapes.incrementUnwrapped(file, pair, removed, added, out);
                SubtrahendShapes.narrowingUnwrapped(file, pair, removed, added, out);
                SubtrahendShapes.clampRemoved(file, pair, removed, added, out);
                TryAccessTwin.optionTwin(file, pair, removed, added, out);
                StrSliceShapes.affixToByteSlice(file, pair, removed, added, out);
                StrSliceShapes.boundaryToByteSlice(file, pair, removed, added, out);
                SortKeyShapes.cachedKeyRecomputed(file, pair, removed, added, out);
                OverflowShapes.narrowAbs(file, pair, removed, added, out);
                OverflowShapes.exponentClampRemoved(file, pair, removed, added, out);
                OverflowShapes.shiftWidthCheckRemoved(file, pair, removed, added, out);
                ComparedSubtractionShapes.subtractionAgainstComparison(file, pair, added, out);
                DivisorShapes.unguardedDivision(file, pair, removed, added, out);
                DivisorShapes.zeroFallbackRemoved(file, pair, removed, added, out);
                LengthBoundShapes.offsetSliceOverrun(file, pair, added, out);
                OverflowShapes.durationCapRemoved(file, pair, removed, added, out);
                OverflowShapes.digitAccumulationUnchecked(file, pair, removed, added, out);
            }
            // A guard or clamp deleted outright leaves no added line in the fn: the code it protected is unchanged.
            underflowGuardRemoved(file, pair, removed, out);
            LengthBoundShapes.checkedConstructorUnchecked(file, pair, out);
            LengthBoundShapes.clampRemoved(file, pair, removed, out);
            OverflowShapes.zeroExitRemoved(file, pair, removed, out);
        }
        floatDurationAcrossFns(file, floatTwinsRemoved, floatTwinsAdded, out);
        printReplacesStreamWrite(file, streamWritesRemoved, out);
        return out;
    }

    /**
     * {@code Duration::try_from_secs_f64(backoff)} removed from one fn (a helper that fell back to a maximum) and
     * {@code Duration::from_secs_f64(backoff)} added in another, with no fallible twin left in the file: the float
     * now reaches the constructor that panics on NaN, a negative value or one past {@code Duration::MAX}
     * (smithy-rs 945407481 reversed: a retry backoff of {@code f64::MAX} after 33 attempts). Within one fn the
     * general twin check reports it; this is the case where the conversion moved out of the helper.
     */
    /** Whether a PN5 finding already stands on {@code line}: a later shape says nothing new of it. */
    static boolean reported(List<Finding> out, int line) {
        return out.stream().anyMatch(f -> f.ruleId().equals(INFO.id()) && f.startLine() <= line && line <= f.endLine());
    }

    /** {@code addr.must_into_socket_addr()}: by its name a conversion that panics where its {@code try_} twin fails. */
    private static final Pattern MUST_CALL = Pattern.compile("\\.\\s*(must_[a-z]\\w{2,60})\\s*\\(");

    /**
     * A call the change adds to a crate fn named {@code must_*} whose body panics (the crate model's summary), where
     * the old fn made no such call: clash-rs 56750042 reversed, where a socks5 handshake replaced a {@code match} over
     * the address kinds with {@code addr.must_into_socket_addr()}, which panics for a domain name.
     */
    private static void mustConversion(ChangedFile file, ItemOutline.FnPair pair, List<Line> removed, List<Line> added,
                                       List<Finding> out) {
        if (!pair.newBody().contains("must_")) {
            return;
        }
        dev.rustreview.analysis.crate.FileView view = dev.rustreview.analysis.crate.FileView.of(file).orElse(null);
        if (view == null) {
            return;
        }
        int looked = 0;
        for (Line a : added) {
            Matcher m = MUST_CALL.matcher(a.text());
            while (m.find() && looked++ < 8) {
                String name = m.group(1);
                if (pair.oldBody().contains("." + name + "(") || pair.oldBody().contains("." + name + " (")
                        || reported(out, a.number())) {
                    continue;
                }
                String panics = view.crate().uniqueMethod(name).map(f -> view.crate().summary(f).panics()).orElse(null);
                if (panics == null) {
                    continue;
                }
                String fn = pair.now().name();
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, a.number(), a.number())
                        .object("`" + fn + "`").object("must conversion: " + name)
                        .title("`" + name + "()` in `" + fn + "` panics where the old code handled the case")
                        .explanation("`" + name + "` panics on the values it cannot convert (" + panics + "). Before the "
                                + "change `" + fn + "` did not call it here; a value of the kind it rejects (an input "
                                + "from a peer or a config) now takes the process down instead of taking the branch the "
                                + "old code had.")
                        .check("Handle the value's other kinds (a `match`, the fallible `try_` twin) unless the kind is "
                                + "guaranteed here; say why in a comment if it is.")
                        .build());
                return;
            }
        }
    }

    private static void floatDurationAcrossFns(ChangedFile file, List<Line> removed, List<Line> added, List<Finding> out) {
        if (removed.isEmpty() || added.isEmpty() || file.newText() == null
                || TRY_FLOAT_DURATION.matcher(file.newText()).find()
                || out.stream().anyMatch(f -> f.ruleId().equals("PN5") && f.title().contains("from_secs_f"))) {
            return;
        }
        Line a = added.get(0);
        out.add(FindingBuilder.lines(INFO, file, Side.NEW, a.number(), a.number())
                .object("Duration::from_secs_f").object("try_from_secs_f -> from_secs_f")
                .title("`Duration::from_secs_f*` replaces the file's `Duration::try_from_secs_f*`")
                .explanation("Before the change the file built this `Duration` from a float with `try_from_secs_f*` "
                        + "(line " + removed.get(0).number() + " of the old file) and handled the error; line "
                        + a.number() + " now calls `from_secs_f*`, which panics when the float is negative, NaN or "
                        + "larger than `Duration::MAX` (a computed backoff or timeout that grows with a retry count "
                        + "gets there).")
                .check("Keep `try_from_secs_f*` with a fallback (a maximum), or prove the float stays finite, "
                        + "non-negative and in range.")
                .build());
    }

    private static final Pattern STREAM_WRITE = Pattern.compile("\\bwrite(?:ln)?\\s*!\\s*\\(\\s*&?\\s*(?:mut\\s+)?"
            + "(?:(?:std\\s*::\\s*)?io\\s*::\\s*)?std(err|out)\\s*\\(\\s*\\)");
    private static final Pattern PRINT = Pattern.compile("(?<![\\w:])e?print(?:ln)?\\s*!\\s*\\(");

    /**
     * {@code writeln!(io::stderr(), ..)}, whose error the fn handled, removed from one fn of the file and
     * {@code eprintln!}/{@code println!} added (in the same fn or another), with no fallible write to the stream left in
     * the file: the print macros panic when the stream cannot be written (stderr redirected to a full disk, stdout a
     * closed pipe). dropshot c37bbb45 reversed: a server configured to log to a file panicked at startup.
     */
    private static void printReplacesStreamWrite(ChangedFile file, StringBuilder removed, List<Finding> out) {
        Matcher write = STREAM_WRITE.matcher(removed);
        if (!write.find() || STREAM_WRITE.matcher(ItemOutline.after(file).masked()).find()) {
            return;
        }
        List<ItemOutline.AddedMatch> prints = ItemOutline.addedMatches(file, PRINT);
        if (prints.isEmpty()) {
            return;
        }
        Line a = new Line(prints.get(0).line(), "");
        String stream = "std" + write.group(1);
        out.add(FindingBuilder.lines(INFO, file, Side.NEW, a.number(), a.number())
                .object(stream).object("write! -> print!")
                .title("a print macro replaces the file's fallible `writeln!(" + stream + "(), ..)`")
                .explanation("Before the change the file wrote to " + stream + " with `writeln!`, which returns an "
                        + "error the code dealt with. Line " + a.number() + " now uses a print macro, which panics "
                        + "when " + stream + " cannot be written: stderr redirected to a file on a full disk, stdout a "
                        + "pipe whose reader has gone (`| head`). A message that was informational becomes a crash.")
                .check("Keep `writeln!(io::" + stream + "(), ..)` and handle (or deliberately ignore) its error.")
                .build());
    }

    /** A changed line of a fn ({@code number}), with the continuation lines joined to it up to line {@code last}. */
    record Line(int number, int last, String text) {

        Line(int number, String text) {
            this(number, number, text);
        }
    }

    /**
     * The fn's body lines (masked: no comments or string contents) that {@code changed} says the change touched. A
     * line that continues a method chain ({@code .checked_add(..)} under its receiver, as rustfmt writes it) is read
     * joined to the touched line above it. Lines longer than {@link #MAX_LINE} are skipped: no review site is that
     * long, and the patterns would take quadratic time on them.
     */
    static List<Line> lines(ItemOutline outline, ItemOutline.Item fn, java.util.function.IntPredicate changed) {
        List<Line> out = new ArrayList<>();
        String masked = outline.masked();
        int from = outline.line(fn.bodyStart());
        int to = outline.endLine(fn);
        String[] body = masked.substring(fn.bodyStart(), fn.bodyEnd()).split("\n", -1);
        for (int i = 0; i < body.length; i++) {
            int number = from + i;
            if (number > to || !changed.test(number) || body[i].length() > MAX_LINE) {
                continue;
            }
            Line previous = out.isEmpty() ? null : out.get(out.size() - 1);
            if (previous != null && previous.last() == number - 1 && body[i].stripLeading().startsWith(".")
                    && previous.text().length() + body[i].length() <= MAX_LINE) {
                out.set(out.size() - 1, new Line(previous.number(), number, previous.text() + body[i].strip()));
            } else {
                out.add(new Line(number, body[i]));
            }
        }
        return out;
    }

    /**
     * A changed line that continues an expression ({@code .checked_add(..)}, {@code + len}) with the line before it
     * (changed or not) in front: its operand often sits there ({@code field: value} over {@code .checked_add(x)}: zip2
     * 2a035f52 reversed), and without it the twin has no operand to compare.
     */
    private static Line continued(ItemOutline outline, Line line) {
        String text = line.text().stripLeading();
        int previous = line.number() - 1;
        if (!CONTINUATION.matcher(text).lookingAt() || previous < 1) {
            return line;
        }
        // A previous line that ends a statement (`;`) joins harmlessly: no operand pattern reaches across it.
        String before = outline.masked().substring(outline.offset(previous), outline.offset(line.number())).strip();
        if (before.isEmpty() || before.length() + text.length() > MAX_LINE) {
            return line;
        }
        return new Line(line.number(), line.last(), before + " " + text);
    }

    private static void checkedArithmetic(ChangedFile file, ItemOutline.FnPair pair, List<Line> removed,
                                          List<Line> added, List<Finding> out) {
        Set<String> seen = new LinkedHashSet<>();
        Set<String> arguments = new LinkedHashSet<>();
        int inlinedTried = 0; // each try reads the removed lines: a bound keeps 4,000 checked steps linear
        for (Line r0 : removed) {
            Line r = continued(pair.before(), r0);
            for (Pattern form : List.of(CHECKED, CHAINED)) {
                boolean chained = form == CHAINED;
                Matcher m = form.matcher(r.text());
                while (m.find()) {
                    String operand = m.group(1).replaceAll("\\s+", "");
                    String display = m.group(1).strip().replaceAll("\\s+", " ");
                    String inlined = inlinedTried++ < 16 ? inlinedLet(pair, removed, operand) : null;
                    if (inlined != null) {
                        operand = inlined.replaceAll("\\s+", "");
                        display = inlined;
                    }
                    String kind = m.group(2);
                    String op = m.group(3);
                    String suffix = m.group(4) == null ? "" : m.group(4);
                    // A cast may come between (`x.checked_sub(4)?` as `x as usize - 4`: goblin f06b7687 reversed).
                    // Negation is the one prefix operator: `x.wrapping_neg()` became `-x` (wasmi 55cd3ff3 reversed:
                    // `i64::MIN` negated in lowering `x - MIN` to an add).
                    Pattern plain = op.equals("neg")
                            ? Pattern.compile("(?:^|[(,=\\[{:]|\\breturn\\b|=>)\\s*-\\s*" + spaced(operand) + "(?![\\w.(\\[])")
                            : Pattern.compile("(?<![\\w.])" + (operand.startsWith("(")
                            ? "(?:\\(\\s*" + spaced(operand.substring(1, operand.length() - 1)) + "\\s*\\)|"
                                    + spaced(operand.substring(1, operand.length() - 1)) + ")"
                            : spaced(operand))
                            + "(?:\\s+as\\s+[iu](?:8|16|32|64|128|size))?\\s*" + OPERATOR.get(op)
                            + (op.equals("sub") || op.equals("duration_since") ? "(?!>)" : ""));
                    // The plain operator must be new to the fn (more uses than before), and one finding an operand.
                    if (seen.size() >= MAX_OPERANDS || !seen.add(operand + op)) {
                        continue; // each operand is a count over both bodies: real fns replace a handful
                    }
                    if (RuleSupport.count(plain, pair.oldBody()) >= RuleSupport.count(plain, pair.newBody())) {
                        if (ARGUMENT_TWINS.contains(op) && arguments.size() < MAX_ARGUMENTS) {
                            argumentTwin(file, pair, r, m, added, arguments, out);
                        }
                        continue;
                    }
                    boolean reported = false;
                    for (Line a0 : added) {
                        Line a = continued(pair.after(), a0);
                        Matcher use = plain.matcher(a.text());
                        if (!use.find() || (chained ? (a.text().substring(0, use.start()) + a.text().substring(use.end()))
                                .contains(kind + "_" + op) : stillStepped(a.text(), operand, kind))) {
                            continue; // the line still makes the step (a chained operand makes its own first step)
                        }
                        // `x = x.saturating_add(1)` becomes `x += 1` as often as `x + 1`: the compound form is the same twin.
                        boolean method = op.equals("pow") || op.equals("abs") || op.equals("neg");
                        boolean compound = !method && use.end() < a.text().length() && a.text().charAt(use.end()) == '=';
                        String symbol = SYMBOL.getOrDefault(op, "-") + (compound ? "=" : ""); // `neg`: a prefix `-`
                        Matcher right = RIGHT.matcher(a.text()).region(use.end() + (compound ? 1 : 0), a.text().length());
                        String shown = op.equals("neg") ? "-" + display : method ? display + symbol
                                : display + " " + symbol + (right.lookingAt() ? " " + right.group(1) : " ..");
                        out.add(FindingBuilder.lines(INFO, file, Side.NEW, a.number(), a.number())
                                .object("`" + pair.now().name() + "`").object(kind + "_" + op + " -> " + symbol)
                                .title("`" + shown + "` replaces `" + display + "." + kind + "_" + op + suffix
                                        + "(..)` in `" + pair.now().name() + "`")
                                .explanation(op.equals("duration_since") ? instantExplanation(pair, kind, display)
                                        : "Before the change `" + pair.now().name() + "` used `" + kind + "_" + op
                                        + "`, which " + switch (kind) {
                                            case "checked" -> "returns None on overflow";
                                            case "wrapping" -> "wraps on overflow by design (hash mixing, sequence numbers)";
                                            default -> "stops at the type's bounds";
                                        } + "; the plain `" + symbol + "` on `" + display + "` panics on "
                                        + "overflow in debug builds and wraps in release, so a value near the type's limit "
                                        + "(a length, an index from a range bound, a count from the peer) that was "
                                        + "handled now panics or wraps to a small number that later code trusts.")
                                .check(op.equals("duration_since") ? "Keep `" + kind + "_duration_since`: the clock "
                                        + "is not guaranteed monotonic, and the subtraction is only defined not to panic "
                                        + "on the toolchains that happen to saturate it."
                                        : "Check that `" + display + "` cannot reach the type's limit here (every caller, "
                                        + "including `..=usize::MAX`-style bounds and input from outside); if it can, keep "
                                        + "the " + kind + " form.")
                                .build());
                        reported = true;
                        break;
                    }
                    if (!reported && ARGUMENT_TWINS.contains(op) && arguments.size() < MAX_ARGUMENTS) {
                        argumentTwin(file, pair, r, m, added, arguments, out);
                    }
                }
            }
        }
    }

    private static final Set<String> ARGUMENT_TWINS = Set.of("add", "sub", "mul");
    /** Operands looked at per fn by the checked-arithmetic twin. */
    private static final int MAX_OPERANDS = 64;
    /** Arguments paired per fn: each is a count over both bodies. */
    private static final int MAX_ARGUMENTS = 16;

    /**
     * {@code i64::try_from(s).ok()?.checked_mul(1_000_000_000)?} rewritten as {@code s as i64 * 1_000_000_000}: the
     * operand changed its spelling, the argument did not (atuin 63fc82e1 reversed: a timestamp from the environment
     * overflowed the multiplication). Matched by the argument, a literal of four digits or more or a constant's
     * name, which an added line now uses with the plain operator more often than the old fn did.
     */
    private static void argumentTwin(ChangedFile file, ItemOutline.FnPair pair, Line r, Matcher m, List<Line> added,
                                     Set<String> arguments, List<Finding> out) {
        int open = m.end() - 1;
        int close = RuleSupport.closing(r.text(), open, '(', ')');
        if (close >= r.text().length()) {
            return;
        }
        String argument = r.text().substring(open + 1, close).strip();
        if (!argument.matches("\\d[\\d_]{3,}\\w*|[A-Z][A-Z0-9_]{2,}") || !arguments.add(m.group(3) + argument)) {
            return; // each argument is counted in both bodies once
        }
        String op = m.group(3);
        Pattern plain = Pattern.compile(OPERATOR.get(op) + "\\s*" + Pattern.quote(argument) + "(?![\\w.(])");
        if (RuleSupport.count(plain, pair.oldBody()) >= RuleSupport.count(plain, pair.newBody())) {
            return;
        }
        for (Line a : added) {
            if (a.text().contains(m.group(2) + "_") || !plain.matcher(a.text()).find()) {
                continue;
            }
            String symbol = SYMBOL.get(op);
            String fn = pair.now().name();
            out.add(FindingBuilder.lines(INFO, file, Side.NEW, a.number(), a.number())
                    .object("`" + fn + "`").object(m.group(2) + "_" + op + " -> " + symbol + " " + argument)
                    .title("`" + symbol + " " + argument + "` replaces `." + m.group(2) + "_" + op + "(" + argument
                            + ")` in `" + fn + "`")
                    .explanation("Before the change `" + fn + "` applied `" + argument + "` with `" + m.group(2) + "_"
                            + op + "`, which handles overflow; the line now uses the plain `" + symbol + "`, which "
                            + "panics on overflow in debug builds and wraps in release. A value from outside (an "
                            + "environment variable, a peer, a file) that was rejected now panics or wraps.")
                    .check("Keep the checked form, or show that the operand cannot overflow with `" + argument + "`.")
                    .build());
            return;
        }
    }

    /**
     * {@code Instant::now().saturating_duration_since(start)} replaced by {@code start.elapsed()}, which is
     * {@code Instant::now() - start}: the same twin as the subtraction (tikv/rust-prometheus a93ed8cd reversed).
     */
    private static void elapsedTwin(ChangedFile file, ItemOutline.FnPair pair, List<Line> removed, List<Line> added,
                                    List<Finding> out) {
        for (Line r : removed) {
            Matcher m = NOW_SINCE.matcher(r.text());
            if (!m.find()) {
                continue;
            }
            String start = m.group(3).strip();
            Pattern twin = Pattern.compile("(?<![\\w.])" + spaced(RuleSupport.squeezed(start)) + "\\s*\\.\\s*elapsed\\s*\\(\\s*\\)");
            if (RuleSupport.count(twin, pair.oldBody()) >= RuleSupport.count(twin, pair.newBody())) {
                continue;
            }
            for (Line a : added) {
                if (twin.matcher(a.text()).find() && !a.text().contains("_duration_since")) {
                    String operand = m.group(1).strip().replaceAll("\\s+", "");
                    out.add(FindingBuilder.lines(INFO, file, Side.NEW, a.number(), a.number())
                            .object("`" + pair.now().name() + "`").object(m.group(2) + "_duration_since -> elapsed")
                            .title("`" + start + ".elapsed()` replaces `" + operand + "." + m.group(2)
                                    + "_duration_since(..)` in `" + pair.now().name() + "`")
                            .explanation(instantExplanation(pair, m.group(2), operand) + " `elapsed()` is that "
                                    + "subtraction: `Instant::now() - self`.")
                            .check("Keep `" + m.group(2) + "_duration_since`: the clock is not guaranteed monotonic.")
                            .build());
                    return;
                }
            }
        }
    }

    /** Why {@code Instant - Instant} in place of {@code saturating_duration_since} is the panicking twin. */
    private static String instantExplanation(ItemOutline.FnPair pair, String kind, String operand) {
        return "Before the change `" + pair.now().name() + "` used `" + operand + "." + kind + "_duration_since(..)`, "
                + "which " + (kind.equals("checked") ? "returns None" : "gives zero") + " when the other instant is "
                + "later; `" + operand + " - ..` panicked in that case before Rust 1.60, saturates on today's "
                + "toolchains, and the standard library says future versions may panic again. Instants do go "
                + "backwards (virtual machines, clocks of some platforms), and the explicit form was the documented "
                + "intent.";
    }

    /**
     * A pattern for {@code text} (whitespace removed) that allows whitespace between its characters: an operand
     * such as {@code self.pto(SpaceId::Data)} as rustfmt may split it over lines.
     */
    /**
     * Whether the line still steps the operand the checked way ({@code x.saturating_sub(..)}); another operand's
     * step on the line does not count: bottom 89215779 reversed turned {@code used.saturating_sub(a - b)} into
     * {@code used -= a.saturating_sub(b)}, which underflows {@code used}.
     */
    private static boolean stillStepped(String line, String operand, String kind) {
        if (!line.contains(kind + "_")) {
            return false;
        }
        String bare = operand.startsWith("(") ? operand.substring(1, operand.length() - 1) : operand;
        return Pattern.compile("(?<![\\w.])\\(?\\s*" + spaced(bare) + "\\s*\\)?\\s*\\.\\s*" + kind + "_").matcher(line).find();
    }

    /**
     * The value of a local the change removed with its {@code let}, when the new fn has no such local: mmtk-core
     * 541298f3 reversed turned {@code let total_pages = self.get_total_pages(); .. total_pages.saturating_sub(used_pages)}
     * into {@code self.get_total_pages() - self.get_used_pages()}, the same operand written out.
     */
    private static String inlinedLet(ItemOutline.FnPair pair, List<Line> removed, String operand) {
        if (!operand.matches("[a-z_]\\w{0,40}")) {
            return null;
        }
        Pattern let = Pattern.compile("^\\s*let\\s+(?:mut\\s+)?" + operand + "\\s*(?::[^=;]{1,40})?=\\s*([^;]{1,120}?)\\s*;\\s*$");
        for (Line r : removed) {
            Matcher m = let.matcher(r.text());
            if (m.matches() && !Pattern.compile("\\blet\\s+(?:mut\\s+)?" + operand + "\\b").matcher(pair.newBody()).find()) {
                return m.group(1).strip();
            }
        }
        return null;
    }

    private static String spaced(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (i > 0) {
                out.append("\\s*");
            }
            out.append(Pattern.quote(String.valueOf(text.charAt(i))));
        }
        return out.toString();
    }

    private static void fallibleCalls(ChangedFile file, ItemOutline.FnPair pair, List<Line> removed, List<Line> added,
                                      List<Finding> out) {
        Set<String> seen = new LinkedHashSet<>();
        for (Line r : removed) {
            Matcher m = TRY_CALL.matcher(r.text());
            while (m.find()) {
                String twin = m.group(2);
                // Every type has a `new`: only the same type's `new` is the twin of its `try_new` (ast-grep
                // 0f48faa5 reversed: `Pattern::try_new(..)?` became `Pattern::new(..)`, which panics on a bad pattern).
                String owner = twin.equals("new") ? ownerBefore(r.text(), m.start()) : "";
                String call = owner == null || owner.isEmpty() ? "(?:\\.|::)" : "(?<![\\w])" + Pattern.quote(owner) + "\\s*::";
                if (owner == null || !seen.add(owner + twin) || seen.size() > 32
                        || Pattern.compile(call + "\\s*try_" + twin + "\\s*\\(").matcher(pair.newBody()).find()) {
                    continue; // the fallible call is still there: nothing was swapped
                }
                Pattern plain = Pattern.compile(call + "\\s*" + twin + "\\s*\\(");
                String shown = owner.isEmpty() ? twin : owner + "::" + twin;
                for (Line a : added) {
                    if (!plain.matcher(a.text()).find()) {
                        continue;
                    }
                    out.add(FindingBuilder.lines(INFO, file, Side.NEW, a.number(), a.number())
                            .object("`" + pair.now().name() + "`").object("try_" + twin + " -> " + twin)
                            .title("`" + shown + "(..)` replaces `" + (owner.isEmpty() ? "" : owner + "::") + "try_" + twin + "(..)` in `"
                                    + pair.now().name() + "`")
                            .explanation("Before the change `" + pair.now().name() + "` called `try_" + twin
                                    + "` and handled its error; `" + twin + "` panics (or aborts) in the same case: a "
                                    + "full map, a failed allocation, a value already borrowed, a thread-local already "
                                    + "destroyed (`with` during thread exit, from a `Drop` or an exit hook). When the size or "
                                    + "count comes from outside (a peer's headers, a file's length), the error case "
                                    + "is reachable on purpose.")
                            .check("Check whether the failure `try_" + twin + "` reported can happen here; if it "
                                    + "can, keep the fallible call and its handling.")
                            .build());
                    break;
                }
            }
        }
    }

    /** {@code self.checked_output_buffer_size()}: a crate's own checked method; group 1 is its plain twin's name. */
    /** {@code .checked_x(} or, as std's newer names go, {@code .x_checked(} ({@code split_at_checked}). */
    private static final Pattern CHECKED_METHOD = Pattern.compile("(?:\\.|::)\\s*(?:checked_([a-z]\\w{3,60})|"
            + "([a-z]\\w{2,60}?)_checked)\\s*\\(");
    private static final Set<String> ARITHMETIC = Set.of("add", "sub", "mul", "div", "rem", "shl", "shr", "pow", "abs",
            "neg", "next_power_of_two", "add_signed", "sub_signed", "add_unsigned", "duration_since", "ilog", "ilog2",
            "ilog10", "isqrt", "next_multiple_of", "div_euclid", "rem_euclid", "sub_instant", "add_days", "sub_days",
            "add_months", "sub_months");

    /**
     * A method named {@code checked_x} replaced by its plain twin {@code x} (image-png 50785560 reversed: the frame
     * buffer's size computed with the unchecked {@code output_buffer_size()}, whose multiplication overflows on a
     * huge image); the arithmetic ones are {@link #checkedArithmetic}'s.
     */
    private static void checkedMethodTwin(ChangedFile file, ItemOutline.FnPair pair, List<Line> removed,
                                          List<Line> added, List<Finding> out) {
        Set<String> seen = new LinkedHashSet<>();
        for (Line r : removed) {
            Matcher m = CHECKED_METHOD.matcher(r.text());
            while (m.find()) {
                String twin = m.group(1) != null ? m.group(1) : m.group(2);
                String checked = m.group(1) != null ? "checked_" + twin : twin + "_checked";
                if (ARITHMETIC.contains(twin) || !seen.add(twin) || seen.size() > 16
                        || pair.newBody().contains(checked)) {
                    continue;
                }
                Pattern plain = Pattern.compile("(?:\\.|::)\\s*" + twin + "\\s*\\(");
                for (Line a : added) {
                    if (!plain.matcher(a.text()).find()) {
                        continue;
                    }
                    String fn = pair.now().name();
                    out.add(FindingBuilder.lines(INFO, file, Side.NEW, a.number(), a.number())
                            .object("`" + fn + "`").object(checked + " -> " + twin)
                            .title("`" + twin + "(..)` replaces `" + checked + "(..)` in `" + fn + "`")
                            .explanation("Before the change `" + fn + "` called `" + checked + "`, which "
                                    + "reports the case its computation does not fit (an overflow, a value out of "
                                    + "range, a split inside a character) as `None` or an error; the plain `" + twin + "` computes it anyway: a "
                                    + "panic in debug builds, or a wrapped size that later code trusts.")
                            .check("Check whether the case `" + checked + "` reported can happen here (sizes "
                                    + "from a file or a peer usually can); if it can, keep the checked call.")
                            .build());
                    break;
                }
            }
        }
    }

    private static final Pattern OWNER = Pattern.compile("(?<![\\w:])([A-Z]\\w{0,60})\\s*$");

    /** The type named right before {@code ::try_new}, or null when the call is a method or has no type. */
    private static String ownerBefore(String text, int callAt) {
        if (!text.startsWith("::", callAt)) {
            return null;
        }
        Matcher m = OWNER.matcher(text.substring(0, callAt));
        return m.find() ? m.group(1) : null;
    }

    /** The path at the end of an expression's text ({@code self.input} in {@code match(padding,self.input}). */
    private static final Pattern TRAILING_PATH = Pattern.compile("[A-Za-z_][\\w.]*$");

    /** {@code xs.first()}, {@code xs.last()} or {@code xs.get(i)} with the expression before it (after a {@code =}). */
    private static final Pattern ACCESS = Pattern.compile(
            "(?:=|\\breturn\\b|^)\\s*([^=;{}]{1,200}?)\\s*\\.\\s*(first|get|get_mut)\\s*\\(\\s*"
                    + "((?:usize\\s*::\\s*from\\s*\\(\\s*[\\w.]{1,40}\\s*\\))|[\\w.]{1,40}\\s+as\\s+usize|&\\s*[\\w.]{1,40}"
                    // `get_mut(ins_index + 1)`: an offset from a position (aya e9de4f29 reversed)
                    + "|[\\w.]{1,40}[ \\t]{0,4}[-+][ \\t]{0,4}[\\w.]{1,20}|[\\w.]{0,40})\\s*\\)");

    /**
     * An index with its conversions to {@code usize} taken off and no whitespace: {@code usize::from(i)} and
     * {@code i as usize} both read {@code i} (cloud-hypervisor 082fdc4d reversed: {@code .get(usize::from(sel))}
     * replaced by {@code [sel as usize]}).
     */
    private static String plainIndex(String text) {
        // whitespace runs collapsed first, so no pattern below starts inside one (`\\s+as` tried at every space of
        // a 100,000-space run is quadratic: fuzz run 73's hang)
        return text.replaceAll("\\s+", " ")
                .replaceAll(" as usize\\b", "")
                .replaceAll("usize ?:: ?from ?\\( ?([\\w.]{1,40}) ?\\)", "$1")
                .replace(" ", "");
    }

    /**
     * {@code xs.first().ok_or(..)?} (or {@code .get(i)}) replaced by {@code xs[0]} ({@code xs[i]}) on the same
     * expression: the empty case the fn turned into an error now panics (rustls f605db888 reversed: an empty list of
     * verification algorithms for a scheme).
     */
    private static void accessToIndex(ChangedFile file, ItemOutline.FnPair pair, List<Line> removed, List<Line> added,
                                      List<Finding> out) {
        String oldPlain = null;
        for (Line r : removed) {
            Matcher m = ACCESS.matcher(r.text());
            while (m.find()) {
                String receiver = m.group(1).replaceAll("\\s+", "").replaceFirst("^(?:let(?:mut)?[&\\w]*)", "");
                Matcher tail = TRAILING_PATH.matcher(receiver);
                if (receiver.chars().filter(c -> c == '(').count() > receiver.chars().filter(c -> c == ')').count()
                        && tail.find()) {
                    // `match (padding, self.input.get(2))`: the value indexed is the path right before `.get`
                    receiver = tail.group();
                }
                String index = m.group(2).equals("first") ? "0" : plainIndex(m.group(3));
                if (receiver.length() < 2 || index.isEmpty()) {
                    continue;
                }
                String indexed = receiver + "[" + index + "]";
                if (oldPlain == null) {
                    oldPlain = plainIndex(pair.oldBody()); // once per fn: the body can be megabytes
                }
                if (oldPlain.contains(indexed)) {
                    continue; // indexed that way before the change too
                }
                for (Line a : added) {
                    if (!plainIndex(a.text()).contains(indexed)) {
                        continue;
                    }
                    String access = m.group(2).equals("first") ? "first()" : m.group(2) + "(" + index + ")";
                    out.add(FindingBuilder.lines(INFO, file, Side.NEW, a.number(), a.number())
                            .object("`" + pair.now().name() + "`").object(access + " -> [" + index + "]")
                            .title("`[" + index + "]` replaces `." + access + "` in `" + pair.now().name() + "`")
                            .explanation("Before the change `" + pair.now().name() + "` read the element with `." + access
                                    + "` and handled the case where it is missing; `[" + index + "]` panics in that case. "
                                    + "When the collection comes from configuration or a peer (an empty list, a short "
                                    + "message), the missing element is reachable.")
                            .check("Check whether the collection can be " + (index.equals("0") ? "empty" : "too short for `["
                                    + index + "]`") + " here; if it can, keep the fallible access and its error.")
                            .build());
                    return;
                }
            }
        }
    }

    private static void guardToAssert(ChangedFile file, ItemOutline.FnPair pair, List<Line> removed, List<Line> added,
                                      List<Finding> out) {
        // the added assertions, found once: matching every added line against every removed guard was quadratic
        List<Line> asserts = added.stream().filter(a -> ASSERT.matcher(a.text()).find()).toList();
        if (asserts.isEmpty()) {
            return;
        }
        // and their operands once each (4,000 guards against 4,000 assertions took minutes)
        java.util.Map<Line, Set<String>> asserted = new java.util.IdentityHashMap<>();
        java.util.Map<Line, String> macros = new java.util.IdentityHashMap<>();
        for (Line a : asserts) {
            asserted.put(a, assertOperands(added, a));
            Matcher as = ASSERT.matcher(a.text());
            macros.put(a, as.find() ? as.group(1) : "assert");
        }
        for (int i = 0; i < removed.size(); i++) {
            String guarded = exitCondition(removed, i);
            Set<String> condition = guarded == null ? Set.of() : operands(guarded);
            if (condition.isEmpty()) {
                continue;
            }
            for (Line a : asserts) {
                if (!asserted.get(a).containsAll(condition)) {
                    continue;
                }
                String macro = macros.get(a);
                boolean debugOnly = macro.startsWith("debug_");
                String guard = RuleSupport.shorten("if " + guarded.trim());
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, a.number(), a.number())
                        .object("`" + pair.now().name() + "`").object("guard -> " + macro)
                        .title("`" + macro + "!` replaces the early exit `" + guard + "` in `" + pair.now().name() + "`")
                        .explanation("Before the change `" + pair.now().name() + "` left early when `"
                                + guarded.trim() + "`; the change removes that exit and asserts the opposite "
                                + "instead. " + (debugOnly ? "In debug builds the case it handled now panics; in "
                                + "release builds the assertion is compiled out and the fn goes on with a state it "
                                + "used to refuse." : "The case it handled now panics.")
                                + " An assertion says the case cannot happen; the exit said it could (a stream reset "
                                + "meanwhile, a peer's out-of-order frame).")
                        .check("Check that the case the removed exit handled is impossible on every path that "
                                + "reaches here (another task, a reset, a peer); if not, keep the early exit.")
                        .build());
                break;
            }
        }
    }

    /**
     * An {@code if COND { .. } else { .. }} removed and {@code assert!(COND)} or {@code debug_assert!(COND)} added:
     * the else branch handled the other case, and the assertion now says it cannot happen (futures-lite 07d431c7
     * reversed: {@code read_line} appended to a non-empty buffer, and the undone fix overwrote it under
     * {@code debug_assert!(buf.is_empty())}).
     */
    private static void branchToAssert(ChangedFile file, ItemOutline.FnPair pair, List<Line> removed, List<Line> added,
                                       List<Finding> out) {
        java.util.Map<Line, Set<String>> asserted = new java.util.IdentityHashMap<>();
        java.util.Map<Line, String> macros = new java.util.IdentityHashMap<>();
        for (Line a : added) {
            Matcher as = ASSERT.matcher(a.text());
            if (as.find()) {
                macros.put(a, as.group(1));
                asserted.put(a, assertOperands(added, a));
            }
        }
        if (macros.isEmpty()) {
            return;
        }
        for (int i = 0; i < removed.size(); i++) {
            Matcher header = IF_HEADER.matcher(removed.get(i).text());
            if (!header.matches() || !elseRemoved(removed, i)) {
                continue;
            }
            String branched = header.group(1).strip();
            Set<String> condition = operands(branched);
            if (condition.isEmpty()) {
                continue;
            }
            for (Line a : added) {
                if (!macros.containsKey(a) || !asserted.get(a).containsAll(condition)) {
                    continue;
                }
                String macro = macros.get(a);
                String fn = pair.now().name();
                String shown = RuleSupport.shorten("if " + branched);
                out.add(FindingBuilder.lines(INFO, file, Side.NEW, a.number(), a.number())
                        .object("`" + fn + "`").object("branch -> " + macro)
                        .title("`" + macro + "!` replaces the branch `" + shown + " { .. } else { .. }` in `" + fn + "`")
                        .explanation("Before the change `" + fn + "` handled both cases of `" + branched + "`; the "
                                + "change removes the `else` branch and asserts the condition instead. "
                                + (macro.startsWith("debug_") ? "In debug builds the other case now panics; in release "
                                + "builds the assertion is compiled out and the code written for one case runs in the "
                                + "other (a buffer overwritten where it was appended to)." : "The other case now panics.")
                                + " Callers reach that case whenever the type allows it.")
                        .check("Check that no caller can reach the case the `else` handled (a non-empty buffer, a "
                                + "second call); if one can, keep the branch.")
                        .build());
                return;
            }
        }
    }

    /** Whether a removed {@code } else {} follows the removed {@code if} header at {@code i} within 12 removed lines. */
    private static boolean elseRemoved(List<Line> removed, int i) {
        for (int j = i + 1; j < removed.size() && j <= i + 12; j++) {
            if (ELSE.matcher(removed.get(j).text()).matches()) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern IF_HEADER = Pattern.compile("^\\s*if\\s+(?!let\\b)(.+?)\\s*\\{\\s*$");
    private static final Pattern ELSE = Pattern.compile("^\\s*\\}\\s*else\\s*\\{\\s*$");

    private static final Pattern COMPARISON = Pattern.compile("(?<![\\w.])([A-Za-z_]\\w*(?:\\.[A-Za-z_]\\w*(?:\\(\\))?)*)"
            + "\\s*(>=|<=|<(?![<=])|>(?![>=]))\\s*([A-Za-z_]\\w*(?:\\.[A-Za-z_]\\w*(?:\\(\\))?)*)(?![\\w.(])");
    private static final Pattern CONDITION_LINE = Pattern.compile("^\\s*(?:\\}\\s*else\\s+)?(?:if|while)\\b|\\bassert!");
    private static final Pattern LENGTH = Pattern.compile("(?:^|[._])(?:len|length|capacity|cap|size|count)(?:\\(\\))?$");

    /**
     * A bounds check loosened by one: {@code if idx >= self.len()} (reject) becomes {@code if idx > self.len()}, or
     * {@code idx < len} (accept) becomes {@code idx <= len}, on the same operands, and the fn indexes with the value:
     * the one index equal to the length now gets through and panics (slab's {@code remove}).
     */
    private static final Pattern INDEXED = Pattern.compile("\\[\\s*([^\\[\\]]{1,200}?)\\s*\\]");

    private static void boundLoosened(ChangedFile file, ItemOutline.FnPair pair, List<Line> removed, List<Line> added,
                                      List<Finding> out) {
        // What the new fn indexes with, and the comparisons its added conditions make, read once: each removed
        // comparison is then a lookup (4,000 of each took 59 s when every one re-read the added lines).
        Set<String> indexes = null;
        Map<String, Line> addedComparisons = null;
        for (Line r : removed) {
            if (!CONDITION_LINE.matcher(r.text()).find()) {
                continue;
            }
            Matcher was = COMPARISON.matcher(r.text());
            while (was.find()) {
                String index = was.group(1);
                String bound = was.group(3);
                String op = was.group(2);
                boolean lengthOnRight = LENGTH.matcher(bound).find() && !LENGTH.matcher(index).find();
                boolean lengthOnLeft = LENGTH.matcher(index).find() && !LENGTH.matcher(bound).find();
                if (!lengthOnRight && !lengthOnLeft) {
                    continue;
                }
                String value = lengthOnRight ? index : bound;
                String length = lengthOnRight ? bound : index;
                // The operator that lets value == length through, oriented as written.
                String loose = lengthOnRight ? switch (op) { case ">=" -> ">"; case "<" -> "<="; default -> null; }
                        : switch (op) { case "<=" -> "<"; case ">" -> ">="; default -> null; };
                if (indexes == null) {
                    indexes = new java.util.HashSet<>();
                    Matcher ix = INDEXED.matcher(pair.newBody());
                    while (ix.find()) {
                        indexes.add(ix.group(1));
                    }
                    addedComparisons = new java.util.HashMap<>();
                    for (Line a : added) {
                        if (!CONDITION_LINE.matcher(a.text()).find()) {
                            continue;
                        }
                        Matcher now = COMPARISON.matcher(a.text());
                        while (now.find()) {
                            addedComparisons.putIfAbsent(now.group(1) + " " + now.group(2) + " " + now.group(3), a);
                        }
                    }
                }
                if (loose == null || !indexes.contains(value)) {
                    continue;
                }
                String wanted = (lengthOnRight ? value : length) + " " + loose + " " + (lengthOnRight ? length : value);
                Line a = addedComparisons.get(wanted);
                if (a != null) {
                    out.add(FindingBuilder.lines(INFO, file, Side.NEW, a.number(), a.number())
                            .object("`" + pair.now().name() + "`").object("bound loosened: " + value)
                            .title("`" + wanted + "` lets `" + value + " == " + length + "` through to `[" + value
                                    + "]` in `" + pair.now().name() + "`")
                            .explanation("Before the change the check was `" + index + " " + op + " " + bound
                                    + "`; now it is `" + wanted + "`, so the one value equal to the length passes it, "
                                    + "and `" + pair.now().name() + "` indexes with `" + value + "`: an index equal to "
                                    + "the length is out of bounds and panics (or, unchecked, reads past the end).")
                            .check("Check that `" + value + "` can never equal `" + length + "` here; an index must be "
                                    + "strictly below the length.")
                            .build());
                    return; // one loosened bound a fn is enough to send the reviewer there
                }
            }
        }
    }

    /** A length compared with a literal minimum: {@code buf.remaining() < 3}. */
    private static final Pattern MINIMUM = Pattern.compile(
            "(?<![\\w.])([A-Za-z_][\\w.]{0,120}\\.\\s*(?:remaining|len)\\s*\\(\\s*\\)|[a-z_]{0,40}len(?:gth)?)\\s*(<=?)\\s*"
                    + "(\\d{1,9})(?![\\w.])");
    /** Reads that panic (or slice out of bounds) when fewer bytes are there than they take. */
    private static final Pattern SIZED_READ = Pattern.compile(
            "\\.\\s*(?:get_[iu](?:8|16|32|64|128)(?:_le|_ne)?|get_f(?:32|64)(?:_le|_ne)?|advance|copy_to_slice|split_to|"
                    + "copy_to_bytes)\\s*\\(|\\[\\s*\\d*\\s*\\.\\.");

    /**
     * A minimum-length check lowered: {@code if buf.remaining() < 3 { return Err(..) }} becomes {@code < 2} on the
     * same expression while the fn still reads from the buffer with reads that panic when it is short
     * ({@code get_u16()}, {@code advance(n)}, {@code buf[..n]}): a message one byte short now reaches them
     * (hyper-util bfa1cf1b reversed: a SOCKS reply of two bytes panicked in {@code get_u8}).
     */
    private static void minimumLowered(ChangedFile file, ItemOutline.FnPair pair, List<Line> removed, List<Line> added,
                                       List<Finding> out) {
        if (!SIZED_READ.matcher(pair.newBody()).find()) {
            return;
        }
        for (Line r : removed) {
            Matcher was = MINIMUM.matcher(r.text());
            while (was.find()) {
                String length = was.group(1).replaceAll("\\s+", "");
                long before = Long.parseLong(was.group(3));
                for (Line a : added) {
                    Matcher now = MINIMUM.matcher(a.text());
                    while (now.find()) {
                        long after = Long.parseLong(now.group(3));
                        if (!now.group(1).replaceAll("\\s+", "").equals(length) || !now.group(2).equals(was.group(2))
                                || after >= before) {
                            continue;
                        }
                        String shown = length + " " + now.group(2) + " " + after;
                        out.add(FindingBuilder.lines(INFO, file, Side.NEW, a.number(), a.number())
                                .object("`" + pair.now().name() + "`").object("minimum lowered: " + length)
                                .title("`" + shown + "` was `" + length + " " + was.group(2) + " " + before + "` in `"
                                        + pair.now().name() + "`")
                                .explanation("Before the change `" + pair.now().name() + "` refused input shorter than "
                                        + "the check `" + length + " " + was.group(2) + " " + before + "` allowed; now "
                                        + "the minimum is " + after + ", and the fn still reads from the buffer with "
                                        + "reads that panic when it is short (`get_*`, `advance`, slicing). Input "
                                        + "between the two lengths, which a peer can send, now reaches them.")
                                .check("Count the bytes the fn reads after this check on its shortest path; the minimum "
                                        + "must cover all of them (or the reads must use `try_get_*`/checked slicing).")
                                .build());
                        return;
                    }
                }
            }
        }
    }

    private static final Pattern SUBTRACTION = Pattern.compile("(?<![\\w.)\\]])([A-Za-z_]\\w*(?:\\.[A-Za-z_]\\w*(?:\\(\\))?)*)"
            + "\\s*-(?![=>])\\s*([A-Za-z_]\\w*(?:\\.[A-Za-z_]\\w*(?:\\(\\))?)*)(?![\\w.(])");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_]\\w*");
    /** Conversions and accessors that say nothing about which value an operand is. */
    private static final Set<String> NEUTRAL = Set.of("self", "as_usize", "as_u64", "as_u32", "as_i64", "into", "get",
            "clone", "unwrap", "to_owned", "as_ref", "0", "value");

    /**
     * An early exit that refused {@code a < b} removed while the fn keeps {@code a - b} on the same values, with no
     * other comparison of the two left: the subtraction now underflows, a panic in debug builds and a huge value in
     * release (slab's {@code global_to_local_idx}: a key below the slab's offset).
     */
    private static void underflowGuardRemoved(ChangedFile file, ItemOutline.FnPair pair, List<Line> removed,
                                              List<Finding> out) {
        List<Set<String>[]> comparisons = null; // the new body's, read once: each removed guard asks about them
        Set<String> asked = new LinkedHashSet<>();
        String[] lines = null;
        for (int i = 0; i < removed.size() && asked.size() < MAX_GUARDS; i++) {
            String guarded = exitCondition(removed, i);
            Matcher c = COMPARISON.matcher(guarded == null ? "" : guarded);
            if (!c.find() || !c.group(2).startsWith("<") && !c.group(2).startsWith(">")) {
                continue;
            }
            boolean less = c.group(2).startsWith("<");
            Set<String> minuend = keys(less ? c.group(1) : c.group(3));
            Set<String> subtrahend = keys(less ? c.group(3) : c.group(1));
            if (minuend.isEmpty() || subtrahend.isEmpty() || !asked.add(minuend + "<" + subtrahend)) {
                continue;
            }
            comparisons = comparisons != null ? comparisons : comparisons(pair.newBody());
            if (compares(comparisons, minuend, subtrahend)) {
                continue; // the values are still compared somewhere in the fn: the check moved, not gone
            }
            lines = lines != null ? lines : pair.newBody().split("\n", -1);
            int first = pair.after().line(pair.now().bodyStart());
            for (int n = 0; n < lines.length; n++) {
                if (lines[n].length() > MAX_LINE) {
                    continue;
                }
                Matcher sub = SUBTRACTION.matcher(lines[n]);
                while (sub.find()) {
                    if (!overlaps(keys(sub.group(1)), minuend) || !overlaps(keys(sub.group(2)), subtrahend)) {
                        continue;
                    }
                    String shown = sub.group(1) + " - " + sub.group(2);
                    String guard = RuleSupport.shorten("if " + guarded.trim());
                    out.add(FindingBuilder.lines(INFO, file, Side.NEW, first + n, first + n)
                            .object("`" + pair.now().name() + "`").object("underflow guard removed: " + shown)
                            .title("`" + shown + "` in `" + pair.now().name() + "` lost its guard `" + guard + "`")
                            .explanation("Before the change `" + pair.now().name() + "` left early when `"
                                    + guarded.trim() + "`, the one case where `" + shown + "` goes below zero. The "
                                    + "change removes that exit and nothing else in the fn compares the two, so the "
                                    + "subtraction underflows for it: a panic in debug builds, a huge value in release "
                                    + "that later code uses as an index or a length.")
                            .check("Check that `" + sub.group(1) + "` can never be below `" + sub.group(2) + "` on "
                                    + "any path here (a key from a caller, a peer's number); if it can, keep the exit "
                                    + "or use `checked_sub`.")
                            .build());
                    return;
                }
            }
        }
    }

    /**
     * The condition of removed line {@code i} when it is an early exit ({@code if c { return ..; }} on one line, or
     * the {@code return}/{@code continue}/{@code break} on the next removed line), else null.
     */
    static String exitCondition(List<Line> removed, int i) {
        Matcher g = GUARD.matcher(removed.get(i).text());
        if (!g.find()) {
            return null;
        }
        boolean exits = g.group(2) != null;
        if (!exits && i + 1 < removed.size() && removed.get(i + 1).number() == removed.get(i).number() + 1) {
            exits = EXIT.matcher(removed.get(i + 1).text()).find();
        }
        return exits ? g.group(1) : null;
    }

    /** The identifiers that tell which value an operand is ({@code self.off.as_usize()}: {@code off}). */
    static Set<String> keys(String operand) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(operand);
        while (m.find()) {
            if (!NEUTRAL.contains(m.group())) {
                out.add(m.group());
            }
        }
        return out;
    }

    static boolean overlaps(Set<String> a, Set<String> b) {
        return a.stream().anyMatch(b::contains);
    }

    /** Removed early-exit guards looked at per fn: each is compared with every comparison of the new body. */
    private static final int MAX_GUARDS = 64;

    /** The operand keys of every comparison in {@code body}, as {left, right} pairs. */
    @SuppressWarnings("unchecked")
    private static List<Set<String>[]> comparisons(String body) {
        List<Set<String>[]> out = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.length() > MAX_LINE) {
                continue;
            }
            Matcher c = COMPARISON.matcher(line);
            while (c.find()) {
                out.add(new Set[] {keys(c.group(1)), keys(c.group(3))});
            }
        }
        return out;
    }

    private static boolean compares(List<Set<String>[]> comparisons, Set<String> left, Set<String> right) {
        for (Set<String>[] c : comparisons) {
            if (overlaps(c[0], left) && overlaps(c[1], right) || overlaps(c[0], right) && overlaps(c[1], left)) {
                return true;
            }
        }
        return false;
    }

    private static boolean compares(Matcher c, Set<String> left, Set<String> right) {
        while (c.find()) {
            Set<String> a = keys(c.group(1));
            Set<String> b = keys(c.group(3));
            if (overlaps(a, left) && overlaps(b, right) || overlaps(a, right) && overlaps(b, left)) {
                return true;
            }
        }
        return false;
    }

    /** The operands of an assertion that may span the next added lines (until its parentheses close). */
    private static Set<String> assertOperands(List<Line> added, Line first) {
        StringBuilder text = new StringBuilder(first.text());
        int at = added.indexOf(first);
        for (int j = at + 1; j < added.size() && j <= at + 6 && depth(text) > 0; j++) {
            text.append(' ').append(added.get(j).text());
        }
        return operands(text.toString());
    }

    private static int depth(CharSequence text) {
        int d = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            d += c == '(' ? 1 : c == ')' ? -1 : 0;
        }
        return d;
    }

    /** Paths and method names a condition reads ({@code stream.state.is_send_streaming}, {@code n}), no keywords. */
    private static Set<String> operands(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = OPERAND.matcher(text);
        while (m.find()) {
            String name = m.group().replaceAll("\\s+", "");
            if (!KEYWORDS.contains(name) && !name.matches("(?:debug_)?assert(?:_eq|_ne)?") && !Character.isDigit(name.charAt(0))) {
                out.add(name);
            }
        }
        return out;
    }
}
