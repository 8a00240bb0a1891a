package io.ecledger.api.config;

/** The JSON body of {@code PUT /v1/config/options/{option}}: the option's new value. */
public record ConfigValue(String value) {}
