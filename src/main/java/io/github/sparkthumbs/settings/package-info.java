/**
 * One run's settings, frozen and {@code Serializable} so that they ship to the executors as they
 * are. {@link Settings} holds every default in one place, {@link FetchSettings} those of http(s)
 * inputs; the enums name the flags' choices ({@link Mode}, {@link OutputFormat}, {@link Layout},
 * ...). An invalid value is a {@link SettingsException} naming the flag.
 */
package io.github.sparkthumbs.settings;
