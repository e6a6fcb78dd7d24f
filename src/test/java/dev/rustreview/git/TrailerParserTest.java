package dev.rustreview.git;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.Trailer;
import org.junit.jupiter.api.Test;

class TrailerParserTest {

    @Test
    void lastParagraphOfKeyValueLinesIsTheTrailerBlock() {
        String message = "Add executor\n\nSome body text: with a colon.\n\nSigned-off-by: A <a@x>\nCo-Authored-By: Claude <c@x>\n";
        assertThat(TrailerParser.parse(message)).containsExactly(
                new Trailer("Signed-off-by", "A <a@x>"), new Trailer("Co-Authored-By", "Claude <c@x>"));
    }

    @Test
    void keysKeepTheirCaseAndCompareIgnoringIt() {
        Trailer t = TrailerParser.parse("s\n\nCo-authored-by: B <b@x>\n").get(0);
        assertThat(t.key()).isEqualTo("Co-authored-by");
        assertThat(t.isKey("Co-Authored-By")).isTrue();
    }

    @Test
    void continuationLinesAreUnfolded() {
        String message = "s\n\nNote: first part\n  second part\n\tthird\nFixes: #12\n";
        assertThat(TrailerParser.parse(message)).containsExactly(
                new Trailer("Note", "first part second part third"), new Trailer("Fixes", "#12"));
    }

    @Test
    void aParagraphWithAnyOtherLineIsNotATrailerBlock() {
        assertThat(TrailerParser.parse("s\n\nSigned-off-by: A <a@x>\nthis is prose\n")).isEmpty();
        assertThat(TrailerParser.parse("s\n\nKey with space: value\n")).isEmpty();
    }

    @Test
    void theSubjectIsNeverATrailer() {
        assertThat(TrailerParser.parse("fix: handle empty backups\n")).isEmpty();
        assertThat(TrailerParser.parse("fix: handle empty backups")).isEmpty();
        assertThat(TrailerParser.parse("")).isEmpty();
        assertThat(TrailerParser.parse(null)).isEmpty();
    }

    @Test
    void trailingBlankLinesAndCrLfAreIgnored() {
        assertThat(TrailerParser.parse("s\r\n\r\nReviewed-by: R <r@x>\r\n\r\n\r\n"))
                .containsExactly(new Trailer("Reviewed-by", "R <r@x>"));
    }

    @Test
    void spaceBeforeTheColonIsAllowedAndValuesAreTrimmed() {
        assertThat(TrailerParser.parse("s\n\nTicket :  ABC-1  \n")).containsExactly(new Trailer("Ticket", "ABC-1"));
    }
}
