package dev.seatflow.gateway.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The errors an endpoint can answer besides those every authenticated endpoint can (401, 429,
 * 503); the OpenAPI document lists them all with the problem+json schema.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Problems {

    ErrorCode[] value() default {};

    /** False for public endpoints: no 401 and no token needed. */
    boolean authenticated() default true;
}
