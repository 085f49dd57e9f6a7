package dev.seatflow.support.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Event loops of this service's own. Reactor Netty's default global resources are shared by every
 * server in the JVM and disposed when any one context closes, which would take down the other
 * services running beside it (the local launcher, tests).
 */
@Configuration(proxyBeanMethods = false)
public class NettyResourcesConfiguration {

    @Bean
    ReactorResourceFactory reactorResourceFactory() {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        return factory;
    }
}
