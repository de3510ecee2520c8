package io.github.iotembeddings.config;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

/**
 * The application's {@code DataSource} in the processes that serve HTTP: a connection asked for on a
 * thread that serves a request (between {@link #forRequest()} and the scope's close) comes from the
 * requests' pool, any other from the job's. Every JdbcTemplate, transaction, Batch repository and Quartz
 * job store call therefore takes its connection from the right pool without knowing there are two: a run
 * on a Quartz or background thread never waits behind requests, and a flood of requests never takes the
 * connections a run needs. A transaction binds its connection to this {@code DataSource} for its thread,
 * and a thread never changes sides inside one, so the two pools never meet in a transaction.
 */
public final class ConnectionRouting extends AbstractRoutingDataSource implements AutoCloseable {

	/** The lookup key of the job's pool: also the name of its entry in {@code /actuator/health}'s {@code db}. */
	static final String JOB = "job";

	/** The lookup key of the requests' pool. */
	static final String REQUEST = "request";

	private static final ThreadLocal<Boolean> SERVING_REQUEST = new ThreadLocal<>();

	private final HikariDataSource jobPool;

	private final HikariDataSource requestPool;

	ConnectionRouting(HikariDataSource jobPool, HikariDataSource requestPool) {
		this.jobPool = jobPool;
		this.requestPool = requestPool;
		setTargetDataSources(Map.of(JOB, jobPool, REQUEST, requestPool));
		setDefaultTargetDataSource(jobPool);
		setLenientFallback(false);
		afterPropertiesSet();
	}

	/**
	 * Marks the current thread as serving an HTTP request until the returned scope is closed: its
	 * connections come from the requests' pool meanwhile.
	 * @return the scope, to close when the request is done
	 */
	public static Scope forRequest() {
		boolean outer = Boolean.TRUE.equals(SERVING_REQUEST.get());
		SERVING_REQUEST.set(Boolean.TRUE);
		return () -> {
			if (!outer) {
				SERVING_REQUEST.remove();
			}
		};
	}

	/**
	 * @param dataSource the application's {@code DataSource}
	 * @return the job's pool: the {@code DataSource} itself where there is one pool, else the job's side of
	 * the routing
	 */
	public static HikariDataSource jobPoolOf(DataSource dataSource) {
		return (dataSource instanceof ConnectionRouting routing) ? routing.jobPool : (HikariDataSource) dataSource;
	}

	/**
	 * Replaces every connection of the application's pools: the idle ones now, the ones in use when they
	 * are returned. After an outage, the connections opened before it may be silent for good (a partition
	 * leaves no FIN), and each one would cost its next borrower a validation timeout to find out.
	 * @param dataSource the application's {@code DataSource}
	 */
	public static void renewConnections(DataSource dataSource) {
		for (HikariDataSource pool : poolsOf(dataSource)) {
			HikariPoolMXBean started = pool.getHikariPoolMXBean();
			if (started != null) {
				started.softEvictConnections();
			}
		}
	}

	/**
	 * @param dataSource the application's {@code DataSource}
	 * @return its pools: the job's, and the requests' where there is one
	 */
	static List<HikariDataSource> poolsOf(DataSource dataSource) {
		return (dataSource instanceof ConnectionRouting routing) ? List.of(routing.jobPool, routing.requestPool)
				: List.of((HikariDataSource) dataSource);
	}

	@Override
	protected Object determineCurrentLookupKey() {
		return Boolean.TRUE.equals(SERVING_REQUEST.get()) ? REQUEST : JOB;
	}

	@Override
	public void close() {
		try {
			requestPool.close();
		}
		finally {
			jobPool.close();
		}
	}

	/** A thread's time on the requests' pool; closing it ends it. */
	@FunctionalInterface
	public interface Scope extends AutoCloseable {

		@Override
		void close();

	}

}
