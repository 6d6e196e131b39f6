package io.svcctl.zfs;

/**
 * How {@code zfs receive} treats the target: {@code forceRollback} is {@code -F} (roll the target back
 * to the stream's base, destroying newer snapshots: only when asked), {@code noMount} is {@code -u},
 * {@code resumable} is {@code -s} (OpenZFS only: keep a partial receive and its resume token).
 */
public record ReceiveOptions(boolean forceRollback, boolean noMount, boolean resumable) {

    public static final ReceiveOptions DEFAULTS = new ReceiveOptions(false, false, false);

    public ReceiveOptions withForceRollback() {
        return new ReceiveOptions(true, noMount, resumable);
    }

    public ReceiveOptions withNoMount() {
        return new ReceiveOptions(forceRollback, true, resumable);
    }

    public ReceiveOptions withResumable() {
        return new ReceiveOptions(forceRollback, noMount, true);
    }
}
