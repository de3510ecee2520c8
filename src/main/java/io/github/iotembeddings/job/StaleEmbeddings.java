package io.github.iotembeddings.job;

/**
 * Which embedded rows are stale: made by another model, or from a text that has changed since (the
 * row's {@code text_hash} no longer matches the event's text). One definition for the backlog figures
 * and for {@code validate}.
 */
public final class StaleEmbeddings {

	private StaleEmbeddings() {
	}

	/**
	 * The count of stale rows, by the installed text function; uses the named parameter {@code :model},
	 * the current model's id. A full scan: it reads every embedded event's text.
	 */
	public static final String COUNT_SQL = """
			select count(*) from public.event_embeddings ee join public.iot_events e on e.id = ee.event_id
			where ee.model is distinct from :model or ee.text_hash is distinct from md5(coalesce(%s, ''))"""
		.formatted(EventTextFunction.CALL);

}
