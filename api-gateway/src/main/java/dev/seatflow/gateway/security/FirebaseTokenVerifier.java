package dev.seatflow.gateway.security;

import com.google.firebase.auth.AuthErrorCode;
import com.google.firebase.auth.FirebaseAuth;
import com.google.firebase.auth.FirebaseAuthException;
import com.google.firebase.auth.FirebaseToken;
import dev.seatflow.gateway.web.ApiException;
import dev.seatflow.gateway.web.ErrorCode;
import dev.seatflow.schemas.common.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Verifies Firebase ID tokens with firebase-admin's {@code verifyIdToken} (signature, issuer,
 * audience, expiry) and reads the custom claims {@code tenant_id} and {@code role}; a token
 * accepted once is not checked again until it expires (see {@link VerifiedTokens}).
 *
 * <p>A token stays valid after its user is signed out everywhere or demoted (the claims in it do
 * not change), so a token that claims owner or admin is also checked for revocation
 * ({@code verifyIdToken(token, true)}: Firebase is asked for the user's tokens-valid-after time and
 * whether it is disabled), at most once per {@code revocationCheckInterval}. Members' and guests'
 * tokens are not: seat traffic (acquire, heartbeat, release) is nearly all of the requests, a
 * call to Firebase for each would cost more than the verification itself, and what a member's
 * token can do is use seats.
 */
public final class FirebaseTokenVerifier implements TokenVerifier {

    private static final Logger log = LoggerFactory.getLogger(FirebaseTokenVerifier.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final FirebaseAuth auth;
    private final VerifiedTokens verified;
    private final Duration revocationCheckInterval;

    public FirebaseTokenVerifier(FirebaseAuth auth, Clock clock, Duration revocationCheckInterval) {
        this.auth = auth;
        this.verified = new VerifiedTokens(clock);
        this.revocationCheckInterval = revocationCheckInterval;
    }

    @Override
    public Mono<Caller> verify(String token) {
        Mono<VerifiedTokens.Verified> entry = verified.entry(token).map(Mono::just).orElseGet(() -> firstVerification(token));
        return entry.flatMap(known -> notRevoked(token, known)).map(VerifiedTokens.Verified::caller);
    }

    /** Owners' and admins' tokens are checked for revocation; see the class comment for why no one else's. */
    static boolean needsRevocationCheck(Caller caller) {
        return caller.isAtLeast(Role.ADMIN);
    }

    private Mono<VerifiedTokens.Verified> firstVerification(String token) {
        // verifyIdToken may fetch (and then caches) the signing certificates: keep it off the event loop.
        return Mono.fromCallable(() -> auth.verifyIdToken(token))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(FirebaseAuthException.class, FirebaseTokenVerifier::unauthenticated)
                .onErrorMap(IllegalArgumentException.class, e -> new ApiException(ErrorCode.UNAUTHENTICATED, "malformed token"))
                .map(accepted -> {
                    Caller caller = caller(accepted);
                    // Without an exp (never so from Firebase) the entry is used for this request only.
                    Instant expiry = accepted.getClaims().get("exp") instanceof Number exp ? Instant.ofEpochSecond(exp.longValue()) : Instant.EPOCH;
                    return verified.remember(token, caller, expiry);
                });
    }

    private Mono<VerifiedTokens.Verified> notRevoked(String token, VerifiedTokens.Verified entry) {
        if (entry.revoked()) {
            return Mono.error(revoked());
        }
        if (!needsRevocationCheck(entry.caller()) || !entry.revocationCheckDue(verified.now(), revocationCheckInterval)) {
            return Mono.just(entry);
        }
        // A call to Firebase (the user's record): off the event loop.
        return Mono.fromCallable(() -> auth.verifyIdToken(token, true))
                .subscribeOn(Schedulers.boundedElastic())
                .map(accepted -> verified.revocationChecked(token, entry, false))
                .onErrorMap(FirebaseAuthException.class, e -> revocationRefusal(token, entry, e));
    }

    private ApiException revocationRefusal(String token, VerifiedTokens.Verified entry, FirebaseAuthException e) {
        AuthErrorCode code = e.getAuthErrorCode();
        if (code == AuthErrorCode.REVOKED_ID_TOKEN || code == AuthErrorCode.USER_DISABLED || code == AuthErrorCode.USER_NOT_FOUND) {
            // Remembered, so the token is refused everywhere from now on, not only where the check runs.
            verified.revocationChecked(token, entry, true);
            log.info("refused a revoked token of user {} of tenant {} ({})", entry.caller().userId(), entry.caller().tenantId(), code);
            return revoked();
        }
        if (code == null) {
            // Firebase did not answer (network, 5xx): fail closed, but say it is worth retrying.
            log.warn("could not ask Firebase whether a token of tenant {} is revoked: {}", entry.caller().tenantId(), e.getMessage());
            return new ApiException(ErrorCode.IDENTITY_UNAVAILABLE, "could not check the token with the identity provider; retry shortly")
                    .retryAfter(RETRY_AFTER);
        }
        return unauthenticated(e);
    }

    private static ApiException revoked() {
        // Firebase's own message is not passed on (see unauthenticated).
        return new ApiException(ErrorCode.TOKEN_REVOKED, "the token has been revoked; sign in again");
    }

    private static Caller caller(FirebaseToken token) {
        Object tenant = token.getClaims().get("tenant_id");
        Object role = token.getClaims().get("role");
        if (!(tenant instanceof String tenantId) || !TENANT_ID.matcher(tenantId).matches()) {
            throw new ApiException(ErrorCode.UNAUTHENTICATED, "the token has no valid tenant_id claim");
        }
        if (!(role instanceof String roleName)) {
            throw new ApiException(ErrorCode.UNAUTHENTICATED, "the token has no role claim");
        }
        return new Caller(tenantId, token.getUid(), role(roleName));
    }

    static Role role(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "owner" -> Role.OWNER;
            case "admin" -> Role.ADMIN;
            case "member" -> Role.MEMBER;
            case "guest" -> Role.GUEST;
            default -> throw new ApiException(ErrorCode.UNAUTHENTICATED, "unknown role '" + name + "' in the token");
        };
    }

    private static ApiException unauthenticated(FirebaseAuthException e) {
        if (e.getAuthErrorCode() == AuthErrorCode.EXPIRED_ID_TOKEN) {
            return new ApiException(ErrorCode.TOKEN_EXPIRED, "the token has expired; get a new one");
        }
        // Firebase's message names the expected project and issuer: for our log, not for the caller.
        log.debug("token refused: {} {}", e.getAuthErrorCode(), e.getMessage());
        return new ApiException(ErrorCode.UNAUTHENTICATED, "the token is not valid");
    }
}
