package io.github.iotembeddings.index;

import io.github.iotembeddings.common.Causes;
import io.github.iotembeddings.common.Messages;
import io.github.iotembeddings.config.InvalidConfigurationException;
import java.sql.SQLException;
import java.util.Optional;

import io.github.iotembeddings.config.IndexProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * After a run that wrote rows: checks the vector index against them and rebuilds it when it no longer
 * fits ({@link IndexPolicy}). A rebuild that fails is logged and left for the next run; it never fails
 * the run whose rows are already committed.
 */
@Component
public class IndexLifecycle {

	private static final Log logger = LogFactory.getLog(IndexLifecycle.class);

	private final IndexInspector inspector;

	private final IndexRebuilder rebuilder;

	private final IndexProperties properties;

	IndexLifecycle(IndexInspector inspector, IndexRebuilder rebuilder, IndexProperties properties) {
		this.inspector = inspector;
		this.rebuilder = rebuilder;
		this.properties = properties;
	}

	/** Rebuilds the index when it no longer fits; does nothing when {@code embeddings.index.manage} is off. */
	public void maintain() {
		if (properties.manage()) {
			try {
				check(false);
			}
			catch (InvalidConfigurationException ex) {
				logger.warn(ex.getMessage());
			}
		}
	}

	/**
	 * @param force rebuild even when the index fits
	 * @return the plan carried out, if any
	 * @throws InvalidConfigurationException when the rebuild failed, saying why and what to do; the index
	 * stays as it was
	 */
	public Optional<IndexPlan> check(boolean force) {
		try {
			IndexState state = inspector.inspect();
			Optional<IndexPlan> plan = IndexPolicy.plan(state, properties);
			if (plan.isEmpty() && force && state.rows() > 0) {
				plan = Optional.of(forced(state));
			}
			if (plan.isPresent() && rebuilder.rebuild(plan.get(), state.rows())) {
				return plan;
			}
			return Optional.empty();
		}
		catch (SQLException | DataAccessException ex) {
			String cause = Messages.ofRootCause(ex);
			String remedy = cause.contains("maintenance_work_mem")
					? "raise EMBEDDINGS_INDEX_BUILD_MEMORY (now " + properties.buildMemory() + ") to what it says, then run `index`"
					: isPermissionDenied(ex) ? "rebuilding needs the table's owner: run `index --rebuild=true` as the role"
							+ " that ran migrate" : "run `index` once the cause is fixed";
			throw new InvalidConfigurationException("could not rebuild the vector index (" + cause
					+ "); it stays as it is: " + remedy, ex);
		}
	}

	private static boolean isPermissionDenied(Exception ex) {
		SQLException sql = Causes.find(ex, SQLException.class);
		return sql != null && "42501".equals(sql.getSQLState());
	}

	private IndexPlan forced(IndexState state) {
		if (properties.type() == IndexProperties.IndexType.HNSW) {
			return IndexPlan.hnsw(properties.hnswM(), properties.hnswEfConstruction(), "asked for");
		}
		return IndexPlan.ivfflat(IndexPolicy.recommendedLists(state.rows()), "asked for");
	}

	/** @return the index now */
	public IndexState state() {
		return inspector.inspect();
	}

}
