-- A try is known by its event and its number (the API has no other id for it), so that pair is the
-- primary key and the surrogate id goes: one index and one sequence step less per try.
alter table webhook_attempts drop constraint webhook_attempts_pkey;
alter table webhook_attempts drop column id;
alter table webhook_attempts drop constraint webhook_attempts_number,
    add constraint webhook_attempts_pkey primary key (event_id, number);
