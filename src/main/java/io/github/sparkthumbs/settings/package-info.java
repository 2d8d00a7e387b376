/**
 * One run's settings, frozen and {@code Serializable} so that they ship to the executors as they
 * are, in groups that match who reads them: {@link ImageSettings} (the image core's, no output),
 * {@link ListingSettings}, {@link RunSettings} and {@link FetchSettings} (http(s) inputs), each the
 * home of its defaults; {@link Settings} holds the four and the command line's builder. The enums
 * name the flags' choices ({@link Mode}, {@link OutputFormat}, {@link Layout}, ...). An invalid
 * value is a {@link SettingsException} naming the flag.
 */
package io.github.sparkthumbs.settings;
