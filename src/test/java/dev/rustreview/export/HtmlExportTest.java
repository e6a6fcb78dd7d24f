package dev.rustreview.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.model.Finding;
import dev.rustreview.model.Side;
import dev.rustreview.review.AnnotationKind;
import dev.rustreview.review.DecisionState;
import dev.rustreview.review.HunkIndex;
import dev.rustreview.review.Review;
import dev.rustreview.review.ReviewSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlExportTest {

    @TempDir
    static Path tmp;
    static ExportFixture fx;

    @BeforeAll
    static void build() {
        fx = ExportFixture.build(tmp);
    }

    @Test
    void summaryFindingsBySeverityHunksWithDecisionsAndAnnotationsInPlace() {
        ReviewSession s = fx.reviewed();
        String html = HtmlExport.write(s);
        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .contains("@media print").doesNotContain("<script").doesNotContain("<link").doesNotContain("src=");
        assertThat(html).contains("<span class=\"verdict REQUEST_CHANGES\">changes requested</span>");
        // Severity sections in order, each finding once in its section.
        int critical = html.indexOf("<h3>critical");
        int high = html.indexOf("<h3>high");
        assertThat(high).isGreaterThan(0);
        if (critical >= 0) {
            assertThat(critical).isLessThan(high);
        }
        Finding f = fx.highFinding(2);
        int at = html.indexOf("id=\"f-" + f.id() + "\"");
        assertThat(at).isGreaterThan(html.indexOf("<h3>" + f.severity().label()));
        String section = html.substring(at, html.indexOf("</section>", at));
        assertThat(section).contains("<td class=\"n\">" + f.startLine() + "</td><td class=\"m\">!</td>");
        // A finding shows an excerpt of its hunk, not the whole hunk: nothing far from its lines.
        assertThat(section).doesNotContain("<td class=\"n\">" + (f.endLine() + 20) + "</td>")
                .doesNotContain("<td class=\"n\">" + (f.startLine() - 20) + "</td>");
        // The rejected hunk with its reason; the issue under line 12 of the postgres hunk, the suggestion under 11.
        String rejected = html.substring(html.indexOf("id=\"h-" + ExportFixture.EXECUTOR_HUNK + "\""));
        assertThat(rejected).startsWith("id=\"h-" + ExportFixture.EXECUTOR_HUNK + "\">\n<p><span class=\"rejected\">rejected</span> by Ann &lt;ann@example.com&gt;: holds the lock across `.await`");
        String postgres = html.substring(html.indexOf("id=\"h-" + ExportFixture.POSTGRES_HUNK + "\""));
        postgres = postgres.substring(0, postgres.indexOf("</section>"));
        int line11 = postgres.indexOf("<td class=\"n\">11</td><td class=\"m\">");
        int line12 = postgres.indexOf("<td class=\"n\">12</td><td class=\"m\">");
        int suggestion = postgres.indexOf("<span class=\"badge\">suggestion</span>");
        int issue = postgres.indexOf("<span class=\"badge\">issue</span>");
        assertThat(line11).isLessThan(suggestion);
        assertThat(suggestion).isLessThan(line12);
        assertThat(line12).isLessThan(issue);
        assertThat(postgres).contains("<p>why <strong>20</strong>?</p>").contains("const POOL: u32 = 20;");
        assertThat(html).contains("Comments on files and the whole change").contains("<p>looks mostly fine</p>");
    }

    @Test
    void hostileNamesCodeMessagesAndAnnotationsStayText() throws Exception {
        ChangeAnalysis hostile = HostileRepo.build(tmp);
        Review review = new Review("h", tmp.toString(), HostileRepo.BRANCH, "main\"><b>");
        ReviewSession s = ReviewSession.open(review, new HunkIndex(hostile), "Eve \"<i>\" <e@x>", ExportFixture.CLOCK);
        HunkIndex.Entry hostileFile = s.index().entries().stream().filter(e -> e.path().equals(HostileRepo.FILE))
                .findFirst().orElseThrow();
        s.decide(hostileFile.id(), DecisionState.REJECTED, "</span><script>alert(4)</script>");
        s.annotateLines(HostileRepo.FILE, Side.NEW, 1, 1, AnnotationKind.ISSUE,
                "[click](javascript:alert(5)) [ok](https://example.com/a?b=\"c\") <script>alert(6)</script>"
                        + " ![img](https://evil.example/x.png) \u202E", "<script>alert(7)</script>");
        s.annotateReview(AnnotationKind.NOTE, "[x](JaVaScRiPt:alert(8)) [m](mailto:a@b.c) <a href=\"javascript:alert(9)\">a</a>");
        String html = HtmlExport.write(s);
        String lower = html.toLowerCase(Locale.ROOT);
        assertThat(lower).doesNotContain("<script").doesNotContain("<img").doesNotContain("<b>").doesNotContain("<i>")
                .doesNotContainPattern("href=\"\\s*javascript").doesNotContainPattern("<[a-z]+\\s[^>]*\\son[a-z]+=");
        assertThat(html).doesNotContain("\u202E").contains("<span class=\"bidi\" title=\"invisible bidirectional control\">[U+202E]</span>");
        assertThat(html).contains("src/&lt;script&gt;alert(1)&#34;q&#39;.rs");
        assertThat(html).contains("&lt;/code&gt;&lt;script&gt;alert(2)&lt;/script&gt;");
        assertThat(html).contains("&lt;img src=x onerror=alert(3)&gt; fix ");
        assertThat(html).contains("<a rel=\"nofollow\" href=\"#\">click</a>").contains("<a rel=\"nofollow\" href=\"mailto:a@b.c\">m</a>")
                .contains("<a rel=\"nofollow\" href=\"https://example.com/a?b=&quot;c&quot;\">ok</a>")
                .contains("<a rel=\"nofollow\" href=\"https://evil.example/x.png\">img</a>");
        assertThat(html).contains("&lt;script&gt;alert(6)&lt;/script&gt;").contains("&lt;script&gt;alert(7)&lt;/script&gt;");
        List<String> hunkIds = s.index().entries().stream().map(HunkIndex.Entry::id).toList();
        assertThat(hunkIds).allSatisfy(id -> assertThat(html).contains("id=\"h-" + id + "\""));
    }

    @Test
    void linksKeepOnlyWebAndMailSchemes() {
        assertThat(HtmlText.safeLink("https://x.org")).isEqualTo("https://x.org");
        assertThat(HtmlText.safeLink(" javascript:alert(1)")).isEqualTo("#");
        assertThat(HtmlText.safeLink("data:text/html,x")).isEqualTo("#");
        assertThat(HtmlText.safeLink("vbscript:x")).isEqualTo("#");
        assertThat(HtmlText.safeLink("java\tscript:x")).isEqualTo("#");
        assertThat(HtmlText.safeLink("MAILTO:a@b.c")).isEqualTo("MAILTO:a@b.c");
        assertThat(HtmlText.safeLink("relative/path")).isEqualTo("#");
    }
}
