package io.ecledger.api.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A REST method anyone may call without credentials and no policy decides: only the sign-in itself and what the
 * sign-in form must know before it. Authentication and the command policy both pass it by.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface WithoutSignIn {}
