package io.svcctl.manager.it;

import io.svcctl.exec.LocalCommandRunner;
import io.svcctl.testhost.TestHost;
import io.svcctl.testhost.registry.LocalRegistry;
import io.svcctl.testhost.registry.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A registry on the test-host bridge with the test images pushed, for hosts to import from. */
public final class RegistryFixture implements AutoCloseable {
    final LocalRegistry registry;
    final TestImages images;

    private RegistryFixture(LocalRegistry registry, TestImages images) {
        this.registry = registry;
        this.images = images;
    }

    /** Start after the hosts: the bridge address exists once a host is up. */
    public static RegistryFixture start() throws IOException {
        Path work = Files.createTempDirectory("svcctl-it-registry");
        LocalCommandRunner runner = new LocalCommandRunner();
        LocalRegistry registry = LocalRegistry.builder(runner, work.resolve("registry"))
                .listenAddress(TestHost.BRIDGE_ADDRESS).start();
        TestImages images = new TestImages(runner, work.resolve("images"));
        images.push(registry);
        return new RegistryFixture(registry, images);
    }

    /** {@code 10.231.0.1:PORT/NAME:latest}, as a host imports it (plain HTTP: --tls-verify=false). */
    public String ref(String name) {
        return registry.address() + "/" + name + ":latest";
    }

    @Override
    public void close() {
        registry.close();
    }
}
