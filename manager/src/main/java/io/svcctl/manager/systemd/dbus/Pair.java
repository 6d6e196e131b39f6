package io.svcctl.manager.systemd.dbus;

import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.Position;

/**
 * Two out arguments of one method. Generic on purpose: dbus-java learns the types to decode nested
 * values (such as a list of structs) from the type arguments of the method's return type.
 */
public final class Pair<A, B> extends Tuple {
    @Position(0)
    private final A first;
    @Position(1)
    private final B second;

    public Pair(A first, B second) {
        this.first = first;
        this.second = second;
    }

    public A getFirst() {
        return first;
    }

    public B getSecond() {
        return second;
    }
}
