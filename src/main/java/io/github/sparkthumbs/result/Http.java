package io.github.sparkthumbs.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;

/**
 * What a URL input's HTTP exchange came to.
 *
 * @param httpStatus status of the last response, null when none came (blocked, refused, timeout)
 * @param attempts tries made, 1 + retries (redirect hops are not attempts)
 * @param finalUrl the URL the body came from, after redirects
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Http(Integer httpStatus, Integer attempts, String finalUrl) implements Serializable {}
