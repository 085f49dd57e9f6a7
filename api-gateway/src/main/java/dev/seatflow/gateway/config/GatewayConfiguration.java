package dev.seatflow.gateway.config;

import dev.seatflow.gateway.security.CallerArgumentResolver;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

@Configuration(proxyBeanMethods = false)
public class GatewayConfiguration implements WebFluxConfigurer {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(new CallerArgumentResolver());
    }
}
