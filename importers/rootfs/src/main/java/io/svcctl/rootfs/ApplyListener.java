package io.svcctl.rootfs;

/** Receives {@link ApplyEvent}s on the applying thread; keep it cheap, it runs once per entry. */
@FunctionalInterface
public interface ApplyListener {
    ApplyListener NONE = event -> { };

    void on(ApplyEvent event);
}
