package io.github.iotembeddings.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.iotembeddings.support.Await;
import io.github.iotembeddings.support.HeadlessBrowser;
import io.github.iotembeddings.support.Http;
import io.github.iotembeddings.support.JarProcess;
import io.github.iotembeddings.support.TestDatabase;
import io.github.iotembeddings.support.TestDatabaseServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real headless Chromium against a real {@code schedule} process, doing what an
 * operator does without the CLI: sign in, find the run a killed process left behind, restart it and
 * watch it complete, launch a backfill of N and see its counts. Every page is checked for Content-Security-
 * Policy refusals (there must be none: every script and style comes from the jar) and for secrets. The
 * screenshots in docs/ are the ones this test takes (target/console-screenshots/).
 */
class ConsoleBrowserIntegrationTests {

	static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

	private static HeadlessBrowser browser;

	@BeforeAll
	static void startBrowser() throws Exception {
		browser = HeadlessBrowser.start();
	}

	@AfterAll
	static void closeBrowser() throws Exception {
		browser.close();
	}

	@Test
	void operatorRestartsAKilledRunAndLaunchesABackfillWithoutTheCli(@TempDir Path workingDir) throws Exception {
		try (TestDatabase db = TestDatabaseServer.get().createMigratedDatabase("console_browser")) {
			// given a backfill of 40 of 60 events whose process was killed after its first committed chunk
			db.insertSimpleEvents(60);
			db.recordWrites(0.02);
			JarProcess.killAfterFirstCommittedChunk(db, Files.createDirectories(workingDir.resolve("killed")), "backfill", "--limit=40",
					"--chunk-size=5");
			long killed = db.count("select max(job_execution_id) from batch_job_execution");

			// and the scheduler running as README says, with the admin token, its cron far away
			String adminToken = "admin-" + System.nanoTime();
			String searchToken = "search-" + System.nanoTime();
			int port = Http.freePort();
			Map<String, String> environment = new HashMap<>(db.environment());
			environment.put("SERVER_PORT", String.valueOf(port));
			environment.put("EMBEDDINGS_ADMIN_TOKEN", adminToken);
			environment.put("EMBEDDINGS_SEARCH_TOKEN", searchToken);
			environment.put("EMBEDDINGS_JOB_CHUNK_SIZE", "5");
			Path schedulerDir = Files.createDirectories(workingDir.resolve("schedule"));
			Process scheduler = JarProcess.start(schedulerDir, environment, "schedule", "--cron=0 0 0 1 1 ? 2099");
			List<String> pages = new ArrayList<>();
			try {
				Await.until(Duration.ofSeconds(120), "the scheduler",
						() -> JarProcess.output(schedulerDir).contains("schedule: console at"));
				String base = "http://localhost:" + port;

				// when the operator opens the printed URL, then the console asks to sign in
				browser.open(base + "/");
				browser.until("the sign-in page", driver -> driver.getCurrentUrl().endsWith("/login"));
				browser.screenshot(SCREENSHOTS.resolve("console-sign-in.png"));
				browser.type(By.id("token"), "not-the-token");
				browser.click(By.id("sign-in"));
				browser.find(By.id("signin-error"));

				// when they sign in with the admin token, then the overview shows the state of the embeddings
				browser.type(By.id("token"), adminToken);
				browser.click(By.id("sign-in"));
				browser.find(By.id("coverage"));
				assertThat(browser.cookie("JSESSIONID")).isNotNull()
					.satisfies(cookie -> assertThat(cookie.isHttpOnly()).isTrue())
					.satisfies(cookie -> assertThat(cookie.getSameSite()).isEqualTo("Strict"));
				assertThat(browser.text(By.id("schedule-state"))).isEqualTo("running");
				pages.add(browser.pageSource());

				// and the run the killed process left behind is listed, still marked as running
				browser.open(base + "/executions");
				WebElement row = browser.find(By.cssSelector("tr[data-execution-id='" + killed + "']"));
				assertThat(row.findElement(By.className("status")).getText()).isEqualTo("STARTED");
				browser.screenshot(SCREENSHOTS.resolve("console-executions.png"));
				pages.add(browser.pageSource());

				// and its page says its process is gone and offers to restart it
				row.findElement(By.linkText(String.valueOf(killed))).click();
				assertThat(browser.text(By.id("process-gone"))).contains("process is gone");
				pages.add(browser.pageSource());

				// when they restart it, confirming
				browser.click(By.id("restart"));
				confirm();

				// then the console says so, and the execution resumes and completes with its events embedded
				browser.until("the restart's answer", driver -> text(driver, "result").contains("Restarting execution " + killed));
				browser.open(base + "/executions/" + killed);
				browser.until("execution " + killed + " to be FAILED and restarted", driver -> {
					driver.navigate().refresh();
					return text(driver, "execution-status").equals("FAILED")
							&& !driver.findElements(By.id("restarted-as")).isEmpty();
				});
				browser.click(By.id("restarted-as"));
				browser.untilText(By.id("execution-status"), "COMPLETED");
				browser.screenshot(SCREENSHOTS.resolve("console-execution.png"));
				pages.add(browser.pageSource());
				assertThat(db.count("select count(*) from public.event_embeddings")).isEqualTo(40);

				// and the killed run is FAILED in the list, filtered by status
				browser.open(base + "/executions?status=FAILED");
				assertThat(browser.find(By.cssSelector("tr[data-execution-id='" + killed + "'] .status")).getText())
					.isEqualTo("FAILED");
				assertThat(browser.driver().findElements(By.cssSelector("#executions-table tbody tr[data-execution-id]")))
					.hasSize(1);

				// when they launch a backfill of 7 from the overview, confirming
				browser.open(base + "/");
				browser.type(By.id("backfill-limit"), "7");
				browser.click(By.id("launch-backfill"));
				confirm();
				browser.until("the backfill's answer", driver -> text(driver, "result").contains("Backfill of the 7 newest"));

				// then the executions list (refreshing itself) shows it complete with its counts
				browser.open(base + "/executions?mode=backfill");
				browser.until("the backfill of 7 to complete", driver -> {
					WebElement newest = driver.findElement(By.cssSelector("#executions-table tbody tr[data-execution-id]"));
					return newest.findElement(By.className("status")).getText().equals("COMPLETED")
							&& newest.findElement(By.className("written")).getText().equals("7")
							&& newest.findElement(By.className("read")).getText().equals("7");
				});
				assertThat(db.count("select count(*) from public.event_embeddings")).isEqualTo(47);
				pages.add(browser.pageSource());

				// and the overview shows what is left
				browser.open(base + "/");
				browser.until("the overview's backlog to show 13 pending",
						driver -> {
							driver.navigate().refresh();
							return driver.findElement(By.id("pending")).getText().equals("13");
						});
				browser.until("the charts", driver -> !driver.findElements(By.cssSelector("#chart-runs canvas")).isEmpty());
				browser.screenshot(SCREENSHOTS.resolve("console-overview.png"));
				pages.add(browser.pageSource());

				// when they launch a backfill of the 13 left, with writes slowed down, and stop it while it runs
				db.jdbc().execute("create or replace function record_write() returns trigger language plpgsql as $$"
						+ " begin perform pg_sleep(0.5); insert into embedding_writes values (new.event_id); return new; end $$");
				browser.type(By.id("backfill-limit"), "13");
				browser.click(By.id("launch-backfill"));
				confirm();
				browser.until("the backfill's answer", driver -> text(driver, "result").contains("Backfill of the 13 newest"));
				Await.until(Duration.ofSeconds(60), "the backfill of 13 to start",
						() -> db.count("select count(*) from batch_job_execution where status = 'STARTED'") == 1);
				long running = db.count("select job_execution_id from batch_job_execution where status = 'STARTED'");
				browser.open(base + "/executions/" + running);
				browser.click(By.id("stop"));
				confirm();
				browser.until("the stop's answer", driver -> text(driver, "result").contains("stops after its current chunk"));

				// then it ends STOPPED after a chunk, with part of its events written, and restarts to the end
				browser.until("execution " + running + " to be STOPPED", driver -> {
					driver.navigate().refresh();
					return text(driver, "execution-status").equals("STOPPED");
				});
				assertThat(db.count("select count(*) from public.event_embeddings")).isBetween(47L, 59L);
				db.jdbc().execute("create or replace function record_write() returns trigger language plpgsql as $$"
						+ " begin insert into embedding_writes values (new.event_id); return new; end $$");
				browser.click(By.id("restart"));
				confirm();
				browser.until("the restart's answer", driver -> text(driver, "result").contains("Restarting execution " + running));
				browser.until("the stopped backfill to be resumed", driver -> {
					driver.navigate().refresh();
					return !driver.findElements(By.id("restarted-as")).isEmpty();
				});
				browser.click(By.id("restarted-as"));
				browser.untilText(By.id("execution-status"), "COMPLETED");
				assertThat(db.missing()).isZero();
				browser.open(base + "/");

				// when they pause the schedule, then every scheduler holds its fire times, and a sync asked for
				// meanwhile runs at once in this process rather than waiting for the resume
				browser.click(By.id("pause-schedule"));
				confirm();
				browser.until("the pause's answer", driver -> text(driver, "result").startsWith("Schedule paused"));
				browser.open(base + "/");
				assertThat(browser.text(By.id("schedule-state"))).isEqualTo("PAUSED on every scheduler");
				browser.click(By.id("sync-now"));
				confirm();
				browser.until("the sync's answer", driver -> text(driver, "result").contains("the schedule is paused"));

				// and when they resume it, it runs again
				browser.click(By.id("resume-schedule"));
				confirm();
				browser.until("the resume's answer", driver -> text(driver, "result").equals("Schedule resumed."));
				browser.open(base + "/");
				assertThat(browser.text(By.id("schedule-state"))).isEqualTo("running");

				// and the errors and search pages open
				browser.open(base + "/errors");
				browser.find(By.id("no-errors"));
				pages.add(browser.pageSource());
				browser.open(base + "/events/search?q=" + "device+event");
				assertThat(browser.driver().findElements(By.cssSelector("#search-results tbody tr"))).hasSize(10);
				browser.screenshot(SCREENSHOTS.resolve("console-search.png"));
				pages.add(browser.pageSource());

				// and no page was refused a script or a style, and none held a secret
				assertThat(browser.cspViolations()).isEmpty();
				for (String page : pages) {
					assertThat(page).doesNotContain(adminToken).doesNotContain(searchToken)
						.doesNotContain(db.connection().password());
				}

				// when they sign out, then the console asks to sign in again
				browser.click(By.id("sign-out"));
				browser.find(By.id("signed-out"));
				browser.open(base + "/executions");
				browser.until("the sign-in page", driver -> driver.getCurrentUrl().endsWith("/login"));
			}
			finally {
				scheduler.destroy();
				scheduler.waitFor();
			}
		}
	}

	private static void confirm() {
		browser.until("the confirmation", ExpectedConditions.alertIsPresent()).accept();
	}

	private static String text(WebDriver driver, String id) {
		return driver.findElement(By.id(id)).getText();
	}

}
