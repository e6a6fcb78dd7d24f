package dev.rustreview.model;

/** Which side of a diff a line number refers to. */
public enum Side {
    OLD,
    NEW
}
