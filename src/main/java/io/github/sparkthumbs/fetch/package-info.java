/**
 * Fetching http(s) inputs on the executors. {@link UrlFetcher} fetches one task's URLs with a
 * connect timeout, a total deadline, a streamed body limit, retries with backoff for transient
 * failures, and redirects followed by hand; every address it connects to passes the SSRF guard
 * ({@link NetworkGuard}, {@link GuardedDnsResolver}), and the bodies one JVM holds stay within
 * {@link BodyBudget}. A failure is a {@link FetchFailure} naming the URL and its HTTP story.
 */
package io.github.sparkthumbs.fetch;
