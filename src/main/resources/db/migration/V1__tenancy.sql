-- Organizations, their users and the API keys users call Hookline with.

-- An opaque version tag for optimistic concurrency: a client sends back the _etag it last read.
create function new_etag() returns text
    language sql volatile
as $$ select substr(md5(random()::text || clock_timestamp()::text), 1, 16) $$;

create table organizations (
    id         bigint generated always as identity primary key,
    name       text        not null,
    created_at timestamptz not null default now()
);

create table users (
    id              bigint generated always as identity primary key,
    organization_id bigint      not null references organizations on delete cascade,
    name            text        not null,
    email           text        not null,
    role            text        not null check (role in ('ADMIN', 'MEMBER')),
    created_at      timestamptz not null default now()
);
create unique index users_email_per_organization on users (organization_id, lower(email));

-- Only a SHA-256 of each token is kept; the token itself is shown once, when it is created.
create table api_keys (
    id              bigint generated always as identity primary key,
    organization_id bigint      not null references organizations on delete cascade,
    user_id         bigint      not null references users on delete cascade,
    name            text        not null,
    prefix          text        not null,
    token_hash      bytea       not null unique,
    created_at      timestamptz not null default now(),
    last_used_at    timestamptz,
    revoked_at      timestamptz
);
create index api_keys_per_organization on api_keys (organization_id, id);
