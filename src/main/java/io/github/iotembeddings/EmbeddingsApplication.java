package io.github.iotembeddings;

import io.github.iotembeddings.cli.Cli;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Spring Boot entry point; {@link Cli} parses the command line and runs one command. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EmbeddingsApplication {

	public static void main(String[] args) {
		System.exit(Cli.main(args));
	}

}
