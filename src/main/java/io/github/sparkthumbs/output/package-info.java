/**
 * Where a run writes. An {@link OutputLayout} per {@code --layout} ({@link FileLayout},
 * {@link TarLayout}, {@link ParquetLayout}) owns where an input's thumbnails go, when they are up
 * to date, what a task does with an input's {@link Outcome}, and the driver's finish.
 * {@link OutputNames} and {@link ShardNames} decide the thumbnails' names before anything is
 * read; {@link OutputStore} writes each file through a staging folder, so that no half-written
 * file gets a real name; {@link OutputLock} lets one run at a time use an output, and
 * {@link OutputCleanup} removes under it what interrupted runs left; {@link Manifest} is the
 * manifest's JSON-lines form and its folder, {@code OUTPUT/manifest/}, written from
 * {@link Line}s.
 */
package io.github.sparkthumbs.output;
