package dev.rustreview.git;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.util.IntList;

/**
 * A blob's bytes decoded to text, with its line boundaries.
 *
 * <p>Valid UTF-8 is decoded as UTF-8; anything else as ISO-8859-1, which maps every byte to one char so
 * nothing is lost (a Latin-1 {@code é}, byte 0xE9, stays {@code é}). Lines split on LF exactly as JGit's
 * {@code RawText} splits the bytes — LF and CR are single bytes in both encodings and never occur inside a
 * UTF-8 sequence — so line {@code i} here is line {@code i} of the diff's edit list.
 */
final class DecodedText {

    static final String UTF_8 = "UTF-8";
    static final String LATIN_1 = "ISO-8859-1";

    private final String text;
    private final String encoding;
    /** Start offsets of each line, plus one final entry: the text's length. */
    private final IntList starts;

    private DecodedText(String text, String encoding) {
        this.text = text;
        this.encoding = encoding;
        this.starts = new IntList(Math.max(4, text.length() / 32));
        for (int at = 0; at < text.length(); ) {
            starts.add(at);
            int lf = text.indexOf('\n', at);
            at = lf < 0 ? text.length() : lf + 1;
        }
        starts.add(text.length());
    }

    static DecodedText decode(byte[] bytes) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return new DecodedText(strict.decode(ByteBuffer.wrap(bytes)).toString(), UTF_8);
        } catch (CharacterCodingException e) {
            return new DecodedText(new String(bytes, StandardCharsets.ISO_8859_1), LATIN_1);
        }
    }

    String text() {
        return text;
    }

    String encoding() {
        return encoding;
    }

    int lineCount() {
        return starts.size() - 1;
    }

    /** Line {@code i} (0-based) without its LF, and without the CR of a CR LF ending. */
    String line(int i) {
        int start = starts.get(i);
        int end = starts.get(i + 1);
        if (end > start && text.charAt(end - 1) == '\n') {
            end--;
            if (end > start && text.charAt(end - 1) == '\r') {
                end--;
            }
        }
        return text.substring(start, end);
    }

    boolean endsWithCrLf(int i) {
        int end = starts.get(i + 1);
        return end - starts.get(i) >= 2 && text.charAt(end - 1) == '\n' && text.charAt(end - 2) == '\r';
    }

    /** Whether line {@code i} is the last one and the text has no final newline. */
    boolean missingNewlineAfter(int i) {
        return i == lineCount() - 1 && !text.endsWith("\n");
    }
}
