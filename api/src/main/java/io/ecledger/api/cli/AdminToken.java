package io.ecledger.api.cli;

import io.ecledger.ledger.token.ClientToken;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The admin token the CLIs that call admin tasks send: {@code --token-file}, {@code $ECLEDGER_TOKEN} or the default file. */
final class AdminToken {

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "a 0600 file holding an admin's token (default: $ECLEDGER_TOKEN, else ~/.config/ecledger/token)")
    Path tokenFile;

    /** {@code request} with {@code Authorization: Bearer} when there is a token; refuses a shared token file. */
    HttpRequest.Builder authorize(HttpRequest.Builder request) {
        Optional<String> token = ClientToken.find(System.getenv(), Optional.ofNullable(tokenFile));
        token.ifPresent(text -> request.header("Authorization", "Bearer " + text));
        return request;
    }
}
