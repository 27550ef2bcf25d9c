package dev.caracal.app.server.admin;

import dev.caracal.app.server.error.OpenAiException;
import dev.caracal.app.server.security.AdminSessions;
import dev.caracal.app.server.security.Role;
import dev.caracal.app.server.security.RouteAccess;
import dev.caracal.app.server.security.TenantDirectory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The admin UI's page and files (module admin-ui: {@code /admin/} and {@code /admin/ui/FILE}, public: they hold no
 * data) and its sessions: {@code GET /admin/session} says whether the caller is signed in and gives the CSRF token,
 * {@code POST /admin/session} signs an admin key in (an HttpOnly, SameSite=Strict cookie), {@code DELETE} signs out.
 */
@Configuration(proxyBeanMethods = false)
class AdminUiRoutes {

    /** Where the admin-ui module keeps its files on the class path. */
    static final String UI_FOLDER = "caracal-admin-ui/";

    private final RouteAccess access;
    private final AdminSessions sessions;
    private final TenantDirectory tenants;

    AdminUiRoutes(RouteAccess access, AdminSessions sessions, TenantDirectory tenants) {
        this.access = access;
        this.sessions = sessions;
        this.tenants = tenants;
    }

    @Bean
    RouterFunction<ServerResponse> adminUi() {
        Resource index = new ClassPathResource(UI_FOLDER + "index.html");
        return access.open(RouterFunctions.route()
                .GET("/admin", request -> ServerResponse.permanentRedirect(java.net.URI.create("/admin/")).build())
                .GET("/admin/", request -> index.exists()
                        ? ServerResponse.ok().contentType(MediaType.TEXT_HTML).cacheControl(CacheControl.noCache())
                                .header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:;"
                                        + " style-src 'self'; frame-ancestors 'none'")
                                .header("X-Frame-Options", "DENY").bodyValue(index)
                        : Mono.error(new OpenAiException(org.springframework.http.HttpStatus.NOT_FOUND,
                                "invalid_request_error", "The admin UI is not in this build (module admin-ui)", null,
                                "not_found", Map.of())))
                .GET("/admin/session", this::session)
                .POST("/admin/session", this::signIn)
                .DELETE("/admin/session", this::signOut)
                .build()
                .and(RouterFunctions.resources("/admin/ui/**", new ClassPathResource(UI_FOLDER))));
    }

    /** What a session looks like to the UI. */
    record SessionView(boolean tenantsConfigured, boolean signedIn, String tenant, String csrfToken) {
    }

    record SignIn(String key) {
    }

    private Mono<ServerResponse> session(ServerRequest request) {
        if (!tenants.isEnabled()) {
            boolean local = RouteAccess.fromThisMachine(request.exchange());
            return AdminJson.ok(new SessionView(false, local, null, local ? "" : null));
        }
        return AdminJson.ok(sessions.find(request.exchange())
                .map(session -> new SessionView(true, true, session.tenant().name(), session.csrfToken()))
                .orElse(new SessionView(true, false, null, null)));
    }

    private Mono<ServerResponse> signIn(ServerRequest request) {
        return request.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                .map(body -> AdminJson.read(body, SignIn.class)).flatMap(body -> {
                    if (!tenants.isEnabled()) {
                        return Mono.error(OpenAiException.invalid(null, "No tenant is configured: the admin UI needs"
                                + " no sign-in on this machine"));
                    }
                    var tenant = body.key() == null ? java.util.Optional.<dev.caracal.app.server.security.Tenant>empty()
                            : tenants.authenticate(body.key().strip());
                    if (tenant.isEmpty() || !tenant.get().roles().contains(Role.ADMIN)) {
                        return Mono.error(OpenAiException.unauthorized(tenant.isEmpty() ? "Incorrect API key provided"
                                : "This API key does not have the admin role the admin UI needs"));
                    }
                    AdminSessions.Session session = sessions.open(tenant.get(), request.exchange());
                    Map<String, Object> view = new LinkedHashMap<>();
                    view.put("tenant", tenant.get().name());
                    view.put("csrfToken", session.csrfToken());
                    return AdminJson.ok(view);
                });
    }

    private Mono<ServerResponse> signOut(ServerRequest request) {
        sessions.close(request.exchange());
        return ServerResponse.noContent().build();
    }
}
