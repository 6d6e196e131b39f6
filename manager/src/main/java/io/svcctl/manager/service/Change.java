package io.svcctl.manager.service;

/**
 * One optional setting as {@code svcctl update} sees it: keep the current value, set a new one, or clear it
 * ({@code none} on the command line).
 */
public record Change<T>(boolean unchanged, T value) {
    private static final Change<?> KEEP = new Change<>(true, null);

    @SuppressWarnings("unchecked")
    public static <T> Change<T> keep() {
        return (Change<T>) KEEP;
    }

    /** Sets the value; null clears it. */
    public static <T> Change<T> to(T value) {
        return new Change<>(false, value);
    }

    T apply(T current) {
        return unchanged ? current : value;
    }
}
