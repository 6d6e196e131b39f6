package io.svcctl.manager.systemd;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

import org.freedesktop.dbus.DBusAsyncReply;
import org.freedesktop.dbus.RemoteInvocationHandler;
import org.freedesktop.dbus.RemoteObject;
import org.freedesktop.dbus.connections.AbstractConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.Error;
import org.freedesktop.dbus.messages.Message;

/**
 * Remote objects whose error replies keep their D-Bus error name.
 *
 * <p>dbus-java 5.2 turns an error reply into an exception of the Java class named like the error and
 * drops the name when there is no such class, so {@code org.freedesktop.systemd1.NoSuchUnit} would
 * arrive as a bare message. These proxies issue each call through dbus-java's own marshalling, look at
 * the reply message themselves, and throw {@link BusError} with the name and text of an error reply.
 */
final class NamedErrorProxy {

    /** An error reply from the peer, or a local failure to call it (then {@code name} is null). */
    static final class BusError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String name;

        BusError(String name, String message, Throwable cause) {
            super(message, cause);
            this.name = name;
        }

        /** The D-Bus error name, for example {@code org.freedesktop.systemd1.NoSuchUnit}. */
        String name() {
            return name;
        }
    }

    private NamedErrorProxy() {
    }

    static <T extends DBusInterface> T create(AbstractConnection connection, String busName, String objectPath,
            Class<T> type) {
        RemoteObject remote = new RemoteObject(busName, objectPath, type, true);
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class || method.getDeclaringClass() == DBusInterface.class) {
                return local(remote, proxy, method, args);
            }
            return call(connection, remote, method, args == null ? new Object[0] : args);
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object call(AbstractConnection connection, RemoteObject remote, Method method, Object[] args) {
        DBusAsyncReply<?> pending;
        try {
            pending = (DBusAsyncReply<?>) RemoteInvocationHandler.executeRemoteMethod(remote, method, connection,
                    RemoteInvocationHandler.CALL_TYPE_ASYNC, null, args);
        } catch (DBusException | DBusExecutionException e) {
            throw new BusError(null, e.getMessage(), e);
        }
        // waits up to dbus-java's reply timeout; null when none came
        Message reply = pending.getCall().getReply();
        if (reply == null) {
            throw new BusError("org.freedesktop.DBus.Error.NoReply", "no reply from " + remote.getBusName(), null);
        }
        if (reply instanceof Error error) {
            throw new BusError(error.getName(), text(error), null);
        }
        try {
            return RemoteInvocationHandler.convertRV(reply.getParameters(), method, connection);
        } catch (DBusException | DBusExecutionException e) {
            throw new BusError(null, "the reply to " + method.getName() + " could not be decoded: " + e.getMessage(), e);
        }
    }

    /** An error's first argument is its human-readable message, by convention. */
    private static String text(Error error) {
        try {
            Object[] parameters = error.getParameters();
            return parameters == null ? "" : Arrays.stream(parameters).map(Objects::toString)
                    .collect(Collectors.joining(" "));
        } catch (DBusException e) {
            return "";
        }
    }

    private static Object local(RemoteObject remote, Object proxy, Method method, Object[] args) {
        return switch (method.getName()) {
            case "getObjectPath" -> remote.getObjectPath();
            case "isRemote" -> true;
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> remote.toString();
            default -> throw new UnsupportedOperationException(method.getName());
        };
    }
}
