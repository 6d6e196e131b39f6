package io.svcctl.nspawn;

import io.svcctl.units.Generated;
import io.svcctl.units.MachineName;
import io.svcctl.units.PublishedPort;
import io.svcctl.units.ServiceName;
import io.svcctl.units.Syntax;
import io.svcctl.units.UnitFile;
import io.svcctl.units.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A service container's {@code <machine>.nspawn} file (systemd.nspawn(5)), rendered through the units
 * serializer in its .nspawn syntax. The defaults run a single process, not an OS:
 * <ul>
 *   <li>{@code Boot=no}, {@code ProcessTwo=yes}: nspawn's stub init is PID 1 and reaps zombies, the command is
 *       PID 2 and need not know PID 1's special duties.</li>
 *   <li>{@code KillSignal=SIGRTMIN+3}: when systemd stops the unit, nspawn sends this to the stub, which sends
 *       SIGTERM and SIGHUP to the command and powers the container off when it exits (nspawn then exits 0).
 *       Without it nspawn SIGKILLs the container at once; the stub ignores SIGTERM itself.</li>
 *   <li>{@code NotifyReady=no}: nspawn tells systemd READY=1 once the command is started; the command need not
 *       speak sd_notify.</li>
 * </ul>
 *
 * @param parameters   the command and its arguments, exactly
 * @param environment  variables for the command, in order
 * @param user         user name or uid in the container's user database; null for root. nspawn 252 looks names
 *                     up with getent inside the container, so images without getent can only run as root
 * @param readOnly     [Files] ReadOnly=, null to leave nspawn's default
 * @param ownership    [Files] PrivateUsersOwnership=, null to leave nspawn's default
 * @param privateNetwork   [Network] Private=, null to leave nspawn's default (the host's network)
 * @param virtualEthernet  [Network] VirtualEthernet=, null to leave nspawn's default
 * @param ports        [Network] Port=; nspawn needs a private network for them
 */
public record NspawnSettings(
        List<String> parameters,
        Map<String, String> environment,
        String workingDirectory,
        String user,
        boolean processTwo,
        String killSignal,
        boolean notifyReady,
        PrivateUsers privateUsers,
        List<Bind> binds,
        Boolean readOnly,
        PrivateUsersOwnership ownership,
        Boolean privateNetwork,
        Boolean virtualEthernet,
        List<PublishedPort> ports) {

    public static final String DEFAULT_KILL_SIGNAL = "SIGRTMIN+3";
    /** Signals on which nspawn's stub init shuts the container down; it ignores every other one. */
    private static final Set<String> STUB_SHUTDOWN_SIGNALS =
            Set.of("SIGRTMIN+3", "SIGRTMIN+4", "SIGRTMIN+13", "SIGRTMIN+14");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*\\$?");
    private static final Pattern SIGNAL = Pattern.compile("SIG[A-Z0-9]+|SIGRTMIN\\+[0-9]+|SIGRTMAX-[0-9]+");

    public NspawnSettings {
        parameters = List.copyOf(parameters);
        if (parameters.isEmpty() || parameters.get(0).isEmpty()) {
            throw new IllegalArgumentException("the container needs a command to run");
        }
        environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        for (String name : environment.keySet()) {
            if (!ENV_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + name + "' is not a valid environment variable name");
            }
        }
        if (workingDirectory != null && (!workingDirectory.startsWith("/")
                || !Path.of(workingDirectory).normalize().toString().equals(workingDirectory))) {
            throw new IllegalArgumentException("working directory '" + workingDirectory
                    + "' must be an absolute, normalized path in the container");
        }
        if (user != null && !USER.matcher(user).matches()) {
            throw new IllegalArgumentException("user '" + user + "' is not a user name or uid nspawn can use"
                    + (user.contains(":") ? " (nspawn's User= takes one user; 'user:group' is not supported)" : ""));
        }
        Objects.requireNonNull(killSignal, "killSignal");
        if (!SIGNAL.matcher(killSignal).matches()) {
            throw new IllegalArgumentException("'" + killSignal + "' is not a signal name such as SIGTERM");
        }
        if (processTwo && !STUB_SHUTDOWN_SIGNALS.contains(killSignal)) {
            throw new IllegalArgumentException("with ProcessTwo=yes the kill signal must be one of "
                    + STUB_SHUTDOWN_SIGNALS + ": nspawn's stub init ignores " + killSignal
                    + " and the container would only stop when systemd kills it");
        }
        Objects.requireNonNull(privateUsers, "privateUsers");
        binds = List.copyOf(binds);
        ports = List.copyOf(ports);
        if (!ports.isEmpty() && !Boolean.TRUE.equals(privateNetwork) && !Boolean.TRUE.equals(virtualEthernet)) {
            throw new IllegalArgumentException("Port= needs a private network (nspawn refuses it otherwise)");
        }
    }

    /** Settings for {@code command} with the single-process defaults and no user namespace. */
    public static Builder builder(List<String> command) {
        return new Builder(command);
    }

    /** {@code <machine>.nspawn}; nspawn looks for it in /etc/systemd/nspawn/ and /run/systemd/nspawn/. */
    public static String fileName(MachineName machine) {
        return machine.value() + ".nspawn";
    }

    public UnitFile toUnitFile(ServiceName service) {
        UnitFile.Builder b = UnitFile.builder(fileName(service.machineName()), Syntax.NSPAWN)
                .header(Generated.notice(service))
                .section("Exec")
                .add("Boot", Value.bool(false))
                .add("ProcessTwo", Value.bool(processTwo))
                .add("Parameters", Value.words(parameters));
        environment.forEach((k, v) -> b.add("Environment", Value.words(k + "=" + v)));
        if (workingDirectory != null) {
            b.add("WorkingDirectory", Value.text(workingDirectory));
        }
        if (user != null) {
            b.add("User", Value.text(user));
        }
        b.add("PrivateUsers", Value.verbatim(privateUsers.word()))
                .add("NotifyReady", Value.bool(notifyReady))
                .add("KillSignal", Value.verbatim(killSignal));

        if (readOnly != null || ownership != null || !binds.isEmpty()) {
            b.section("Files");
        }
        if (readOnly != null) {
            b.add("ReadOnly", Value.bool(readOnly));
        }
        if (ownership != null) {
            b.add("PrivateUsersOwnership", Value.verbatim(ownership.word()));
        }
        for (Bind bind : binds) {
            List<String> fields = new ArrayList<>(List.of(bind.source().toString(), bind.destination()));
            if (!bind.options().isEmpty()) {
                fields.add(String.join(",", bind.options()));
            }
            b.add(bind.readOnly() ? "BindReadOnly" : "Bind", Value.fields(fields));
        }

        if (privateNetwork != null || virtualEthernet != null || !ports.isEmpty()) {
            b.section("Network");
            if (privateNetwork != null) {
                b.add("Private", Value.bool(privateNetwork));
            }
            if (virtualEthernet != null) {
                b.add("VirtualEthernet", Value.bool(virtualEthernet));
            }
            for (PublishedPort p : ports) {
                b.add("Port", Value.verbatim(p.protocol().word() + ":" + p.hostPort() + ":" + p.containerPort()));
            }
        }
        return b.build();
    }

    public static final class Builder {
        private final List<String> parameters;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private String workingDirectory;
        private String user;
        private boolean processTwo = true;
        private String killSignal = DEFAULT_KILL_SIGNAL;
        private boolean notifyReady;
        private PrivateUsers privateUsers = PrivateUsers.off();
        private final List<Bind> binds = new ArrayList<>();
        private Boolean readOnly;
        private PrivateUsersOwnership ownership;
        private Boolean privateNetwork;
        private Boolean virtualEthernet;
        private final List<PublishedPort> ports = new ArrayList<>();

        private Builder(List<String> command) {
            this.parameters = List.copyOf(command);
        }

        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        public Builder env(Map<String, String> variables) {
            environment.putAll(variables);
            return this;
        }

        public Builder workingDirectory(String dir) {
            this.workingDirectory = dir;
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /** Runs the command as PID 1 itself, stopped by {@code killSignal} (it must handle that signal). */
        public Builder commandAsPid1(String killSignal) {
            this.processTwo = false;
            this.killSignal = killSignal;
            return this;
        }

        public Builder notifyReady(boolean commandNotifies) {
            this.notifyReady = commandNotifies;
            return this;
        }

        /** The user namespace and ownership handling a {@link UserNamespacePlan} chose. */
        public Builder userNamespace(UserNamespacePlan plan) {
            this.privateUsers = plan.privateUsers();
            this.ownership = plan.ownership();
            return this;
        }

        public Builder bind(Bind bind) {
            binds.add(bind);
            return this;
        }

        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        public Builder privateNetwork(boolean privateNetwork) {
            this.privateNetwork = privateNetwork;
            return this;
        }

        public Builder virtualEthernet(boolean virtualEthernet) {
            this.virtualEthernet = virtualEthernet;
            return this;
        }

        public Builder port(PublishedPort port) {
            ports.add(port);
            return this;
        }

        public NspawnSettings build() {
            return new NspawnSettings(parameters, environment, workingDirectory, user, processTwo, killSignal,
                    notifyReady, privateUsers, binds, readOnly, ownership, privateNetwork, virtualEthernet, ports);
        }
    }
}
