package dev.rustreview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.model.BadInputException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code rust-review} with no arguments opens the window without parsing, and fails as a parsed start would. */
class WindowWithoutArgumentsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(java.util.function.Consumer<WindowRequest> opener, String... args) {
        return RustReviewCommand.run(args, opener, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void noArgumentsAsksForTheWindowAsTheParsedCommandWould() {
        WindowRequest[] fast = new WindowRequest[1];
        assertThat(run(r -> fast[0] = r)).isEqualTo(RustReviewCommand.WINDOW_OPENED);
        // Picocli, given the same nothing, asks for the same window.
        assertThat(fast[0]).isNotNull().isEqualTo(CliRun.of().window());
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aWindowThatCannotOpenIsOneLineAndBadInput() {
        int status = run(r -> {
            throw new BadInputException("cannot open a window: no display available (is DISPLAY set?)");
        });
        assertThat(status).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).isEqualTo("rust-review: cannot open a window: no display available (is DISPLAY set?)"
                + System.lineSeparator());
    }

    @Test
    void anUnexpectedFailureIsOneLineNotATrace() {
        int status = run(r -> {
            throw new IllegalStateException("toolkit broke");
        });
        assertThat(status).isEqualTo(ExitCodes.INTERNAL);
        assertThat(err.toString().lines().toList()).singleElement().asString()
                .startsWith("rust-review: internal error: java.lang.IllegalStateException: toolkit broke");
    }

    @Test
    void argumentsStillGoThroughTheParser() {
        assertThat(run(r -> { }, "--no-such-option")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).startsWith("rust-review: Unknown option: '--no-such-option'");
    }
}
