/**
 * The Spark job: {@link ThumbnailJob} runs a {@link JobPlan} (the listing as a dataset, earlier
 * records joined in, the per-input work, the manifest's parts) with the driver holding counts,
 * never inputs. In each task a {@link PartitionRunner} runs every input's {@link InputTask} under
 * its time budget, one image's CPU work at a time, with abandoned decodes bounded by
 * {@link DecodeLane}. The tasks write the manifest ({@link ManifestWriter}) and the shards
 * ({@link ShardWriter}) through Spark's commit protocol.
 */
package io.github.sparkthumbs.job;
