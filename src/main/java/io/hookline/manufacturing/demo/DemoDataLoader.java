package io.hookline.manufacturing.demo;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * With {@code hookline.demo-data=true} ({@code HOOKLINE_DEMO_DATA=true}), fills the first
 * organization with {@link DemoPlant} once. It runs when the application is ready, after the
 * first start has created that organization.
 */
@Component
class DemoDataLoader {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final DemoPlant plant;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final boolean enabled;

    DemoDataLoader(DemoPlant plant, JdbcClient jdbc, TransactionTemplate transaction,
                   @Value("${hookline.demo-data:false}") boolean enabled) {
        this.plant = plant;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadOnStart() {
        if (!enabled) {
            return;
        }
        loadOnce().ifPresent(org -> log.info("Loaded the demo plant into organization {}", org));
    }

    /** Loads the plant into the first organization unless it got it before; returns the organization if loaded. */
    Optional<Long> loadOnce() {
        return transaction.execute(status -> {
            // Several processes may start together on one database: only one loads the plant.
            jdbc.sql("select pg_advisory_xact_lock(7245002)").query().singleValue();
            Optional<Long> first = jdbc.sql("select id from organizations order by id limit 1").query(Long.class).optional();
            if (first.isEmpty()) {
                return Optional.<Long>empty();
            }
            int marked = jdbc.sql("insert into demo_data_loads (organization_id) values (:org) on conflict do nothing")
                    .param("org", first.get()).update();
            if (marked == 0) {
                return Optional.<Long>empty();
            }
            plant.build(first.get());
            return first;
        });
    }
}
