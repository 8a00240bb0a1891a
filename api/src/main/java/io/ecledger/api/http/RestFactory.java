package io.ecledger.api.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.validation.MaxDataSize;
import io.dropwizard.validation.MinDataSize;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * What the REST and admin ports accept besides the loopback names and the bind addresses: more Host names (a name
 * the manager is reached by when bound beyond loopback), more Origins (a web page of the operator's own), and the
 * request body limit.
 */
public class RestFactory {

    @NotNull
    private List<@NotNull @Pattern(regexp = "[A-Za-z0-9.-]+|\\[?[0-9A-Fa-f:.]+]?",
            message = "must be a host name or an address, without scheme or port") String> allowedHosts = List.of();

    @NotNull
    private List<@NotNull @Pattern(regexp = "https?://[^/]+", message = "must be scheme://host[:port], no path")
            String> allowedOrigins = List.of();

    @NotNull
    @MinDataSize(1)
    @MaxDataSize(value = 16, unit = io.dropwizard.util.DataSizeUnit.MEBIBYTES)
    private DataSize maxBodySize = DataSize.kibibytes(64);

    @JsonProperty
    public List<String> getAllowedHosts() {
        return allowedHosts;
    }

    @JsonProperty
    public void setAllowedHosts(List<String> allowedHosts) {
        this.allowedHosts = List.copyOf(allowedHosts);
    }

    @JsonProperty
    public List<String> getAllowedOrigins() {
        return allowedOrigins;
    }

    @JsonProperty
    public void setAllowedOrigins(List<String> allowedOrigins) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
    }

    @JsonProperty
    public DataSize getMaxBodySize() {
        return maxBodySize;
    }

    @JsonProperty
    public void setMaxBodySize(DataSize maxBodySize) {
        this.maxBodySize = maxBodySize;
    }
}
