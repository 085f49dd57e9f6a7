package dev.seatflow.expiry.management;

import dev.seatflow.expiry.warning.NotificationStore;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Import;

/**
 * Puts {@link DeadLetterController} into the management server's context (listed in
 * {@code META-INF/spring/...ManagementContextConfiguration.imports}), so the dead letters answer on
 * the management port with the metrics and the detailed health, and not on the HTTP port. This
 * package is left out of the application's component scan for that reason. Only where the warner
 * runs: the launcher puts every service on one class path, and the others have no dead letters.
 */
@ManagementContextConfiguration(proxyBeanMethods = false)
@ConditionalOnBean(NotificationStore.class)
@Import(DeadLetterController.class)
public class DeadLetterManagement {
}
