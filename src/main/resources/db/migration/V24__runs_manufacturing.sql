-- Runs become a procedure executed for a part and quantity at a workcenter. Every new column is
-- optional, so a run with just a title (and rows written before this migration) stays valid.

alter table runs
    add column procedure_id  bigint references procedures,
    add column part_id       bigint references parts,
    add column quantity      numeric(18, 6) check (quantity >= 0),
    add column workcenter_id bigint references locations,
    add column started_by    bigint references users on delete set null,
    add column started_at    timestamptz,
    add column completed_at  timestamptz;
