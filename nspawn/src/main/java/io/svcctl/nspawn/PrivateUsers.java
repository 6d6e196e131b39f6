package io.svcctl.nspawn;

import java.util.Objects;

/** The {@code PrivateUsers=} setting: no user namespace, nspawn's automatic pick, or a fixed range. */
public sealed interface PrivateUsers {

    /** What nspawn reads. */
    String word();

    /** No user namespace: container root is host root. */
    record Off() implements PrivateUsers {
        @Override
        public String word() {
            return "no";
        }
    }

    /** nspawn picks a free range itself (and implies ownership "auto"). */
    record Pick() implements PrivateUsers {
        @Override
        public String word() {
            return "pick";
        }
    }

    record Range(UidRange range) implements PrivateUsers {
        public Range {
            Objects.requireNonNull(range, "range");
        }

        @Override
        public String word() {
            return range.toString();
        }
    }

    static PrivateUsers off() {
        return new Off();
    }

    static PrivateUsers pick() {
        return new Pick();
    }

    static PrivateUsers range(UidRange range) {
        return new Range(range);
    }
}
