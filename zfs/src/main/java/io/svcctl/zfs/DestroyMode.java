package io.svcctl.zfs;

/** What {@code destroy} may take along. */
public enum DestroyMode {
    /** Refuse when the dataset has children or snapshots, or the snapshot has clones. */
    REFUSE_IF_DEPENDENTS,
    /** Also destroy children and snapshots ({@code -r}). */
    RECURSIVE,
    /** Also destroy children, snapshots and clones of those snapshots, anywhere in the pool ({@code -R}). */
    RECURSIVE_WITH_CLONES
}
