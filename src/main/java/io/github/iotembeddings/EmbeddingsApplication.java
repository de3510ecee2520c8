package io.github.iotembeddings;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The application's configuration root: what Spring Boot scans and configures. The jar's entry point is
 * {@code cli.Cli}, which parses the command line and starts this application for one command.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EmbeddingsApplication {

}
