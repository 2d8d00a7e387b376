package io.github.sparkthumbs.output;

import java.io.Serializable;

/**
 * Where the tasks write, as the driver settled it before they start: the plan's decisions, beside
 * the settings as the user gave them.
 *
 * @param output the output qualified on the driver ({@code thumbs} -> {@code
 *     file:/home/me/thumbs}): an executor would resolve a relative one against its own working
 *     directory
 * @param overwrite redo thumbnails even when up to date: {@code --overwrite}, or an output that
 *     did not exist when the run began (a new output holds no thumbnail, and looking for each
 *     input's would cost a status call per input to find nothing)
 */
public record Destination(String output, boolean overwrite) implements Serializable {}
