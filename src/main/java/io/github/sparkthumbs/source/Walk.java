package io.github.sparkthumbs.source;

import java.io.Serializable;
import java.util.List;

/**
 * A directory subtree that an executor lists: the driver lists only the top level of a directory
 * it was given, and the subtrees are walked in parallel by the tasks.
 *
 * @param dir the subtree's root, a qualified Hadoop path
 * @param stemPrefix the output stem of the files directly in {@code dir} ({@code trip/day1/})
 * @param ancestors real paths of the directories above {@code dir}, to notice symlink loops
 * @param columns the list row's kept columns, for every file found, or null
 */
public record Walk(String dir, String stemPrefix, List<String> ancestors, String columns)
    implements Serializable {}
