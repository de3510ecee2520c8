package io.github.iotembeddings.console;

import java.util.List;

import io.github.iotembeddings.web.Refusals;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Lets an action take an {@link Answer}: htmx's requests get a fragment, plain posts a page. */
@Configuration(proxyBeanMethods = false)
@Profile("web")
class ConsoleWebConfiguration implements WebMvcConfigurer {

	private final ConsoleFormat format;

	private final Refusals refusals;

	ConsoleWebConfiguration(ConsoleFormat format, Refusals refusals) {
		this.format = format;
		this.refusals = refusals;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new HandlerMethodArgumentResolver() {

			@Override
			public boolean supportsParameter(MethodParameter parameter) {
				return parameter.getParameterType() == Answer.class;
			}

			@Override
			public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
					NativeWebRequest request, WebDataBinderFactory binderFactory) {
				boolean htmx = "true".equals(request.getHeader("HX-Request"));
				return new Answer(htmx, container.getModel(), request.getNativeResponse(HttpServletResponse.class), format,
						refusals);
			}

		});
	}

}
