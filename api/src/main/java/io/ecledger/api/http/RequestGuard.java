package io.ecledger.api.http;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** One check every request passes, on its headers alone, before any resource sees it; empty when it passes. */
public interface RequestGuard {

    Optional<HttpRefusal> check(HttpServletRequest request);
}
