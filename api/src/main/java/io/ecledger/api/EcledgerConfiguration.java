package io.ecledger.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.ecledger.api.auth.AuthFactory;
import io.ecledger.api.config.ConfigFilesFactory;
import io.ecledger.api.control.ControlListenerFactory;
import io.ecledger.api.http.RestFactory;
import io.ecledger.api.kafka.KafkaFactory;
import io.ecledger.api.nodekeys.NodesFactory;
import io.ecledger.api.policy.PolicyFactory;
import io.ecledger.api.webui.DatasourceLocation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The manager's configuration; an empty file runs the embedded setup under {@code ./data}. */
public class EcledgerConfiguration extends Configuration {

    @NotBlank
    private String clusterName = "ecledger";

    @NotBlank
    private String dataDirectory = "./data";

    @Valid
    @NotNull
    private KafkaFactory kafka = new KafkaFactory();

    @Valid
    @NotNull
    private ControlListenerFactory controlListener = new ControlListenerFactory();

    /** Host names, Origins and the body limit the REST and admin ports accept (see api.http.RestFilters). */
    @Valid
    @NotNull
    private RestFactory rest = new RestFactory();

    /** Who may use the REST and admin ports: the users file (see api.auth). */
    @Valid
    @NotNull
    private AuthFactory auth = new AuthFactory();

    /**
     * Left out, the H2 file the base eccluster.conf's {@code Datasource "ecdb"} names, else
     * {@code <dataDirectory>/ecledger}; given, it must name the same file as that Datasource, if any.
     */
    @Valid
    private DataSourceFactory database;
    // Datasource "ecdb" is read once, at the first getDatabase(): run() asks for the database before opening it
    private boolean databaseLocated;

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration commandTimeout = Duration.seconds(30);

    // a node with no word by then never got the command, as far as anyone knows: it answers EXPIRED if it gets it later
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration deliveryTimeout = Duration.seconds(10);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration aliveWindow = Duration.seconds(15);

    @Min(0)
    private long maxProjectionLag = 1_000;

    /** The chain monitor records a checkpoint after this many newly verified ledger events. */
    @Min(1)
    private int checkpointEvery = 1_000;

    /** The base eccluster.conf; ledger changes are folded over it. Relative paths are from the working directory. */
    @NotBlank
    private String ecclusterConf = "ops/conf/eccluster.conf";

    @Valid
    @NotNull
    private NodesFactory nodes = new NodesFactory();

    @Valid
    @NotNull
    private ConfigFilesFactory config = new ConfigFilesFactory();

    @Valid
    @NotNull
    private PolicyFactory policy = new PolicyFactory();

    /** The as-of snapshots (see api.asof.SnapshotFolds). */
    @Valid
    @NotNull
    private io.ecledger.api.asof.AsOfFactory asOf = new io.ecledger.api.asof.AsOfFactory();
    /** Off in tests, where exiting would end the test JVM. */
    private boolean exitOnShutdown = true;

    @JsonProperty
    public String getClusterName() {
        return clusterName;
    }

    @JsonProperty
    public void setClusterName(String clusterName) {
        this.clusterName = clusterName;
    }

    @JsonProperty
    public String getDataDirectory() {
        return dataDirectory;
    }

    @JsonProperty
    public void setDataDirectory(String dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    public Path dataPath() {
        return Path.of(dataDirectory).toAbsolutePath().normalize();
    }

    @JsonProperty
    public KafkaFactory getKafka() {
        return kafka;
    }

    @JsonProperty
    public void setKafka(KafkaFactory kafka) {
        this.kafka = kafka;
    }

    @JsonProperty
    public DataSourceFactory getDatabase() {
        if (!databaseLocated) {
            // the base file alone: the ledger's changes are folded in that very database, which is not open yet
            Optional<DatasourceLocation> fromFile = DatasourceLocation.read(ecclusterConfPath(), dataPath());
            if (database == null) {
                database = new DataSourceFactory();
                database.setDriverClass(DatasourceLocation.H2_DRIVER);
                database.setUrl(fromFile.map(DatasourceLocation::url)
                        .orElseGet(() -> DatasourceLocation.defaultUrl(dataPath())));
                database.setUser("sa");
                database.setPassword("");
            } else {
                fromFile.ifPresent(location -> location.requireSameDatabase(database.getUrl()));
            }
            databaseLocated = true;
        }
        return database;
    }

    @JsonProperty
    public void setDatabase(DataSourceFactory database) {
        this.database = database;
    }

    @JsonProperty
    public ControlListenerFactory getControlListener() {
        return controlListener;
    }

    @JsonProperty
    public void setControlListener(ControlListenerFactory controlListener) {
        this.controlListener = controlListener;
    }

    @JsonProperty
    public Duration getCommandTimeout() {
        return commandTimeout;
    }

    @JsonProperty
    public void setCommandTimeout(Duration commandTimeout) {
        this.commandTimeout = commandTimeout;
    }

    /** How long after a command (or a batch of it) goes out a node must have started it; at most the command timeout. */
    @JsonProperty
    public Duration getDeliveryTimeout() {
        return deliveryTimeout;
    }

    @JsonProperty
    public void setDeliveryTimeout(Duration deliveryTimeout) {
        this.deliveryTimeout = deliveryTimeout;
    }

    @JsonProperty
    public Duration getAliveWindow() {
        return aliveWindow;
    }

    @JsonProperty
    public void setAliveWindow(Duration aliveWindow) {
        this.aliveWindow = aliveWindow;
    }

    @JsonProperty
    public long getMaxProjectionLag() {
        return maxProjectionLag;
    }

    @JsonProperty
    public void setMaxProjectionLag(long maxProjectionLag) {
        this.maxProjectionLag = maxProjectionLag;
    }

    @JsonProperty
    public int getCheckpointEvery() {
        return checkpointEvery;
    }

    @JsonProperty
    public void setCheckpointEvery(int checkpointEvery) {
        this.checkpointEvery = checkpointEvery;
    }

    @JsonProperty
    public String getEcclusterConf() {
        return ecclusterConf;
    }

    @JsonProperty
    public void setEcclusterConf(String ecclusterConf) {
        this.ecclusterConf = ecclusterConf;
    }

    public Path ecclusterConfPath() {
        return Path.of(ecclusterConf).toAbsolutePath().normalize();
    }

    @JsonProperty
    public boolean isExitOnShutdown() {
        return exitOnShutdown;
    }

    @JsonProperty
    public void setExitOnShutdown(boolean exitOnShutdown) {
        this.exitOnShutdown = exitOnShutdown;
    }

    @JsonProperty
    public NodesFactory getNodes() {
        return nodes;
    }

    @JsonProperty
    public void setNodes(NodesFactory nodes) {
        this.nodes = nodes;
    }

    @JsonProperty
    public PolicyFactory getPolicy() {
        return policy;
    }

    @JsonProperty
    public void setPolicy(PolicyFactory policy) {
        this.policy = policy;
    }

    @JsonProperty
    public ConfigFilesFactory getConfig() {
        return config;
    }

    @JsonProperty
    public void setConfig(ConfigFilesFactory config) {
        this.config = config;
    }

    @JsonProperty
    public RestFactory getRest() {
        return rest;
    }

    @JsonProperty
    public void setRest(RestFactory rest) {
        this.rest = rest;
    }

    @JsonProperty
    public AuthFactory getAuth() {
        return auth;
    }

    @JsonProperty
    public void setAuth(AuthFactory auth) {
        this.auth = auth;
    }

    @JsonProperty
    public io.ecledger.api.asof.AsOfFactory getAsOf() {
        return asOf;
    }

    @JsonProperty
    public void setAsOf(io.ecledger.api.asof.AsOfFactory asOf) {
        this.asOf = asOf;
    }
}
