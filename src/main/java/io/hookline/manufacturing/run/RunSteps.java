package io.hookline.manufacturing.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.hookline.manufacturing.Rows;
import io.hookline.manufacturing.procedure.JsonColumns;
import io.hookline.manufacturing.procedure.StepTemplate;
import org.springframework.stereotype.Component;

/** Gives a new run its own copy of its procedure's steps, so later procedure versions leave it alone. */
@Component
public class RunSteps {

    private final Rows rows;

    RunSteps(Rows rows) {
        this.rows = rows;
    }

    public List<RunStep> copy(long organizationId, long runId, List<StepTemplate> steps) {
        return IntStream.range(0, steps.size()).mapToObj(i -> {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("run_id", runId);
            step.put("position", i + 1);
            step.put("title", steps.get(i).title());
            step.put("instructions", steps.get(i).instructions());
            step.put("fields", JsonColumns.json(steps.get(i).fields()));
            return rows.insert(RunStep.TABLE, organizationId, step);
        }).toList();
    }
}
