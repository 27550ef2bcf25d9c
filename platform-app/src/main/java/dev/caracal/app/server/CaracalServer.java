package dev.caracal.app.server;

import dev.caracal.app.server.config.GatewayProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The gateway: an OpenAI-compatible API over the models of {@link CaracalProperties}, stood up by Caracal's Spring Boot
 * auto-configuration (as in any embedding application), with Actuator metrics.
 */
@SpringBootApplication
@EnableConfigurationProperties(GatewayProperties.class)
public class CaracalServer {

    /** Starts the server ({@code spring-boot:run}); {@code caracal serve} is the usual way. */
    public static void main(String[] arguments) {
        start(arguments);
    }

    /** Starts the server with Spring Boot's command-line arguments ({@code --caracal.port=8001}, ...). */
    public static ConfigurableApplicationContext start(String[] arguments) {
        SpringApplication application = new SpringApplication(CaracalServer.class);
        application.setMainApplicationClass(CaracalServer.class);
        return application.run(arguments);
    }
}
