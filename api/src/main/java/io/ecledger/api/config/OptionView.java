package io.ecledger.api.config;

/** One option at one scope: the value set exactly there and the effective one with its source. */
public record OptionView(String scope, String option, String value, String effective, String effectiveFrom) {}
