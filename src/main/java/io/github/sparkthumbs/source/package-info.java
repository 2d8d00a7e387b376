/**
 * The inputs and their bytes. {@link InputLister} is the driver's part of the listing (the command
 * line and top levels only); the tasks list the rest: subtrees ({@link Walk}), plain and
 * JSON-lines lists in byte splits ({@link ListSplit}), CSV and TSV lists ({@link TableListing})
 * and Parquet lists by row groups ({@link ParquetListing}). Each input is a {@link Source}, and
 * {@link SourceReader} reads a file's bytes, its length checked first.
 */
package io.github.sparkthumbs.source;
