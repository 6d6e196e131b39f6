package io.svcctl.testhost;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Boots {@link #value()} test hosts once for the test class and tears them down after it, whatever happens.
 * Tests receive them as a {@code TestHost} parameter (the first) or {@code List<TestHost>} (all).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(TestHostsExtension.class)
public @interface Hosts {
    int value() default 1;

    /** Mount the built svcctl (system property {@code svcctl.dist}) at /opt/svcctl. */
    boolean svcctl() default true;
}
