package dev.seatflow.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class real Kafka, Postgres and Redis: declare a {@link TestServices}
 * parameter on a test, {@code @BeforeAll} or {@code @BeforeEach} method. See {@link InfraMode} for
 * how each service is chosen.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RealServicesExtension.class)
public @interface RealServices {
}
