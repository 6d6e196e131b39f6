package io.svcctl.testhost;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Boots {@link #value()} test hosts once for the annotated test class and tears them down after it, whatever
 * happens. Tests, {@code @BeforeAll} and {@code @AfterAll} methods take them as parameters: {@code TestHost}
 * (the first host), {@code List<TestHost>} (all, lowest address first) or {@link TestHosts} (the group).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(TestHostsExtension.class)
public @interface Hosts {
    int value() default 1;

    /**
     * Mount the built svcctl (system property {@code svcctl.dist} or {@code SVCCTL_DIST}) at /opt/svcctl, when
     * one is named; without it {@link TestHost#svcctl} fails saying so.
     */
    boolean svcctl() default true;
}
