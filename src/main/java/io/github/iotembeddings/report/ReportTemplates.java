package io.github.iotembeddings.report;

import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * The text of the reports, from Thymeleaf TEXT templates in {@code templates/reports/}, each named after the
 * file it writes ({@code emb_backfill.md}). The engine is the reports' own, not Boot's: that one renders the
 * console's HTML, while one-shot commands (a CronJob's {@code sync}) write reports too. It is built on first use,
 * since most runs of the tool write no report. Templates see their variables and {@code fmt} ({@link Formats}).
 * <p>
 * Every line break of a template is output, block tags' too: a block ({@code [# th:each="..."]}) opens at the end
 * of the line before the lines it repeats, each of which starts with its line break, and closes ({@code [/]})
 * where its last line ends.
 */
@Component
class ReportTemplates {

	static final String LOCATION = "templates/reports/";

	private final SingletonSupplier<ITemplateEngine> engine = SingletonSupplier.of(ReportTemplates::textEngine);

	/** @return the template's text with these variables */
	String render(String template, Map<String, ?> variables) {
		Context context = new Context(Locale.ROOT);
		variables.forEach(context::setVariable);
		context.setVariable("fmt", Formats.INSTANCE);
		return engine.obtain().process(template, context);
	}

	/**
	 * A part of other reports (a table or a phrase several of them share), to pass to their templates as a
	 * variable: TEXT mode inserts only whole files, and every file ends with a line break, which would end a
	 * phrase's line early or add an empty line after a table.
	 * @return the template's text without its final line break
	 */
	String part(String template, Map<String, ?> variables) {
		String text = render(template, variables);
		return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
	}

	/** SpEL (Thymeleaf's Spring dialect) for the expressions: the standard dialect's OGNL is not on the class path. */
	private static ITemplateEngine textEngine() {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(ReportTemplates.class.getClassLoader());
		resolver.setPrefix(LOCATION);
		resolver.setTemplateMode(TemplateMode.TEXT);
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCheckExistence(true);
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.setTemplateResolver(resolver);
		return engine;
	}

	/**
	 * Numbers and table cells as the reports have always printed them: {@link String#format} in the root locale
	 * (Thymeleaf's {@code #numbers} rounds half to even, and follows the locale).
	 */
	static final class Formats {

		static final Formats INSTANCE = new Formats();

		private Formats() {
		}

		/** @return e.g. {@code format('%.1f s', 2.25)} is {@code 2.3 s}; "-" for a value there is none of */
		public String format(String pattern, @Nullable Object value) {
			return (value != null) ? String.format(Locale.ROOT, pattern, value) : "-";
		}

		/** @return text for a Markdown table cell: at most {@code max} characters, its pipes escaped */
		public String cell(@Nullable Object text, int max) {
			String value = String.valueOf(text);
			return ((value.length() <= max) ? value : value.substring(0, max - 3) + "...").replace("|", "\\|");
		}

	}

}
