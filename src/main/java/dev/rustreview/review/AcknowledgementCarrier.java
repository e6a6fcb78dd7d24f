package dev.rustreview.review;

import dev.rustreview.model.Finding;
import java.util.Map;

/**
 * Re-attaches acknowledgements saved under an id an older version of the analyzer gave a finding (ids once
 * hashed the finding's title): when a current finding has no acknowledgement but one of its former ids has,
 * the acknowledgement is copied to the current id. The old entry stays, so nothing a reviewer wrote is lost.
 */
final class AcknowledgementCarrier {

    private AcknowledgementCarrier() {
    }

    /** Returns how many acknowledgements were re-attached. */
    static int reattach(Review review, HunkIndex index) {
        Map<String, Acknowledgement> acks = review.acknowledgements();
        int moved = 0;
        for (Finding f : index.analysis().findings()) {
            if (f.id() == null || acks.containsKey(f.id())) {
                continue;
            }
            for (String former : f.formerIds()) {
                Acknowledgement old = acks.get(former);
                if (old != null) {
                    review.putAck(new Acknowledgement(f.id(), old.kind(), old.note(), old.author(), old.at(), old.round()));
                    moved++;
                    break;
                }
            }
        }
        return moved;
    }
}
