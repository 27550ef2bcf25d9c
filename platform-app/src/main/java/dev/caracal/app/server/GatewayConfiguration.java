package dev.caracal.app.server;

import dev.caracal.app.server.admission.AdmissionProperties;
import dev.caracal.app.server.config.RequestLimits;
import dev.caracal.app.server.http.ConnectionLimits;
import dev.caracal.app.server.security.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Binds the configuration of who may call the gateway, what it admits, how large a request may be and how long a
 * connection may take.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecurityProperties.class, AdmissionProperties.class, RequestLimits.class,
    ConnectionLimits.class})
class GatewayConfiguration {
}
