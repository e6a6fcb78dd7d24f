package dev.rustreview.analysis.provenance;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A case-insensitive regular expression whose matching cannot run away. Patterns from a settings file or a
 * reviewed repository are untrusted: {@code (a+)+$} against a long line backtracks for longer than the universe
 * lasts. Java's engine reads its input only through {@link CharSequence#charAt}, so the input is wrapped in a
 * sequence that counts reads and gives up after a budget; the input itself is capped in length as well.
 * Some patterns ({@code (a|aa)+}) recurse once per character instead, so a stack overflow also ends the match.
 */
final class BoundedRegex {

    /** Longest pattern a settings file may hold. */
    static final int MAX_PATTERN_LENGTH = 500;
    /** Longest input one match looks at (a trailer value, one message line, an identity). */
    static final int MAX_INPUT_LENGTH = 1_000;
    /** Character reads one match may make: milliseconds of work, far above any sane pattern's need. */
    static final long READ_BUDGET = 2_000_000;

    private final Pattern pattern;
    private final boolean bounded;

    private BoundedRegex(Pattern pattern, boolean bounded) {
        this.pattern = pattern;
        this.bounded = bounded;
    }

    /** A built-in pattern: written here, known to be linear, matched without a budget. */
    static BoundedRegex trusted(String regex) {
        return new BoundedRegex(compile(regex), false);
    }

    /**
     * A pattern from a file the user or the repository wrote.
     *
     * @throws PatternSyntaxException when it does not compile
     * @throws IllegalArgumentException when it is longer than {@link #MAX_PATTERN_LENGTH}
     */
    static BoundedRegex untrusted(String regex) {
        if (regex.length() > MAX_PATTERN_LENGTH) {
            throw new IllegalArgumentException("is longer than " + MAX_PATTERN_LENGTH + " characters");
        }
        return new BoundedRegex(compile(regex), true);
    }

    private static Pattern compile(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** Whether the pattern occurs in {@code input} (in its first {@link #MAX_INPUT_LENGTH} characters when bounded). */
    boolean find(String input) {
        if (!bounded) {
            return pattern.matcher(input).find();
        }
        Matcher matcher = pattern.matcher(new CountingSequence(input, new long[] {READ_BUDGET}));
        if (input.length() > MAX_INPUT_LENGTH) {
            // Look at the first part only, and do not let $ or \b take the cut for the input's end.
            matcher.region(0, MAX_INPUT_LENGTH).useAnchoringBounds(false).useTransparentBounds(true);
        }
        try {
            return matcher.find();
        } catch (BudgetExhausted | StackOverflowError e) {
            return false;
        }
    }

    /** Whether the pattern matches all of {@code input}; false when bounded and the input is over-long. */
    boolean matchesWhole(String input) {
        if (!bounded) {
            return pattern.matcher(input).matches();
        }
        if (input.length() > MAX_INPUT_LENGTH) {
            return false;
        }
        try {
            return pattern.matcher(new CountingSequence(input, new long[] {READ_BUDGET})).matches();
        } catch (BudgetExhausted | StackOverflowError e) {
            return false;
        }
    }

    String source() {
        return pattern.pattern();
    }

    /** Thrown out of the regex engine when a match has read its budget; caught in this class only. */
    private static final class BudgetExhausted extends RuntimeException {
        BudgetExhausted() {
            super(null, null, false, false);
        }
    }

    /** A view of a string that counts every character read against a budget shared with its sub-sequences. */
    private static final class CountingSequence implements CharSequence {
        private final String text;
        private final int start;
        private final int end;
        private final long[] budget;

        CountingSequence(String text, long[] budget) {
            this(text, 0, text.length(), budget);
        }

        private CountingSequence(String text, int start, int end, long[] budget) {
            this.text = text;
            this.start = start;
            this.end = end;
            this.budget = budget;
        }

        @Override
        public int length() {
            return end - start;
        }

        @Override
        public char charAt(int index) {
            if (--budget[0] < 0) {
                throw new BudgetExhausted();
            }
            return text.charAt(start + index);
        }

        @Override
        public CharSequence subSequence(int from, int to) {
            return new CountingSequence(text, start + from, start + to, budget);
        }

        @Override
        public String toString() {
            return text.substring(start, end);
        }
    }
}
