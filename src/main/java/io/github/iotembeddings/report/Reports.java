package io.github.iotembeddings.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.iotembeddings.config.ReportsProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/** The reports that follow from the tables and the Batch metadata alone, written together. */
@Component
public class Reports {

	private static final Log logger = LogFactory.getLog(Reports.class);

	private final TableReport tableReport;

	private final RunReports runReports;

	private final ReportsProperties properties;

	Reports(TableReport tableReport, RunReports runReports, ReportsProperties properties) {
		this.tableReport = tableReport;
		this.runReports = runReports;
		this.properties = properties;
	}

	/** @return the files written: emb_table_create.{sql,md}, emb_backfill.{json,md} and emb_sync_history.{json,md} */
	public List<Path> write() {
		List<Path> written = new ArrayList<>(tableReport.write());
		written.addAll(runReports.writeBackfills());
		written.addAll(runReports.writeSyncs());
		return written;
	}

	/**
	 * After runs: the reports of their kind only, so a sync a minute rewrites the sync history and leaves the
	 * backfill report (its random samples, its runs' provenance) and the table's description alone. A report
	 * that cannot be written is worth a warning, not a failed run. Nothing, with
	 * {@code embeddings.reports.after-runs} off: a sync of a few events spent about half a second loading
	 * the history and rendering it, in a container whose files nobody reads.
	 * @param backfills whether backfill runs (or restarts of one) ran: the table and backfill reports
	 * @param syncs whether syncs ran: the sync history
	 */
	public void writeAfterRuns(boolean backfills, boolean syncs) {
		if (!properties.afterRuns()) {
			return;
		}
		try {
			if (backfills) {
				tableReport.write();
				runReports.writeBackfills();
			}
			if (syncs) {
				runReports.writeSyncs();
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Reports not written: " + ex.getMessage());
		}
	}

}
