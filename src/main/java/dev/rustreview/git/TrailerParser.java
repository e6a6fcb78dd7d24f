package dev.rustreview.git;
import dev.rustreview.model.Trailer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the trailers of a commit message the way git does: the trailer block is the message's last
 * paragraph, provided it is not the subject paragraph and every line in it is either {@code Key: value}
 * (the key a token of letters, digits and dashes) or a continuation line starting with whitespace.
 * Keys keep the case they were written in; compare them with {@link Trailer#isKey(String)}.
 */
public final class TrailerParser {

    private static final Pattern TRAILER_LINE = Pattern.compile("([A-Za-z0-9][A-Za-z0-9-]*)[ \\t]*:[ \\t]*(.*)");

    private TrailerParser() {
    }

    /** The trailers of {@code message}, in order; empty when its last paragraph is not a trailer block. */
    public static List<Trailer> parse(String message) {
        if (message == null) {
            return List.of();
        }
        String[] lines = message.replace("\r\n", "\n").split("\n", -1);
        int end = lines.length;
        while (end > 0 && lines[end - 1].isBlank()) {
            end--;
        }
        int start = end;
        while (start > 0 && !lines[start - 1].isBlank()) {
            start--;
        }
        int subject = 0;
        while (subject < end && lines[subject].isBlank()) {
            subject++;
        }
        if (start >= end || start <= subject) {
            return List.of(); // no paragraph, or the only paragraph is the subject
        }
        return parseBlock(lines, start, end);
    }

    private static List<Trailer> parseBlock(String[] lines, int start, int end) {
        List<String> keys = new ArrayList<>();
        List<StringBuilder> values = new ArrayList<>();
        for (int i = start; i < end; i++) {
            String line = lines[i];
            Matcher m = TRAILER_LINE.matcher(line);
            if (m.matches()) {
                keys.add(m.group(1));
                values.add(new StringBuilder(m.group(2).strip()));
            } else if (!values.isEmpty() && Character.isWhitespace(line.charAt(0))) {
                // git unfolds a continuation line into the value with a single space.
                StringBuilder value = values.get(values.size() - 1);
                value.append(value.isEmpty() ? "" : " ").append(line.strip());
            } else {
                return List.of();
            }
        }
        List<Trailer> trailers = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            trailers.add(new Trailer(keys.get(i), values.get(i).toString()));
        }
        return List.copyOf(trailers);
    }
}
