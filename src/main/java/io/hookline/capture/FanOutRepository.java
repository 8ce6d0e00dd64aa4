package io.hookline.capture;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class FanOutRepository {

    private final JdbcClient jdbc;

    FanOutRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What one statement did: changes taken, events created, and those of them claimed under the offer. */
    record Batch(int changes, int events, List<Handoff.Claimed> claimed) {
    }

    /** The advisory lock a fan-out holds for its transaction. */
    static final long FAN_OUT_LOCK = 7245004;

    /** Claims nothing: no worker in this process takes new events from the fan-out. */
    static final Handoff.Offer NO_OFFER = new Handoff.Offer(new UUID(0, 0), Instant.EPOCH, 0, 0, new Long[0]);

    /**
     * In one statement: takes up to {@code limit} changes unless another process is fanning out
     * right now (then nothing: that one goes on until no change is left), deletes them, and creates one event per matching active subscription (whose filter, if any, holds for the change)
     * of an active receiver:
     * its payload with the body fixed as text now, and its delivery state, due now. Up to the
     * offer's room of the new deliveries are claimed for this process right away and returned with
     * their bodies. Either all of it commits or none; a change is never rewritten to mark it done.
     */
    Batch fanOut(Instant now, int limit, Handoff.Offer offer) {
        return jdbc.sql("""
                        with changes as (
                            -- One fan-out at a time, across all processes: events are numbered in change
                            -- order, which two batches numbering at once would interleave. No row is locked
                            -- before it is deleted, so a change costs no lock record in the WAL either.
                            delete from change_log c
                            where c.id in (select id from change_log order by id limit :limit)
                              and (select pg_try_advisory_xact_lock(:fanOutLock))
                            returning c.*
                        ), key_fields as materialized (
                            -- The fields the keyed subscriptions of these changes' resources require.
                            select distinct k.organization_id, k.resource, k.action, k.field
                            from webhook_subscription_filter_keys k
                            where (k.organization_id, k.resource, k.action)
                                  in (select organization_id, resource, action from changes)
                        ), candidates as (
                            -- Subscriptions without a key are tried on every change of their resource; keyed
                            -- ones only where the change's value of their key field is one of their values.
                            -- Each row carries what the later steps need, so that no step joins two of these
                            -- steps' results by id (their sizes are unknown to the planner, and such a join
                            -- was planned as a nested loop, quadratic in the batch).
                            select c.id as change_id, c.organization_id, c.resource, c.action, c.transaction_id,
                                   c.occurred_at, c.new_row, c.old_row, c.changed_fields, c.row_id,
                                   s.id as subscription_id, s.receiver_id, s.filter_path
                            from changes c
                            join webhook_subscriptions s on s.organization_id = c.organization_id
                                 and s.resource = c.resource and s.action = c.action and s.filter_key is null
                                 and s.active
                            union all
                            select c.id, c.organization_id, c.resource, c.action, c.transaction_id,
                                   c.occurred_at, c.new_row, c.old_row, c.changed_fields, c.row_id,
                                   s.id, s.receiver_id, s.filter_path
                            from changes c
                            join key_fields f on f.organization_id = c.organization_id and f.resource = c.resource
                                 and f.action = c.action
                            join webhook_subscription_filter_keys k on k.organization_id = c.organization_id
                                 and k.resource = c.resource and k.action = c.action and k.field = f.field
                                 and k.value = (case when c.action = 'DELETE' then c.old_row else c.new_row end) -> f.field
                            join webhook_subscriptions s on s.id = k.subscription_id and s.active
                        ), numbered as (
                            -- Numbered in change order, so a receiver may order a row's events by event_id.
                            select nextval('webhook_events_id_seq') as event_id, m.*
                            from (select cand.*, r.relay,
                                         case r.ordering when 'PER_ROW' then cand.resource || '/' || cand.row_id
                                                         when 'ALL' then '*' end as row_key
                                  from candidates cand
                                  join webhook_receivers r on r.id = cand.receiver_id and r.active
                                  where cand.filter_path is null
                                     or webhook_filter_matches(cand.filter_path, cand.new_row, cand.old_row, cand.action)
                                  order by cand.change_id, cand.subscription_id) m
                        ), matches as materialized (
                            select n.*, webhook_event_body(n.event_id, n.subscription_id, n.receiver_id, n.resource,
                                                           n.action, false, n.transaction_id, n.occurred_at,
                                                           n.new_row, n.old_row, n.changed_fields) as body
                            from numbered n
                        ), inserted as (
                            insert into webhook_event_payloads (id, organization_id, subscription_id, receiver_id,
                                                                change_id, resource, action, transaction_id, body,
                                                                occurred_at, created_at)
                            select event_id, organization_id, subscription_id, receiver_id, change_id, resource, action,
                                   transaction_id, body, occurred_at, :now
                            from matches
                        ), offered as (
                            -- A relay receiver's events wait for its relay clients to pull them: never claimed here.
                            select m.event_id as id, m.organization_id, m.receiver_id, m.subscription_id, m.body,
                                   m.occurred_at, m.row_key,
                                   not m.relay
                                   -- Ordered receivers' events are taken by the claim, which keeps their order.
                                   and m.row_key is null
                                   and row_number() over (order by m.event_id) <= :room
                                   and row_number() over (partition by m.receiver_id order by m.event_id) <= :perReceiver
                                   and not (m.receiver_id = any (cast(:saturated as bigint[]))) as mine
                            from matches m
                        ), deliveries as (
                            insert into webhook_deliveries (event_id, receiver_id, subscription_id, next_attempt_at,
                                                            claim_token, leased_until, row_key)
                            select o.id, o.receiver_id, o.subscription_id, :now,
                                   case when mine then cast(:token as uuid) end,
                                   case when mine then cast(:leaseUntil as timestamptz) end, o.row_key
                            from offered o
                            returning event_id
                        )
                        select (select count(*) from changes) as changes, (select count(*) from deliveries) as events,
                               array(select id from offered where mine order by id) as ids,
                               array(select organization_id from offered where mine order by id) as organizations,
                               array(select receiver_id from offered where mine order by id) as receivers,
                               array(select body from offered where mine order by id) as bodies,
                               array(select occurred_at from offered where mine order by id) as occurred
                        """)
                .param("now", now.atOffset(ZoneOffset.UTC)).param("limit", limit).param("fanOutLock", FAN_OUT_LOCK)
                .param("room", offer.room()).param("perReceiver", offer.perReceiver())
                .param("saturated", offer.saturated()).param("token", offer.token())
                .param("leaseUntil", offer.leaseUntil().atOffset(ZoneOffset.UTC))
                .query((rs, n) -> new Batch(rs.getInt("changes"), rs.getInt("events"), claimed(rs)))
                .single();
    }

    private static List<Handoff.Claimed> claimed(ResultSet rs) throws SQLException {
        Long[] ids = (Long[]) rs.getArray("ids").getArray();
        Long[] organizations = (Long[]) rs.getArray("organizations").getArray();
        Long[] receivers = (Long[]) rs.getArray("receivers").getArray();
        String[] bodies = (String[]) rs.getArray("bodies").getArray();
        Timestamp[] occurred = (Timestamp[]) rs.getArray("occurred").getArray();
        List<Handoff.Claimed> claimed = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            claimed.add(new Handoff.Claimed(ids[i], organizations[i], receivers[i], bodies[i],
                    occurred[i].toInstant().atOffset(ZoneOffset.UTC)));
        }
        return claimed;
    }

    void notifyEvents() {
        jdbc.sql("select pg_notify('" + ChangeNotifications.EVENTS + "', '')").query().singleValue();
    }
}
