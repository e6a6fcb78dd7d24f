package dev.rustreview.review;

import dev.rustreview.model.BadInputException;

/** Another window or process saved the review since it was loaded: nothing was written; reload and redo. */
public final class ConcurrentReviewChangeException extends BadInputException {

    ConcurrentReviewChangeException(String message) {
        super(message);
    }
}
