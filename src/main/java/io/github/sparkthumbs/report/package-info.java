/**
 * The run's report page and its near-duplicate groups, made from the manifest's lines alone, so
 * that a past run's can be made again. {@link RunReport} reduces the lines on the executors to a
 * bounded {@link ReportStats}, and {@link ReportHtml} writes {@code OUTPUT/report.html};
 * {@link NearDuplicates} groups images by their {@code dhash}. {@link ReportMain} and
 * {@link NearDuplicatesMain} are {@code scripts/report} and {@code scripts/near-duplicates}.
 */
package io.github.sparkthumbs.report;
