-- Issues: non-conformances, optionally linked to the run, run step and part they concern.

create table issues (
    id              bigint generated always as identity primary key,
    organization_id bigint      not null references organizations on delete cascade,
    title           text        not null,
    description     text,
    severity        text        not null default 'MEDIUM' check (severity in ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    status          text        not null default 'OPEN' check (status in ('OPEN', 'IN_REVIEW', 'CLOSED')),
    -- A non-conformance is a quality record: what it concerns cannot be deleted from under it.
    run_id          bigint references runs,
    run_step_id     bigint references run_steps,
    part_id         bigint references parts,
    created_by      bigint references users on delete set null,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    etag            text        not null default new_etag()
);
create index issues_per_organization on issues (organization_id, id);
create index issues_per_run on issues (run_id) where run_id is not null;
create index issues_per_run_step on issues (run_step_id) where run_step_id is not null;
create index issues_per_part on issues (part_id) where part_id is not null;

select make_webhookable('issues', 'ISSUES');
