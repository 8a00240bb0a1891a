package io.ecledger.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.Optional;

/** The {@code config:} section: where {@code config writeback PATH} may write besides the base eccluster.conf. */
public class ConfigFilesFactory {

    /**
     * The one directory {@code config writeback PATH} writes into, PATH relative to it; left out, the base file's
     * own directory. Nothing outside it, through a link out of it, or over anything but a regular file is written.
     */
    private String writebackDirectory;

    @JsonProperty
    public String getWritebackDirectory() {
        return writebackDirectory;
    }

    @JsonProperty
    public void setWritebackDirectory(String writebackDirectory) {
        this.writebackDirectory = writebackDirectory;
    }

    /** The writeback directory, or the directory of {@code baseFile} when none is set. */
    public Path writebackDirectory(Path baseFile) {
        return Optional.ofNullable(writebackDirectory).filter(d -> !d.isBlank()).map(Path::of)
                .orElse(baseFile.toAbsolutePath().normalize().getParent()).toAbsolutePath().normalize();
    }
}
