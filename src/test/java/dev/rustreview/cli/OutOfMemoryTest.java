package dev.rustreview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class OutOfMemoryTest {

    @Test
    void aWorkerThatRanOutOfMemoryIsOneLineSayingHowToGiveTheHeapMore() {
        StringWriter err = new StringWriter();
        CommandLine cl = RustReviewCommand.newCommandLine(r -> { }, new PrintWriter(new StringWriter()),
                new PrintWriter(err, true));
        // As the analysis' pool reports it: the worker's error wrapped twice.
        Exception failure = new IllegalStateException(new ExecutionException(new OutOfMemoryError("Java heap space")));
        assertThat(RustReviewCommand.handleFailure(failure, cl, null)).isEqualTo(ExitCodes.INTERNAL);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("rust-review: out of memory in a heap of ")
                .contains("java -Xmx4g -jar rust-review.jar");
    }

    @Test
    void anyOtherFailureStaysAnInternalError() {
        StringWriter err = new StringWriter();
        CommandLine cl = RustReviewCommand.newCommandLine(r -> { }, new PrintWriter(new StringWriter()),
                new PrintWriter(err, true));
        assertThat(RustReviewCommand.handleFailure(new IllegalStateException("boom"), cl, null))
                .isEqualTo(ExitCodes.INTERNAL);
        assertThat(err.toString()).startsWith("rust-review: internal error: java.lang.IllegalStateException: boom");
    }
}
