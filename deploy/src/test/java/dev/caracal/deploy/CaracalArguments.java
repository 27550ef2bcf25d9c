package dev.caracal.deploy;

import dev.caracal.cache.redis.RedisKvBlockStoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * A container's arguments, environment and application.yml as the Caracal application itself reads them: parsed by
 * its command line ({@code CaracalCommand}, picocli), and every {@code caracal.*} property bound by Spring's binder to
 * the application's {@code @ConfigurationProperties} classes (found by scanning {@code dev.caracal}) and to the Redis
 * tier's configuration. A property no class takes, or a value its class refuses, is a problem.
 */
final class CaracalArguments {

    /** Prefixes bound with Spring's {@code Binder} in code rather than through {@code @ConfigurationProperties}. */
    private static final Map<String, Class<?>> BOUND_IN_CODE = Map.of("caracal.cache.redis",
            RedisKvBlockStoreConfig.class);

    private static final String COMMAND = "dev.caracal.app.cli.CaracalCommand";
    private static final List<PropertyClass> PROPERTY_CLASSES = propertyClasses();
    private static final Map<String, Boolean> CONDITIONS = conditionProperties();

    /** A class the application binds its properties under {@code prefix} to. */
    record PropertyClass(String prefix, Class<?> type) {
    }

    /** What is wrong ({@code problems}), and the properties and options the application does not know yet. */
    record Verdict(List<String> problems, List<String> unknownProperties, List<String> unknownOptions) {
    }

    private CaracalArguments() {
    }

    /**
     * @param arguments   the container's arguments (the image's entrypoint runs {@code caracal} with them)
     * @param environment its environment variables that Spring reads as properties (CARACAL_...)
     * @param application the application.yml it reads, or null
     */
    static Verdict check(List<String> arguments, Map<String, String> environment, String application) {
        List<String> problems = new ArrayList<>();
        List<String> unknownOptions = new ArrayList<>();
        // The command line's properties over application.yml's, as Spring orders them; every name is tracked.
        Map<String, Object> properties = new LinkedHashMap<>();
        if (application != null) {
            properties.putAll(yaml(application));
        }
        try {
            ParseResult parsed = new CommandLine(command()).parseArgs(arguments.toArray(String[]::new));
            ParseResult command = parsed.subcommand();
            if (command == null) {
                problems.add("no caracal command in " + arguments);
            } else {
                for (String token : command.unmatched()) {
                    int equals = token.indexOf('=');
                    if (token.startsWith("--") && equals > 2) {
                        properties.put(token.substring(2, equals), token.substring(equals + 1));
                    } else {
                        unknownOptions.add(token);
                    }
                }
            }
        } catch (CommandLine.ParameterException refused) {
            problems.add("caracal refuses " + arguments + ": " + refused.getMessage());
        }
        // Environment variables have no canonical name to compare: each is a source of its own, tracked as such.
        Map<PropertySource<?>, String> variables = new LinkedHashMap<>();
        environment.forEach((name, value) -> variables.put(
                // Named as Spring names the environment's source, so that it maps names as it does there.
                new SystemEnvironmentPropertySource(name + "-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of(name, value)), name));

        List<ConfigurationPropertySource> sources = new ArrayList<>();
        ConfigurationPropertySources.from(new MapPropertySource("arguments and application.yml", properties))
                .forEach(sources::add);
        variables.keySet().forEach(source -> ConfigurationPropertySources.from(source).forEach(sources::add));
        Set<ConfigurationPropertyName> boundNames = new HashSet<>();
        Set<Object> usedSources = Collections.newSetFromMap(new IdentityHashMap<>());
        AbstractBindHandler recorder = new AbstractBindHandler() {
            @Override
            public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
                    Object result) {
                ConfigurationProperty property = context.getConfigurationProperty();
                if (property != null) {
                    boundNames.add(property.getName());
                    if (property.getSource() != null) {
                        usedSources.add(property.getSource().getUnderlyingSource());
                    }
                }
                return super.onSuccess(name, target, context, result);
            }
        };
        Binder binder = new Binder(sources, null, ApplicationConversionService.getSharedInstance());
        for (PropertyClass bound : PROPERTY_CLASSES) {
            try {
                binder.bind(bound.prefix(), Bindable.of(bound.type()), recorder);
            } catch (BindException refused) {
                Throwable cause = refused;
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                problems.add(refused.getName() + " cannot be bound to " + bound.type().getSimpleName() + ": "
                        + cause.getMessage());
            }
        }

        List<String> unknownProperties = new ArrayList<>();
        properties.forEach((name, value) -> {
            if (!name.toLowerCase(Locale.ROOT).startsWith("caracal")
                    || boundNames.contains(ConfigurationPropertyName.adapt(name, '.'))) {
                return;
            }
            Boolean flag = CONDITIONS.get(name);
            if (flag == null) {
                unknownProperties.add(name);
            } else if (flag && !Set.of("true", "false").contains(String.valueOf(value))) {
                problems.add(name + " switches a part of the application on or off: true or false, not " + value);
            }
        });
        variables.forEach((source, name) -> {
            if (name.startsWith("CARACAL_") && !usedSources.contains(source)) {
                unknownProperties.add(name);
            }
        });
        return new Verdict(problems, unknownProperties, unknownOptions);
    }

    /**
     * A new {@code caracal} command (dev.caracal.app.cli.CaracalCommand). The application's classes join the test's
     * class path at run time only (platform-app/target/classes, see pom.xml), so it is found by name.
     */
    static Object command() {
        try {
            return Class.forName(COMMAND).getConstructor().newInstance();
        } catch (ClassNotFoundException missing) {
            throw new IllegalStateException(COMMAND + " is not on the class path: build platform-app first (./mvnw"
                    + " -pl platform-app -am compile), its classes are read from platform-app/target/classes", missing);
        } catch (ReflectiveOperationException failure) {
            throw new IllegalStateException(failure);
        }
    }

    /**
     * The properties that switch configuration on or off ({@code @ConditionalOnBooleanProperty},
     * {@code @ConditionalOnProperty} on the application's classes and bean methods), which no class binds; true for
     * those that must be a boolean.
     */
    static Map<String, Boolean> conditionProperties() {
        // The scanner drops classes whose conditions do not hold here, so the filter itself reads every class.
        List<AnnotationMetadata> classes = new ArrayList<>();
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter((reader, factory) -> classes.add(reader.getAnnotationMetadata()) && false);
        scanner.findCandidateComponents("dev.caracal");
        Map<String, Boolean> conditions = new LinkedHashMap<>();
        for (AnnotationMetadata metadata : classes) {
            List<AnnotatedTypeMetadata> annotated = new ArrayList<>(List.of(metadata));
            for (Class<?> condition : List.of(ConditionalOnBooleanProperty.class, ConditionalOnProperty.class)) {
                annotated.addAll(metadata.getAnnotatedMethods(condition.getName()));
            }
            for (AnnotatedTypeMetadata element : annotated) {
                for (Class<?> condition : List.of(ConditionalOnBooleanProperty.class, ConditionalOnProperty.class)) {
                    Map<String, Object> attributes = element.getAnnotationAttributes(condition.getName());
                    if (attributes == null) {
                        continue;
                    }
                    String prefix = (String) attributes.get("prefix");
                    for (String attribute : List.of("name", "value")) {
                        for (String name : (String[]) attributes.get(attribute)) {
                            conditions.put(prefix.isEmpty() ? name : prefix.replaceAll("\\.$", "") + "." + name,
                                    condition == ConditionalOnBooleanProperty.class);
                        }
                    }
                }
            }
        }
        return conditions;
    }

    /** The application.yml as flat property names and values, as Spring Boot loads it. */
    private static Map<String, Object> yaml(String application) {
        Map<String, Object> properties = new LinkedHashMap<>();
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yml",
                    new ByteArrayResource(application.getBytes(StandardCharsets.UTF_8)))) {
                if (source.getSource() instanceof Map<?, ?> map) {
                    map.forEach((name, value) -> properties.put((String) name,
                            value instanceof OriginTrackedValue tracked ? tracked.getValue() : value));
                }
            }
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        return properties;
    }

    /** Every {@code @ConfigurationProperties} class of the application, and those bound in code. */
    static List<PropertyClass> propertyClasses() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<PropertyClass> classes = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("dev.caracal")) {
            Class<?> type;
            try {
                type = Class.forName(candidate.getBeanClassName());
            } catch (ClassNotFoundException impossible) {
                throw new IllegalStateException(impossible);
            }
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            classes.add(new PropertyClass(annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix(),
                    type));
        }
        BOUND_IN_CODE.forEach((prefix, type) -> classes.add(new PropertyClass(prefix, type)));
        return List.copyOf(classes);
    }
}
