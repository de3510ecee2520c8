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
	 * @param text the SQL expression of an event's text, over {@code e} (an {@code iot_events} row)
	 * @return the count of stale rows; uses the named parameter {@code :model}, the current model's id
	 */
	public static String countSql(String text) {
		return """
				select count(*) from public.event_embeddings ee join public.iot_events e on e.id = ee.event_id
				where ee.model is distinct from :model or ee.text_hash is distinct from md5(coalesce((%s), ''))"""
			.formatted(text);
	}

}
