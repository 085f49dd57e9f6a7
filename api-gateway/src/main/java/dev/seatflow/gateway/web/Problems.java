package dev.seatflow.gateway.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The errors an endpoint's handler can answer; the OpenAPI document lists them with those the
 * filters add (401 off the public paths, 429 everywhere), each status with the problem+json schema.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Problems {

    ErrorCode[] value() default {};
}
