package io.hookline.bench;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

/** The db-scheduler baseline: what a Java team would build instead, on the same receiver and bodies. */
final class DbSchedulerBaseline {

    private DbSchedulerBaseline() {
    }

    /** A delivery as the db-scheduler dispatcher stores it: the task's data, Java-serialized (the library default). */
    record Delivery(String url, String body) implements Serializable {
    }

    /** The db-scheduler table, as its repository gives it for PostgreSQL, under a name of its own. */
    static void createSchedulerTable(DataSource db) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    create table if not exists bench_scheduled_tasks (
                      task_name text not null,
                      task_instance text not null,
                      task_data bytea,
                      execution_time timestamp with time zone not null,
                      picked boolean not null,
                      picked_by text,
                      last_success timestamp with time zone,
                      last_failure timestamp with time zone,
                      consecutive_failures int,
                      last_heartbeat timestamp with time zone,
                      version bigint not null,
                      priority smallint,
                      primary key (task_name, task_instance)
                    );
                    create index if not exists bench_execution_time_idx on bench_scheduled_tasks (execution_time);
                    create index if not exists bench_last_heartbeat_idx on bench_scheduled_tasks (last_heartbeat);
                    create index if not exists bench_priority_execution_time_idx
                        on bench_scheduled_tasks (priority desc, execution_time asc);
                    """);
        }
    }

    /**
     * What a Java team would build instead: one db-scheduler one-time task per delivery, scheduled in
     * batches of 500 as the changes come, executed by {@code threads} scheduler threads that POST it
     * (a failed POST throws, so the library retries it later). Set up as the library's README recommends
     * for throughput on PostgreSQL: lock-and-fetch polling, immediate execution. The clock runs from the
     * first schedule call until the table is empty (every execution completed and deleted).
     */
    static Map<String, Object> measure(DataSource db, BenchReceiver receiver, int receivers, int events,
                                       int threads, BodyTemplate template, Duration limit) throws Exception {
        createSchedulerTable(db);
        receiver.drain();
        try (Poster poster = new Poster(threads, 8)) {
            OneTimeTask<Delivery> task = Tasks.oneTime("webhook-delivery", Delivery.class)
                    .execute((instance, context) -> {
                        Delivery d = instance.getData();
                        if (!poster.post(d.url(), "evt_" + instance.getId(), d.body())) {
                            throw new IllegalStateException("delivery failed");
                        }
                    });
            Scheduler scheduler = Scheduler.create(db, task)
                    .tableName("bench_scheduled_tasks")
                    .threads(threads)
                    .pollingInterval(Duration.ofSeconds(1))
                    .pollUsingLockAndFetch(0.5, 1.0)
                    .enableImmediateExecution()
                    .shutdownMaxWait(Duration.ofSeconds(5))
                    .build();
            scheduler.start();
            try {
                long start = System.nanoTime();
                List<TaskInstance<?>> batch = new ArrayList<>();
                for (int i = 0; i < events; i++) {
                    String title = "dbs" + receivers + "-" + i;
                    batch.add(task.instance(title, new Delivery(receiver.url(i % receivers), template.body(title))));
                    if (batch.size() == 500 || i == events - 1) {
                        scheduler.scheduleBatch(batch, Instant.now());
                        batch = new ArrayList<>();
                    }
                }
                double scheduledAfter = (System.nanoTime() - start) / 1e9;
                long deadline = start + limit.toNanos();
                long remaining;
                while ((remaining = remaining(db)) > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                List<Arrival> arrivals = receiver.drain();
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("events", events);
                out.put("threads", threads);
                out.put("scheduled_in_seconds", Stats.round(scheduledAfter, 2));
                out.put("seconds_until_last_completed", Stats.round(seconds, 2));
                out.put("unfinished", remaining);
                out.put("per_second", Stats.round((events - remaining) / seconds, 1));
                out.put("sustained_per_second", Stats.round(Stats.sustainedRate(arrivals), 1));
                return out;
            } finally {
                scheduler.stop();
                try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                    s.execute("delete from bench_scheduled_tasks");
                }
            }
        }
    }

    private static long remaining(DataSource db) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from bench_scheduled_tasks")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
