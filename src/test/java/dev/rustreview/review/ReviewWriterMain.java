package dev.rustreview.review;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * A child process for the crash test: saves the review again and again, each save adding one acknowledgement
 * named after the revision it creates, and prints each revision once it is saved. With a third argument
 * {@code NAME:COUNT} it instead adds COUNT acknowledgements named after NAME, reloading and redoing each one the
 * store refuses because another process saved first, then exits.
 */
public final class ReviewWriterMain {

    private ReviewWriterMain() {
    }

    public static void main(String[] args) {
        ReviewStore store = new ReviewStore(Path.of(args[0]), Clock.systemUTC());
        String id = args[1];
        if (args.length > 2) {
            competingWriter(store, id, args[2].split(":")[0], Integer.parseInt(args[2].split(":")[1]));
            return;
        }
        Review review = store.load(id).orElseGet(() -> new Review(id, "/repo", "agent/x", "main"));
        while (true) {
            long next = review.revision() + 1;
            // Padding makes each write big enough to be interrupted mid-way.
            review.putAck(new Acknowledgement("R-" + next, Acknowledgement.Kind.CHECKED, "x".repeat(4_000), "child",
                    Instant.now(), 1));
            store.save(review);
            System.out.println(review.revision());
            System.out.flush();
            if (System.out.checkError() || !parentAlive()) {
                return; // the test that reads us is gone (a killed build): do not write for ever
            }
        }
    }

    /** The test JVM that started us, as it was at start: once it dies, we are re-parented and its handle says so. */
    private static final java.util.Optional<ProcessHandle> PARENT = ProcessHandle.current().parent();

    private static boolean parentAlive() {
        return PARENT.map(ProcessHandle::isAlive).orElse(false);
    }

    private static void competingWriter(ReviewStore store, String id, String name, int count) {
        for (int i = 0; i < count; i++) {
            while (true) {
                Review review = store.load(id).orElseThrow();
                review.putAck(new Acknowledgement(name + "-" + i, Acknowledgement.Kind.CHECKED, null, name,
                        Instant.now(), 1));
                try {
                    store.save(review);
                    break;
                } catch (ConcurrentReviewChangeException e) {
                    // told to reload: do so and redo the change
                }
            }
        }
    }
}
