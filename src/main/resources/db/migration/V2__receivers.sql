-- Receivers: where webhooks go. Secrets and header values are stored encrypted by the application.

create table webhook_receivers (
    id                         bigint generated always as identity primary key,
    organization_id            bigint      not null references organizations on delete cascade,
    name                       text        not null,
    description                text,
    webhook_uri                text        not null,
    shared_secret              text        not null,
    -- A rotated-out secret keeps signing beside the new one until it expires.
    previous_secret            text,
    previous_secret_expires_at timestamptz,
    content_type               text        not null default 'JSON'
        check (content_type in ('JSON', 'FORM_URLENCODED')),
    expected_response_code     int         not null default 200
        check (expected_response_code between 200 and 299),
    active                     boolean     not null default true,
    disabled_reason            text,
    consecutive_failures       int         not null default 0,
    failing_since              timestamptz,
    last_success_at            timestamptz,
    last_failure_at            timestamptz,
    created_by                 bigint references users on delete set null,
    created_at                 timestamptz not null default now(),
    updated_at                 timestamptz not null default now(),
    etag                       text        not null default new_etag()
);
create index webhook_receivers_per_organization on webhook_receivers (organization_id, id);

create table webhook_receiver_headers (
    id              bigint generated always as identity primary key,
    organization_id bigint not null references organizations on delete cascade,
    receiver_id     bigint not null references webhook_receivers on delete cascade,
    key             text   not null,
    value           text   not null
);
create unique index webhook_receiver_headers_key on webhook_receiver_headers (receiver_id, lower(key));
