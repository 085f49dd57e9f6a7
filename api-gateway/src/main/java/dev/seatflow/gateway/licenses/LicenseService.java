package dev.seatflow.gateway.licenses;

import dev.seatflow.gateway.commands.CommandGateway;
import dev.seatflow.gateway.commands.CommandIds;
import dev.seatflow.gateway.commands.Refusals;
import dev.seatflow.gateway.licenses.LicenseViews.License;
import dev.seatflow.gateway.mirror.MirrorReads;
import dev.seatflow.gateway.security.Caller;
import dev.seatflow.gateway.security.Roles;
import dev.seatflow.gateway.signing.LicenseSigning;
import dev.seatflow.signing.SignedLicense;
import dev.seatflow.gateway.web.ApiException;
import dev.seatflow.gateway.web.ErrorCode;
import dev.seatflow.gateway.web.Page;
import dev.seatflow.schemas.command.ActivateLicense;
import dev.seatflow.schemas.TenantLimits;
import dev.seatflow.schemas.command.CreateLicense;
import dev.seatflow.schemas.command.DeactivateLicense;
import dev.seatflow.schemas.command.DeleteLicense;
import dev.seatflow.schemas.command.UpdateLicense;
import dev.seatflow.schemas.common.Origin;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.schemas.decision.Outcome;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** License administration through the processor; license reads from the mirror. */
@Service
public class LicenseService {

    private final CommandGateway commands;
    private final MirrorReads mirror;
    private final LicenseSigning signing;
    private final Clock clock;

    public LicenseService(CommandGateway commands, MirrorReads mirror, LicenseSigning signing, Clock clock) {
        this.commands = commands;
        this.mirror = mirror;
        this.signing = signing;
        this.clock = clock;
    }

    public Mono<License> create(Caller caller, Origin origin, String idempotencyKey, LicenseViews.CreateLicenseRequest request) {
        CreateLicense create = new CreateLicense(UUID.randomUUID(), LicenseKeys.generate(), request.tier(),
                request.features() == null ? List.of() : request.features(), request.expiryDate(),
                request.maxSessionsPerUser() == null ? TenantLimits.NO_SESSION_LIMIT : request.maxSessionsPerUser());
        return decide(caller, origin, "create-license", idempotencyKey, create, Outcome.CREATED);
    }

    public Mono<License> update(Caller caller, Origin origin, String idempotencyKey, UUID id, LicenseViews.UpdateLicenseRequest request) {
        if (request.isEmpty()) {
            return Mono.error(new ApiException(ErrorCode.INVALID_REQUEST, "give at least one of tier, features, expiry_date, max_sessions_per_user"));
        }
        return decide(caller, origin, "update-license", idempotencyKey,
                new UpdateLicense(id, request.tier(), request.features(), request.expiryDate(), request.maxSessionsPerUser()), Outcome.UPDATED);
    }

    public Mono<License> activate(Caller caller, Origin origin, String idempotencyKey, UUID id) {
        return decide(caller, origin, "activate-license", idempotencyKey, new ActivateLicense(id), Outcome.ACTIVATED);
    }

    public Mono<License> deactivate(Caller caller, Origin origin, String idempotencyKey, UUID id) {
        return decide(caller, origin, "deactivate-license", idempotencyKey, new DeactivateLicense(id), Outcome.DEACTIVATED);
    }

    public Mono<License> delete(Caller caller, Origin origin, String idempotencyKey, UUID id) {
        return decide(caller, origin, "delete-license", idempotencyKey, new DeleteLicense(id), Outcome.DELETED);
    }

    /** Licenses by creation time, one page read from the mirror's index (not every license of the tenant). */
    public Mono<Page<License>> list(Caller caller, String cursor, Integer limit) {
        int size = Page.size(limit);
        String after = Page.after(cursor);
        return Roles.require(caller, Role.MEMBER)
                .then(mirror.indexPage(mirror.keys().licensesByCreation(caller.tenantId()), after, size))
                .flatMap(page -> mirror.hashes(page.ids().stream().map(id -> mirror.keys().license(caller.tenantId(), id)).toList())
                        .map(hashes -> {
                            List<License> licenses = new ArrayList<>();
                            hashes.stream().filter(hash -> !hash.isEmpty()).forEach(hash -> licenses.add(License.fromMirror(hash)));
                            return new Page<>(licenses, Page.cursorAfter(page.last(), page.more()));
                        }));
    }

    public Mono<License> get(Caller caller, UUID id) {
        return Roles.require(caller, Role.MEMBER)
                .then(mirror.hash(mirror.keys().license(caller.tenantId(), id.toString())))
                .flatMap(hash -> hash.isEmpty()
                        ? Mono.error(new ApiException(ErrorCode.LICENSE_NOT_FOUND, "no license " + id))
                        : Mono.just(License.fromMirror(hash)));
    }

    /** An offline license document: the license's terms, signed, for machines that cannot reach the API. */
    public Mono<SignedLicense> signOffline(Caller caller, UUID id) {
        return Roles.require(caller, Role.ADMIN).then(get(caller, id)).flatMap(license -> {
            if (!license.isActive()) {
                return Mono.error(new ApiException(ErrorCode.LICENSE_INACTIVE, "an inactive license cannot be signed"));
            }
            if (!license.expiryDate().isAfter(clock.instant())) {
                return Mono.error(new ApiException(ErrorCode.LICENSE_EXPIRED, "an expired license cannot be signed"));
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("type", "offline");
            payload.put("license_id", license.id().toString());
            payload.put("license_key", license.key());
            payload.put("tenant_id", caller.tenantId());
            payload.put("tier", license.tier().name());
            payload.put("features", license.features());
            payload.put("expiry_date", license.expiryDate().toString());
            payload.put("issued_at", clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
            payload.put("issued_by", caller.userId());
            return signing.sign(payload);
        });
    }

    private Mono<License> decide(Caller caller, Origin origin, String operation, String idempotencyKey, Object payload, Outcome success) {
        return Roles.require(caller, Role.ADMIN)
                .then(Mono.defer(() -> commands.submit(caller, origin, CommandIds.of(caller, operation, idempotencyKey), payload)))
                .flatMap(decision -> decision.getOutcome() == success
                        ? Mono.just(License.of(decision.getLicense()))
                        : Mono.error(Refusals.of(decision, ErrorCode.LICENSE_NOT_FOUND)));
    }

}
