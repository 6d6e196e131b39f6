/**
 * The D-Bus declarations of the parts of {@code org.freedesktop.systemd1} and
 * {@code org.freedesktop.machine1} that svcctl calls, shaped for dbus-java's proxies (which is why the
 * types are public). Only {@link io.svcctl.manager.systemd.SystemdClient} uses them; everything else
 * goes through that client. Signatures follow org.freedesktop.systemd1(5) and org.freedesktop.machine1(5).
 */
package io.svcctl.manager.systemd.dbus;
