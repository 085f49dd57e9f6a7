package dev.seatflow.expiry.management;

import dev.seatflow.expiry.warning.DeadLetter;
import dev.seatflow.expiry.warning.NotificationStore;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * {@code GET /expiry/dead-letters[?tenant_id=..][&limit=..]}: the warnings the warner gave up on,
 * newest first. An operator endpoint (no secrets, but every tenant's failures): it is served on the
 * management port only, by {@link DeadLetterManagement}, never on the warner's HTTP port.
 */
@RestController
public class DeadLetterController {

    private final NotificationStore store;

    public DeadLetterController(NotificationStore store) {
        this.store = store;
    }

    @GetMapping("/expiry/dead-letters")
    public Mono<List<DeadLetter>> deadLetters(@RequestParam(name = "tenant_id", required = false) String tenantId,
                                              @RequestParam(name = "limit", defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be 1 to 1000"));
        }
        return store.deadLetters(tenantId, limit).collectList();
    }
}
