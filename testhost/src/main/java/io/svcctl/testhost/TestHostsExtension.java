package io.svcctl.testhost;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Boots the hosts a test class asks for with {@link Hosts} (one when it only says
 * {@code @ExtendWith(TestHostsExtension.class)}) before all of its tests and tears them down after them, also
 * when tests or the boot fail. Leftovers of earlier, killed runs are removed first.
 */
public final class TestHostsExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestHostsExtension.class);
    private static final String KEY = "hosts";

    @Override
    public void beforeAll(ExtensionContext context) {
        Optional<Hosts> spec = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), Hosts.class);
        int count = spec.map(Hosts::value).orElse(1);
        boolean svcctl = spec.map(Hosts::svcctl).orElse(true);
        TestHosts hosts = TestHosts.boot(count, svcctl ? SvcctlDist.fromEnvironment() : Optional.empty());
        context.getStore(NAMESPACE).put(KEY, hosts);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TestHosts hosts = context.getStore(NAMESPACE).remove(KEY, TestHosts.class);
        if (hosts != null) {
            hosts.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestHost.class || type == TestHosts.class
                || (type == List.class && isListOfHosts(parameter.getParameter().getParameterizedType()));
    }

    private static boolean isListOfHosts(Type type) {
        return type instanceof ParameterizedType list && list.getActualTypeArguments()[0] == TestHost.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestHosts hosts = context.getStore(NAMESPACE).get(KEY, TestHosts.class);
        if (hosts == null) {
            throw new ParameterResolutionException("no test hosts for " + parameter.getDeclaringExecutable()
                    + ": they boot before all tests of a class annotated with @Hosts, and are gone after them");
        }
        Class<?> type = parameter.getParameter().getType();
        if (type == TestHosts.class) {
            return hosts;
        }
        return type == TestHost.class ? hosts.get(0) : hosts.hosts();
    }
}
