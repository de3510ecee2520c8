package io.github.iotembeddings.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jspecify.annotations.Nullable;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driven through chromedriver: the distribution's packages (scripts/test.sh
 * installs Debian's {@code chromium} and {@code chromium-driver}), a fresh profile per instance, a fixed
 * window so screenshots are comparable from run to run. Both executables are given to Selenium, so
 * Selenium Manager never runs and nothing is downloaded. On Ubuntu, where chromium is a snap, set
 * {@code CHROMIUM_BINARY} and {@code CHROMEDRIVER} to the snap's paths.
 */
public final class HeadlessBrowser implements AutoCloseable {

	private static final Path DEFAULT_BINARY = Path.of("/usr/bin/chromium");

	private static final Path DEFAULT_DRIVER = Path.of("/usr/bin/chromedriver");

	private static final int WIDTH = 1280;

	private static final int HEIGHT = 900;

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	/**
	 * Quiet: Selenium warns at every start that it has no DevTools classes for this Chromium release; these
	 * tests use none (held here, since java.util.logging keeps only weak references to its loggers).
	 */
	private static final Logger CDP_VERSION_FINDER = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

	private final Path profile;

	private final ChromeDriverService service;

	private final ChromeDriver driver;

	/** Chromium's console so far: reading the driver's log drains it, so every read lands here first. */
	private final List<LogEntry> console = new ArrayList<>();

	private HeadlessBrowser(Path profile, ChromeDriverService service, ChromeDriver driver) {
		this.profile = profile;
		this.service = service;
		this.driver = driver;
	}

	/**
	 * Starts a browser.
	 * @throws AssertionError when chromium or chromedriver is missing: the browser tests fail rather than
	 * skip, since scripts/test.sh (and so CI) installs both
	 */
	public static HeadlessBrowser start() throws IOException {
		Path binary = executable("CHROMIUM_BINARY", DEFAULT_BINARY, "chromium");
		Path driverExecutable = executable("CHROMEDRIVER", DEFAULT_DRIVER, "chromium-driver");
		Path profile = Files.createTempDirectory("iot-embeddings-chromium");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverExecutable.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(binary.toFile());
		// --no-sandbox: the tests may run as root (in CI containers), where Chromium's sandbox refuses to start.
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
				"--window-size=" + WIDTH + "," + HEIGHT, "--force-device-scale-factor=1", "--hide-scrollbars",
				"--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check");
		// The console log holds what the page itself cannot report, e.g. Content-Security-Policy refusals.
		LoggingPreferences logging = new LoggingPreferences();
		logging.enable(LogType.BROWSER, Level.ALL);
		options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
		try {
			HeadlessBrowser browser = new HeadlessBrowser(profile, service, new ChromeDriver(service, options));
			browser.fitViewport();
			return browser;
		}
		catch (RuntimeException ex) {
			service.stop();
			deleteProfile(profile);
			throw ex;
		}
	}

	/**
	 * Sizes the window so that the page itself (what screenshots show) is WIDTH x HEIGHT: {@code
	 * --window-size} counts the window's own frame, whose height differs between Chromium releases.
	 */
	private void fitViewport() {
		List<?> viewport = (List<?>) driver.executeScript("return [window.innerWidth, window.innerHeight];");
		int width = ((Number) viewport.get(0)).intValue();
		int height = ((Number) viewport.get(1)).intValue();
		driver.manage().window().setSize(new Dimension(2 * WIDTH - width, 2 * HEIGHT - height));
	}

	private static Path executable(String variable, Path fallback, String debianPackage) {
		String configured = System.getenv(variable);
		Path path = (configured != null && !configured.isBlank()) ? Path.of(configured) : fallback;
		if (!Files.isExecutable(path)) {
			throw new AssertionError("no " + path + " to run the browser tests: run scripts/test.sh, which installs "
					+ debianPackage + " (Debian/Ubuntu), or set " + variable + " to its path");
		}
		return path;
	}

	private static Logger quiet(String name) {
		Logger logger = Logger.getLogger(name);
		logger.setLevel(Level.SEVERE);
		return logger;
	}

	/**
	 * Leaves the browser as a fresh one would be, for the next test of a class that shares one (starting
	 * Chromium costs seconds): a blank page, no cookies, an empty console.
	 */
	public void reset() {
		driver.get("about:blank");
		driver.manage().deleteAllCookies();
		consoleMessages();
		console.clear();
	}

	/** @return the underlying driver, for what these helpers do not cover */
	public WebDriver driver() {
		return driver;
	}

	/** Loads {@code url} and waits for its document to have loaded. */
	public void open(String url) {
		driver.get(url);
	}

	/**
	 * Polls until {@code condition} returns something other than {@code null} or {@code false}; an
	 * element not found yet counts as not yet, and so does one replaced while it was read (pages that
	 * refresh parts of themselves swap elements at any moment).
	 * @param what what is awaited, for the failure message
	 * @return the condition's last value
	 */
	public <T> T until(String what, Function<? super WebDriver, T> condition) {
		return new WebDriverWait(driver, TIMEOUT).pollingEvery(Duration.ofMillis(50))
			.withMessage("waiting for " + what)
			.ignoring(StaleElementReferenceException.class)
			.until(condition);
	}

	/** Polls until the element's text is {@code expected}. */
	public void untilText(By element, String expected) {
		until("the text of " + element + " to be \"" + expected + "\"",
				browser -> expected.equals(browser.findElement(element).getText()));
	}

	/** @return the element, once it is on the page */
	public WebElement find(By element) {
		return until(element + " on " + driver.getCurrentUrl(), browser -> browser.findElement(element));
	}

	public void click(By element) {
		find(element).click();
	}

	/** Replaces the field's value with {@code value}, as typed. */
	public void type(By field, String value) {
		WebElement input = find(field);
		input.clear();
		input.sendKeys(value);
	}

	/** @return the element's visible text */
	public String text(By element) {
		return find(element).getText();
	}

	/** @return the page's current DOM, serialised */
	public String pageSource() {
		return driver.getPageSource();
	}

	public String currentUrl() {
		return driver.getCurrentUrl();
	}

	public Set<Cookie> cookies() {
		return driver.manage().getCookies();
	}

	public @Nullable Cookie cookie(String name) {
		return driver.manage().getCookieNamed(name);
	}

	/** Writes a PNG of the window to {@code file}, creating its directory. */
	public Path screenshot(Path file) throws IOException {
		byte[] png = driver.getScreenshotAs(OutputType.BYTES);
		Path parent = file.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		return Files.write(file, png);
	}

	/** @return every console message since the browser started, e.g. {@code SEVERE http://... Refused to ...} */
	public List<String> consoleMessages() {
		driver.manage().logs().get(LogType.BROWSER).forEach(console::add);
		return console.stream().map(entry -> entry.getLevel() + " " + entry.getMessage()).toList();
	}

	/** @return the console's Content-Security-Policy refusals since the browser started */
	public List<String> cspViolations() {
		return consoleMessages().stream().filter(message -> message.contains("Content Security Policy")).toList();
	}

	@Override
	public void close() throws IOException {
		try {
			driver.quit();
		}
		finally {
			service.stop();
			deleteProfile(profile);
		}
	}

	private static void deleteProfile(Path profile) throws IOException {
		try (var paths = Files.walk(profile)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

}
