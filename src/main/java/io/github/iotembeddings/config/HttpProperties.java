package io.github.iotembeddings.config;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The bulkhead between HTTP requests and the job, in the processes that serve HTTP ({@code schedule},
 * {@code serve}): requests read through a small pool of their own, with a shorter statement timeout, and
 * each kind of request is limited in number, so that however many arrive they slow each other, never a
 * run.
 *
 * @param poolSize connections of the requests' pool, beside the job's
 * @param poolWait how long a request waits for one of them before it is answered 503 (at least 250 ms, the
 * pool's own floor)
 * @param statementTimeout the server's bound on one statement of a request; a request that meets it is
 * answered 503
 * @param maxConcurrentSearches query API requests ({@code GET /search}, {@code POST /embed}) served at
 * once; one more is answered 429 at once
 * @param maxConcurrentPages console requests (pages, actions) and admin API requests served at once; one
 * more is answered 429 at once
 * @param retryAfter what a 429 or 503 tells the client to wait before it tries again ({@code Retry-After})
 * @param modelThreads ONNX Runtime intra-op threads of the model session requests embed on (one of their
 * own, beside the job's): requests embed one call at a time, so this bounds the processors they take
 * @param shareDuringRuns while a pass of this process embeds, the most of the wall clock that the query
 * API's requests, summed, may take (0.25: a quarter of a second each second, with a second's burst); the
 * next request is answered 429. It bounds the processors requests take from a run, which the number served
 * at once does not. 1000, the most, turns it off (a second of debt is earned back in a millisecond)
 */
@ConfigurationProperties("embeddings.http")
@Validated
public record HttpProperties(@DefaultValue("4") @Min(1) @Max(100) int poolSize,
		@DefaultValue("1s") @DurationMin(millis = 250) Duration poolWait,
		@DefaultValue("5s") @DurationMin(millis = 100) Duration statementTimeout,
		@DefaultValue("4") @Min(1) @Max(1000) int maxConcurrentSearches,
		@DefaultValue("4") @Min(1) @Max(1000) int maxConcurrentPages,
		@DefaultValue("1s") @DurationMin(seconds = 1) @DurationMax(hours = 1) Duration retryAfter,
		@DefaultValue("1") @Min(1) @Max(256) int modelThreads,
		@DefaultValue("0.25") @DecimalMin("0.01") @DecimalMax("1000") double shareDuringRuns) {

	/** What {@code pg_stat_activity.application_name} shows for the requests' sessions. */
	public static final String APPLICATION_NAME = "iot-embeddings http";

	/** @return the {@code Retry-After} header's value: whole seconds */
	public String retryAfterSeconds() {
		return String.valueOf(retryAfter.toSeconds());
	}

}
