package io.ecledger.api.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;

/** {@code auth:} in the manager's YAML: where the users file is. */
public class AuthFactory {

    /** Left out, {@code <dataDirectory>/users.yaml}. */
    private String usersFile;

    @JsonProperty
    public String getUsersFile() {
        return usersFile;
    }

    @JsonProperty
    public void setUsersFile(String usersFile) {
        this.usersFile = usersFile;
    }

    public Path usersPath(Path dataDirectory) {
        return usersFile == null || usersFile.isBlank() ? dataDirectory.resolve(UsersFile.NAME)
                : Path.of(usersFile).toAbsolutePath().normalize();
    }
}
