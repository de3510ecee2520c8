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

	private final RunReport runReport;

	Reports(TableReport tableReport, RunReport runReport) {
		this.tableReport = tableReport;
		this.runReport = runReport;
	}

	/** @return the files written: emb_table_create.{sql,md} and emb_backfill.{json,md} */
	public List<Path> write() {
		List<Path> written = new ArrayList<>(tableReport.write());
		written.addAll(runReport.write());
		return written;
	}

	/** After a run: a report that cannot be written is worth a warning, not a failed run. */
	public void writeAfterRun() {
		try {
			write();
		}
		catch (RuntimeException ex) {
			logger.warn("Reports not written: " + ex.getMessage());
		}
	}

}
