-- Run steps: a run's own copy of its procedure's steps, with their data fields, signed off one by one.

create table run_steps (
    id              bigint generated always as identity primary key,
    organization_id bigint      not null references organizations on delete cascade,
    run_id          bigint      not null references runs on delete cascade,
    position        int         not null check (position >= 1),
    title           text        not null,
    instructions    text,
    fields          jsonb       not null default '[]',
    status          text        not null default 'TODO'
        check (status in ('TODO', 'IN_PROGRESS', 'COMPLETE', 'FAILED')),
    signed_off_by   bigint references users on delete set null,
    signed_off_at   timestamptz,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    etag            text        not null default new_etag()
);
create index run_steps_per_organization on run_steps (organization_id, id);
create index run_steps_per_run on run_steps (run_id, position);

select make_webhookable('run_steps', 'RUN_STEPS');
