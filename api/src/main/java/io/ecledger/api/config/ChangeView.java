package io.ecledger.api.config;

/** What a PUT or DELETE appended. */
public record ChangeView(long offset, String action, String scope, String option, String value) {}
