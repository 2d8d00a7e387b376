/**
 * Where a run writes. {@link OutputNames} and {@link ShardNames} decide the thumbnails' names
 * before anything is read; {@link OutputStore} writes each file through a staging folder, so that
 * no half-written file gets a real name; {@link OutputLock} lets one run at a time use an output,
 * and {@link OutputCleanup} removes under it what interrupted runs left;
 * {@link Manifest} is the manifest's JSON-lines form and its folder, {@code OUTPUT/manifest/}.
 */
package io.github.sparkthumbs.output;
