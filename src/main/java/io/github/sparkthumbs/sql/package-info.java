/**
 * Thumbnails where Spark users work: SQL functions over {@code binaryFile} DataFrames
 * ({@code thumbnail}, {@code image_info}, {@code image_dhash}), installed by a session extension
 * ({@link io.github.sparkthumbs.sql.ThumbnailExtensions}) and therefore reachable from Spark
 * Connect clients too. {@link io.github.sparkthumbs.sql.ThumbnailOptions} is their one door into
 * the image core. The user manual is docs/sql.md.
 */
package io.github.sparkthumbs.sql;
