package dev.rustreview.review;

/** Splits the reviewer's {@code Name <email>} identity for the commits a review writes (notes). */
public final class ReviewerIdentity {

    private ReviewerIdentity() {
    }

    public static String name(String identity) {
        int lt = identity.indexOf('<');
        String n = lt < 0 ? identity : identity.substring(0, lt);
        return n.isBlank() ? "rust-review" : n.strip();
    }

    public static String email(String identity) {
        int lt = identity.indexOf('<');
        int gt = identity.indexOf('>', lt + 1);
        return lt < 0 || gt < 0 ? "" : identity.substring(lt + 1, gt).strip();
    }
}
