-- Each try keeps the request as it was sent (docs/receiving.md): the URL and every request header,
-- custom header values masked. Both null on tries recorded before this, and when nothing was built.
alter table webhook_attempts add column request_url text, add column request_headers text;

-- The headers a relay client was handed with its claim, kept until its answer is recorded as an
-- attempt: the answer comes back in another request, and the headers carry the claim's timestamp.
create table webhook_relay_requests (
    event_id        bigint primary key references webhook_event_payloads on delete cascade,
    claim_token     uuid not null,
    request_headers text not null
);
