-- The data entered into a run step's fields. The field's name, type and limits are copied onto
-- the value, so a receiver learns which field was filled in from the webhook alone.

create table run_step_field_values (
    id              bigint generated always as identity primary key,
    organization_id bigint         not null references organizations on delete cascade,
    run_step_id     bigint         not null references run_steps on delete cascade,
    field_name      text           not null,
    field_type      text           not null check (field_type in ('NUMBER', 'TEXT', 'BOOLEAN')),
    number_value    numeric,
    text_value      text,
    boolean_value   boolean,
    minimum         numeric,
    maximum         numeric,
    -- A number outside its limits is kept, and flagged for review.
    out_of_limits   boolean        not null default false,
    entered_by      bigint references users on delete set null,
    created_at      timestamptz    not null default now(),
    updated_at      timestamptz    not null default now(),
    etag            text           not null default new_etag()
);
create index run_step_field_values_per_organization on run_step_field_values (organization_id, id);
create unique index run_step_field_values_one_per_field on run_step_field_values (run_step_id, field_name);

select make_webhookable('run_step_field_values', 'RUN_STEP_FIELD_VALUES');
