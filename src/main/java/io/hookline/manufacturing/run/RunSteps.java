package io.hookline.manufacturing.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.hookline.manufacturing.Rows;
import io.hookline.manufacturing.procedure.JsonColumns;
import io.hookline.manufacturing.procedure.StepTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes a run's steps in position order: a new run gets its own copy of its procedure's steps, so
 * later procedure versions leave it alone; a step added by hand goes after the run's last one.
 */
@Component
public class RunSteps {

    private final Rows rows;
    private final JdbcClient jdbc;

    RunSteps(Rows rows, JdbcClient jdbc) {
        this.rows = rows;
        this.jdbc = jdbc;
    }

    public List<RunStep> copy(long organizationId, long runId, List<StepTemplate> steps) {
        return IntStream.range(0, steps.size())
                .mapToObj(i -> insert(organizationId, runId, i + 1, steps.get(i)))
                .toList();
    }

    /** Adds {@code step} after the run's last step. */
    RunStep append(long organizationId, long runId, StepTemplate step) {
        int position = jdbc.sql("select coalesce(max(position), 0) + 1 from run_steps where run_id = :run")
                .param("run", runId).query(Integer.class).single();
        return insert(organizationId, runId, position, step);
    }

    private RunStep insert(long organizationId, long runId, int position, StepTemplate step) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("run_id", runId);
        values.put("position", position);
        values.put("title", step.title());
        values.put("instructions", step.instructions());
        values.put("fields", JsonColumns.json(step.fields()));
        return rows.insert(RunStep.TABLE, organizationId, values);
    }
}
