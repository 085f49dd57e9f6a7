package dev.seatflow.support;

import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Builds a Seatflow service's Spring application with its own configuration files
 * ({@code seatflow-common.yml} and {@code <name>.yml}), so several services can share one JVM
 * (the local launcher) without reading each other's settings.
 */
public final class ServiceLauncher {

    private ServiceLauncher() {
    }

    public static SpringApplicationBuilder application(String name, Class<?> source) {
        return new SpringApplicationBuilder(source)
                .main(source)
                .properties("spring.config.name=seatflow-common," + name, "spring.application.name=" + name);
    }
}
