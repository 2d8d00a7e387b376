package io.github.sparkthumbs.result;

import java.io.Serializable;

/**
 * The input a result is about, as the listing saw it.
 *
 * @param source the input as named (path URI or URL)
 * @param bytes its length in bytes (-1 when unknown)
 * @param modified a file's modification time (epoch ms) as listed; null for URLs. With
 *     {@code bytes} it tells a rerun whether the source changed since this record
 */
public record Input(String source, long bytes, Long modified) implements Serializable {}
