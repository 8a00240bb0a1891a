package io.ecledger.api.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The command-policy class a REST method is decided by before it runs, e.g. {@code history}: see
 * {@code api.policy.PolicyFilter}.
 * A method that carries neither this nor {@link DecidedByCommand} is refused to everyone.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Requires {

    /** One of {@code ledger.policy.CommandClasses.ALL}. */
    String value();
}
