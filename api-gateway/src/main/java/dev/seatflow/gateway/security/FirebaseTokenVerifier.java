package dev.seatflow.gateway.security;

import com.google.firebase.auth.AuthErrorCode;
import com.google.firebase.auth.FirebaseAuth;
import com.google.firebase.auth.FirebaseAuthException;
import com.google.firebase.auth.FirebaseToken;
import dev.seatflow.gateway.web.ApiException;
import dev.seatflow.gateway.web.ErrorCode;
import dev.seatflow.schemas.common.Role;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Verifies Firebase ID tokens with firebase-admin's {@code verifyIdToken} (signature, issuer,
 * audience, expiry) and reads the custom claims {@code tenant_id} and {@code role}; a token
 * accepted once is not checked again until it expires (see {@link VerifiedTokens}).
 */
public final class FirebaseTokenVerifier implements TokenVerifier {

    private static final Logger log = LoggerFactory.getLogger(FirebaseTokenVerifier.class);

    static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final FirebaseAuth auth;
    private final VerifiedTokens verified;

    public FirebaseTokenVerifier(FirebaseAuth auth, Clock clock) {
        this.auth = auth;
        this.verified = new VerifiedTokens(clock);
    }

    @Override
    public Mono<Caller> verify(String token) {
        Optional<Caller> known = verified.caller(token);
        if (known.isPresent()) {
            return Mono.just(known.get());
        }
        // verifyIdToken may fetch (and then caches) the signing certificates: keep it off the event loop.
        return Mono.fromCallable(() -> auth.verifyIdToken(token))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(FirebaseAuthException.class, FirebaseTokenVerifier::unauthenticated)
                .onErrorMap(IllegalArgumentException.class, e -> new ApiException(ErrorCode.UNAUTHENTICATED, "malformed token"))
                .map(accepted -> {
                    Caller caller = caller(accepted);
                    if (accepted.getClaims().get("exp") instanceof Number expiry) {
                        verified.remember(token, caller, Instant.ofEpochSecond(expiry.longValue()));
                    }
                    return caller;
                });
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
