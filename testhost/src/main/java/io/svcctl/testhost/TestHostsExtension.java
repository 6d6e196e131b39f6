package io.svcctl.testhost;

import java.lang.reflect.ParameterizedType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Boots the hosts a {@link Hosts} class asks for, before all its tests, and tears them down after (JUnit closes
 * the stored resource even when tests fail; a shutdown hook covers Ctrl-C). Leftovers of an earlier, killed
 * run are torn down first.
 */
public final class TestHostsExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TestHostsExtension.class);

    /** The booted hosts of one test class; closing tears them down. */
    static final class Booted implements ExtensionContext.Store.CloseableResource {
        final List<TestHost> hosts = new ArrayList<>();
        private final Thread hook = new Thread(this::teardown, "svcctl-testhost-teardown");

        Booted() {
            Runtime.getRuntime().addShutdownHook(hook);
        }

        @Override
        public void close() {
            teardown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or ran: nothing more to do
            }
        }

        private synchronized void teardown() {
            if (System.getenv("SVCCTL_TESTHOST_KEEP") != null) {
                return; // debugging: keep hosts up; 'testhost.sh down-all' removes them
            }
            TestHost.downAll();
            hosts.clear();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Hosts spec = context.getRequiredTestClass().getAnnotation(Hosts.class);
        int count = spec == null ? 1 : spec.value();
        Path dist = null;
        if (spec == null || spec.svcctl()) {
            String prop = System.getProperty("svcctl.dist", System.getenv("SVCCTL_DIST"));
            if (prop != null) {
                dist = Path.of(prop);
                if (!Files.isRegularFile(dist.resolve("lib/svcctl-all.jar"))) {
                    throw new IllegalStateException("svcctl.dist=" + dist + " has no lib/svcctl-all.jar: build it "
                            + "with 'mvn package' (integration tests run after the package phase)");
                }
            }
        }
        TestHost.downAll();
        Booted booted = new Booted();
        context.getStore(NS).put("hosts", booted);
        for (int i = 0; i < count; i++) {
            booted.hosts.add(TestHost.boot("svh" + (i + 1), i, dist));
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        Class<?> type = p.getParameter().getType();
        return type == TestHost.class || (type == List.class
                && p.getParameter().getParameterizedType() instanceof ParameterizedType pt
                && pt.getActualTypeArguments()[0] == TestHost.class);
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        Booted booted = e.getStore(NS).get("hosts", Booted.class);
        if (booted == null) {
            booted = e.getParent().orElseThrow().getStore(NS).get("hosts", Booted.class);
        }
        if (p.getParameter().getType() == TestHost.class) {
            return booted.hosts.get(0);
        }
        return List.copyOf(booted.hosts);
    }
}
