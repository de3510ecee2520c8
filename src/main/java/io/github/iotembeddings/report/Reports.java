package io.github.iotembeddings.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/** The reports that follow from the tables and the Batch metadata alone, written together. */
@Component
public class Reports {

	private static final Log logger = LogFactory.getLog(Reports.class);

	private final TableReport tableReport;

	private final BackfillReport backfillReport;

	private final SyncHistoryReport syncHistoryReport;

	Reports(TableReport tableReport, BackfillReport backfillReport, SyncHistoryReport syncHistoryReport) {
		this.tableReport = tableReport;
		this.backfillReport = backfillReport;
		this.syncHistoryReport = syncHistoryReport;
	}

	/** @return the files written: emb_table_create.{sql,md}, emb_backfill.{json,md} and emb_sync_history.{json,md} */
	public List<Path> write() {
		List<Path> written = new ArrayList<>(tableReport.write());
		written.addAll(backfillReport.write());
		written.addAll(syncHistoryReport.write());
		return written;
	}

	/**
	 * After runs: the reports of their kind only, so a sync a minute rewrites the sync history and leaves the
	 * backfill report (its random samples, its runs' provenance) and the table's description alone. A report
	 * that cannot be written is worth a warning, not a failed run.
	 * @param backfills whether backfill runs (or restarts of one) ran: the table and backfill reports
	 * @param syncs whether syncs ran: the sync history
	 */
	public void writeAfterRuns(boolean backfills, boolean syncs) {
		try {
			if (backfills) {
				tableReport.write();
				backfillReport.write();
			}
			if (syncs) {
				syncHistoryReport.write();
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Reports not written: " + ex.getMessage());
		}
	}

}
