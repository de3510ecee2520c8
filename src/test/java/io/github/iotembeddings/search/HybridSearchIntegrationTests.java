package io.github.iotembeddings.search;

import java.util.List;
import java.util.Map;

import io.github.iotembeddings.demo.DemoSeeder;
import io.github.iotembeddings.run.PassResult;
import io.github.iotembeddings.support.CliRun;
import io.github.iotembeddings.support.TestApplication;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Keyword and hybrid search (issue 27) on seeded demo events embedded by the real model, with no vector index
 * (so semantic search is exact): the text search configuration, the keywords the upsert writes, the fill pass
 * for an existing install, and what hybrid search finds that semantic search does not.
 */
class HybridSearchIntegrationTests {

	private static final int EVENTS = 1_200;

	@RegisterExtension
	static final TestApplication app = TestApplication.of("hybrid").property("embeddings.index.manage", "false");

	@BeforeAll
	static void demoEventsEmbedded() {
		app.bean(DemoSeeder.class).seed(EVENTS, 27L);
		assertThat(app.sync().completed()).isTrue();
		jdbc().execute("drop index public.event_embeddings_embedding_idx");
	}

	@Test
	void identifiersMatchExactlyAndWordsStem() {
		// given the default parser, which splits door-05 into a word and a signed integer
		assertThat(jdbc().queryForList("select alias || ':' || token from ts_debug('embeddings.iot_events', 'door-05 E1042')"
				+ " where alias <> 'blank'", String.class)).containsExactly("asciiword:door", "int:-05", "numword:E1042");

		// then a query names an identifier exactly, as a phrase: not its neighbours, nor its parts elsewhere
		String text = "door_opened event from device door-05: code E1042, sensor-23 and meter-37 nearby";
		for (String query : List.of("door-05", "E1042", "e1042", "sensor-23", "meter-37", "\"door-05\" code",
				"door-05 e1042")) {
			assertThat(matches(text, query)).as(query).isTrue();
		}
		for (String query : List.of("door-50", "door-5", "E10420", "sensor-32", "meter-3", "thermo-05")) {
			assertThat(matches(text, query)).as(query).isFalse();
		}
		assertThat(matches("door_opened event from device thermo-05", "door-05"))
			.as("a door_opened event of thermo-05").isFalse();
		assertThat(jdbc().queryForObject("select phraseto_tsquery('embeddings.iot_events', 'door-05')::text", String.class))
			.isEqualTo("'door' <-> '-05'");

		// and common words still stem, and stop words do not count
		assertThat(matches("battery_low event: replace battery soon", "batteries replaced")).isTrue();
		assertThat(matches("door_closed event from device door-07: state closed", "doors closing")).isTrue();
		assertThat(matches("humidity_reading event: room lab", "readings in the lab")).isTrue();
	}

	@Test
	void theUpsertWritesKeywordsForNewCopiedAndReembeddedRows() {
		// given a new event, then another with the same text (its vector is copied from the first one's row)
		String payload = "{\"message\": \"compressor E7781 tripped in cold storage\"}";
		long first = insert("fridge-07", "device_error", payload);
		assertThat(app.sync().completed()).isTrue();
		long copy = insert("fridge-07", "device_error", payload);
		PassResult copied = app.sync();

		// then both rows have the keywords of that text, the copy's from its own text
		assertThat(copied.completed()).isTrue();
		assertThat(copied.vectorSources().copiedStored()).isEqualTo(1);
		assertThat(keywordsAreOfTheEmbeddedText(first)).isTrue();
		assertThat(keywordsAreOfTheEmbeddedText(copy)).isTrue();
		assertThat(keywordHits("E7781")).contains(first, copy);

		// when the first event's text changes and it is embedded again
		jdbc().update("update public.iot_events set payload = '{\"message\": \"compressor E9902 restarted\"}' where id = ?",
				first);
		assertThat(app.reconcile().completed()).isTrue();

		// then its keywords are the new text's, written with its new vector
		assertThat(keywordsAreOfTheEmbeddedText(first)).isTrue();
		assertThat(keywordHits("E9902")).containsExactly(first);
		assertThat(keywordHits("E7781")).containsExactly(copy);
	}

	@Test
	void theFillPassFillsAnExistingInstallInSlicesAndGoesOnWhereItStopped() {
		// given an install from before keyword search: no row has keywords, and one event's text changed since
		// its vector was made (its row is re-embedded by a sync or full check, which writes both)
		long high = jdbc().queryForObject("select max(event_id) from public.event_embeddings", Long.class);
		long low = jdbc().queryForObject("select min(event_id) from public.event_embeddings", Long.class);
		long rows = jdbc().queryForObject("select count(*) from public.event_embeddings", Long.class);
		jdbc().update("update public.event_embeddings set keywords = null");
		jdbc().update("update embeddings.keyword_fill set below = null, filled = 0, started_at = null, finished_at = null");
		long changed = low + 3;
		jdbc().update("update public.iot_events set payload = '{\"note\": \"edited since\"}' where id = ?", changed);
		KeywordFill fill = app.bean(KeywordFill.class);
		assertThat(fill.pending()).isTrue();
		assertThat(CliRun.run(app.db().environment(), "migrate").out())
			.contains("embeddings written before keyword search existed have no keywords yet").contains("run keyword-index");

		// when a pass stops after 3 slices of 100 ids (the command's first, then the service's next two)
		CliRun first = CliRun.run(app.db().environment(), "keyword-index", "--slice=100", "--max-slices=1");
		KeywordFill.Result next = fill.run(100, 2, line -> {
		});

		// then the newest 300 ids have their keywords, the rest not yet
		assertThat(first.exitCode()).as(first.toString()).isZero();
		assertThat(first.out()).contains("in 1 slices").contains("stopped after --max-slices: run keyword-index again");
		assertThat(next.finished()).isFalse();
		assertThat(next.slices()).isEqualTo(2);
		assertThat(count("keywords is null and event_id > " + (high - 300))).isZero();
		assertThat(count("keywords is not null and event_id <= " + (high - 300))).isZero();
		long filledSoFar = count("keywords is not null");

		// when the next pass runs to the end
		KeywordFill.Result rest = fill.run(100, Long.MAX_VALUE, line -> {
		});

		// then it went on from there, filling each row once, and every row has its keywords but the changed one
		assertThat(rest.finished()).isTrue();
		assertThat(filledSoFar + rest.filled()).isEqualTo(rows - 1);
		assertThat(count("keywords is null")).isEqualTo(1);
		assertThat(count("keywords is null and event_id = " + changed)).isEqualTo(1);
		assertThat(count("keywords is distinct from embeddings.iot_events_keywords(embeddings.iot_embeddings_event_text("
				+ "(select e from public.iot_events e where e.id = event_id))) and event_id <> " + changed)).isZero();
		assertThat(fill.pending()).isFalse();
		assertThat(fill.run(100, Long.MAX_VALUE, line -> {
		}).filled()).isZero();
		assertThat(CliRun.run(app.db().environment(), "migrate").out()).doesNotContain("keyword-index");
		assertThat(app.reconcile().completed()).isTrue();
		assertThat(count("keywords is null")).isZero();
	}

	@Test
	void hybridFindsADeviceByItsNameWhereSemanticSearchDoesNot() {
		// given a door sensor with a battery_low event and other events
		String device = jdbc().queryForObject("""
				select device_id from public.iot_events where device_id like 'door-%'
				group by device_id having count(*) filter (where event_type = 'battery_low') > 0 and count(*) >= 6
				order by count(*) desc, device_id limit 1""", String.class);
		long deviceEvents = jdbc().queryForObject("select count(*) from public.iot_events where device_id = ?", Long.class,
				device);
		String query = device + " battery";

		// when
		List<SearchHit> hybrid = search(query, SearchMode.HYBRID, 5);
		List<SearchHit> semantic = search(query, SearchMode.SEMANTIC, 5);
		List<SearchHit> keyword = search(query, SearchMode.KEYWORD, 5);

		// then hybrid search ranks the device's events first, its battery_low event at the top, and says why
		assertThat(devices(hybrid)).hasSize(5).containsOnly(device);
		assertThat(hybrid.get(0).text()).startsWith("battery_low event from device " + device);
		assertThat(hybrid).allSatisfy(hit -> assertThat(hit.keywordRank()).isNotNull());
		assertThat(hybrid.get(0).semanticRank()).isNotNull();
		assertThat(hybrid.get(0).matched()).matches("keyword #\\d+ \\+ vector #\\d+");
		assertThat(hybrid).extracting(SearchHit::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
		// where semantic search, as the issue measured, finds mostly other devices
		assertThat(devices(semantic).stream().filter(device::equals).count()).isLessThan(devices(hybrid).size());
		assertThat(semantic).allSatisfy(hit -> assertThat(hit.keywordRank()).isNull());
		assertThat(semantic).extracting(SearchHit::semanticRank).containsExactly(1, 2, 3, 4, 5);
		// and keyword search alone, without the model, has the same events first
		assertThat(devices(keyword)).hasSize((int) Math.min(5, deviceEvents)).containsOnly(device);
		assertThat(keyword).allSatisfy(hit -> {
			assertThat(hit.similarity()).isNull();
			assertThat(hit.semanticRank()).isNull();
		});
		assertThat(keyword.get(0).text()).startsWith("battery_low");
		// and the command line prints why each hit matched
		CliRun command = CliRun.run(app.db().environment(), "search", query, "--mode=keyword", "--limit=3");
		assertThat(command.exitCode()).as(command.toString()).isZero();
		assertThat(command.out()).contains("MATCHED").contains("keyword #1").doesNotContain("vector #")
			.contains("search: 3 events, keyword; searching");

		// and a filter applies to both lists
		List<SearchHit> filtered = app.bean(SemanticSearch.class)
			.search(new SearchRequest(query, 10, null, null, Map.of("event_type", "door_opened"), SearchMode.HYBRID))
			.hits();
		assertThat(filtered).isNotEmpty().allSatisfy(hit -> assertThat(hit.text()).startsWith("door_opened"));
	}

	@Test
	void aQueryByMeaningAloneFindsWhatSemanticSearchFinds() {
		// a query whose words no event has all of: the keyword list is empty, the answer semantic search's
		for (String query : List.of("someone opened a door at night", "too hot in the server room")) {
			List<SearchHit> hybrid = search(query, SearchMode.HYBRID, 10);
			List<SearchHit> semantic = search(query, SearchMode.SEMANTIC, 10);
			assertThat(hybrid).extracting(SearchHit::id).as(query).containsExactlyElementsOf(
					semantic.stream().map(SearchHit::id).toList());
			assertThat(hybrid).allSatisfy(hit -> assertThat(hit.keywordRank()).isNull());
		}
		assertThat(search("someone opened a door at night", SearchMode.HYBRID, 5))
			.allSatisfy(hit -> assertThat(hit.text()).startsWith("door_opened"));
	}

	@Test
	void theFunctionRefusesWhatItCannotAnswer() {
		assertThatExceptionOfType(org.springframework.dao.DataAccessException.class)
			.isThrownBy(() -> jdbc().queryForList("select id from public.hybrid_match_iot_events(' ', null)"))
			.havingRootCause()
			.withMessageContaining("give query_text, query_embedding or both");
		assertThatExceptionOfType(org.springframework.dao.DataAccessException.class)
			.isThrownBy(() -> jdbc().queryForList("select id from public.hybrid_match_iot_events('x', null, rrf_k => 0)"))
			.havingRootCause()
			.withMessageContaining("rrf_k must be at least 1");
		assertThatExceptionOfType(org.springframework.dao.DataAccessException.class)
			.isThrownBy(() -> jdbc().queryForList(
					"select id from public.hybrid_match_iot_events('x', null, filter => '{\"colour\": \"red\"}')"))
			.havingRootCause()
			.withMessageContaining("filter key \"colour\" is not a column of public.iot_events");
		assertThat(jdbc().queryForList("select id from public.hybrid_match_iot_events('the of and', null)")).isEmpty();
	}

	private static List<SearchHit> search(String query, SearchMode mode, int limit) {
		return app.bean(SemanticSearch.class).search(new SearchRequest(query, limit, null, null, Map.of(), mode)).hits();
	}

	private static List<String> devices(List<SearchHit> hits) {
		return hits.stream().map(hit -> hit.text().substring(hit.text().indexOf("from device ") + 12).split(":")[0]).toList();
	}

	private static boolean matches(String text, String query) {
		return Boolean.TRUE.equals(jdbc().queryForObject(
				"select embeddings.iot_events_keywords(?) @@ websearch_to_tsquery('embeddings.iot_events', ?)", Boolean.class,
				text, query));
	}

	private static boolean keywordsAreOfTheEmbeddedText(long id) {
		return Boolean.TRUE.equals(jdbc().queryForObject("""
				select ee.keywords = embeddings.iot_events_keywords(embeddings.iot_embeddings_event_text(e))
				  and ee.text_hash = md5(embeddings.iot_embeddings_event_text(e))
				from public.event_embeddings ee join public.iot_events e on e.id = ee.event_id where ee.event_id = ?""",
				Boolean.class, id));
	}

	private static List<Long> keywordHits(String query) {
		return jdbc().queryForList("select id from public.hybrid_match_iot_events(?, null, 100) order by id", Long.class,
				query);
	}

	private static long insert(String device, String type, String payload) {
		return app.db().insertEvents(List.<String[]>of(new String[] { device, type, payload })).get(0);
	}

	private static long count(String condition) {
		return app.db().count("select count(*) from public.event_embeddings where " + condition);
	}

	private static JdbcTemplate jdbc() {
		return app.db().jdbc();
	}

}
