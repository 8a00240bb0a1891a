package io.ecledger.api.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A REST method whose decision needs its body (a console line, a send's text and target, a replay's dry-run flag): it
 * builds the command and passes it to an {@link Admission} itself, so {@code api.policy.PolicyFilter} lets it through.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface DecidedByCommand {}
