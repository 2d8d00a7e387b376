/**
 * The command line: {@link Main} parses, validates, runs the job and turns the outcome into an exit
 * code (0 all ok, 1 some inputs failed, 2 usage error or output in use, 3 manifest not written);
 * {@link CommandLineOptions} holds the flags and their help text and freezes them into a
 * {@code settings.Settings}; {@link YarnOutcome} turns the exit code into the final status YARN
 * reports. Nothing here runs on an executor.
 */
package io.github.sparkthumbs.cli;
