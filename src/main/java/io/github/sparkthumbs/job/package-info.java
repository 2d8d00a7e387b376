/**
 * The Spark job: {@link ThumbnailJob} runs a {@link JobPlan} (the listing as a dataset, earlier
 * records joined in, the per-input work, the manifest's parts) with the driver holding counts,
 * never inputs. Each task is a {@link PartitionTask}, whose {@link PartitionRunner} runs every
 * input's {@link InputTask} under its time budget, one image's CPU work at a time, with abandoned
 * decodes bounded by {@link DecodeLane}. The tasks write the manifest ({@link ManifestWriter}) and
 * the run's layout its shards ({@code output.OutputLayout#finish}) through Spark's commit
 * protocol; {@link RunConsole} prints what the driver has to say.
 */
package io.github.sparkthumbs.job;
