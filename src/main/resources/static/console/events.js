// The audit trail: every event, newest first, and one event with every try to deliver it.
import {definitionList, h, prettyJson, replace, statusBadge, table, time} from './dom.js';
import {gql, schemaEnums} from './api.js';
import {go, pager, run, showError, showNotice} from './ui.js';
import {apiFilters, filterForm, filtersAddress, readFilters, receiverChoices,
    subscriptionChoices} from './event-filters.js';
import {attemptTable} from './attempts.js';

const PAGE_SIZE = 25;
const REFRESH_MS = 3000;

const LIST = `
    query Events($first: Int, $after: String, $last: Int, $before: String, $filters: WebhookEventFilters) {
      webhookEvents(first: $first, after: $after, last: $last, before: $before, filters: $filters) {
        edges { node { id status resource action test attemptCount createdAt nextAttemptAt receiver { id name } } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor totalCount count }
      }
    }`;

let refreshTimer = null;
/** The events chosen for a retry together; kept while the list refreshes itself. */
const selected = new Set();
const RETRY = `mutation Retry($id: ID!) { retryWebhookEvent(id: $id) { webhookEvent { id status } } }`;

/** Stops the list's auto-refresh; the router calls it before showing any page. */
export function leaveEvents() {
    clearInterval(refreshTimer);
    refreshTimer = null;
    selected.clear();
}

export async function eventList(params, canChange) {
    const filters = readFilters(params);
    const variables = {first: PAGE_SIZE, filters: apiFilters(filters)};
    if (params.get('before')) {
        Object.assign(variables, {first: null, last: PAGE_SIZE, before: params.get('before')});
    } else if (params.get('after')) {
        variables.after = params.get('after');
    }
    const [data, enums, receivers, subscriptions] = await Promise.all([gql(LIST, variables), schemaEnums(),
        receiverChoices(filters.receiver), subscriptionChoices(filters.receiver, filters.subscription)]);
    const here = extra => filtersAddress(filters, extra);

    const bulk = canChange ? retryBar() : null;
    const rows = connection => eventTable(connection, here, bulk?.update);
    const results = h('div', {id: 'event-results'}, rows(data.webhookEvents));
    const refresh = async () => replace(results, rows((await gql(LIST, variables)).webhookEvents));
    // run() enables its button again when done: the selection, now empty, decides after it.
    bulk?.button.addEventListener('click', click => run(click.currentTarget, async () => {
        await retrySelected();
        await refresh();
    }).then(bulk.update));
    const refreshButton = h('button', {
        type: 'button', class: 'secondary', onClick: event => run(event.currentTarget, refresh),
    }, 'Refresh');
    // Only the newest page follows along: older pages stay put while someone reads them.
    const onNewest = !params.get('after') && !params.get('before');
    const auto = h('input', {type: 'checkbox', id: 'auto-refresh', checked: onNewest, disabled: !onNewest});
    const schedule = () => {
        leaveEvents();
        if (auto.checked) {
            refreshTimer = setInterval(() => {
                if (!document.hidden) {
                    refresh().catch(error => {
                        auto.checked = false;
                        leaveEvents();
                        showError(error);
                    });
                }
            }, REFRESH_MS);
        }
    };
    auto.addEventListener('change', schedule);
    schedule();

    return [
        h('div', {class: 'page-head'},
            h('h1', {}, 'Events'),
            h('div', {class: 'actions'},
                h('label', {class: 'check', for: 'auto-refresh'}, auto, 'Auto-refresh'),
                refreshButton)),
        filterForm(filters, enums, receivers, subscriptions),
        canChange ? replayBar(filters, receivers, refresh) : null,
        bulk?.element,
        results,
    ];
}

/**
 * Sends a receiver's events again since a time (replayWebhookEvents): offered once the filters name
 * one receiver and a "from" time; the statuses chosen, or FAILED when none is. Attempts are kept.
 */
function replayBar(filters, receivers, refresh) {
    if (!filters.receiver || !filters.from) {
        return h('p', {class: 'muted replay-hint'},
            'To send a receiver\'s events again, choose the receiver and a "from" time.');
    }
    const receiver = receivers.find(r => r.id === filters.receiver)?.name ?? `Receiver ${filters.receiver}`;
    const statuses = filters.status.length ? filters.status : ['FAILED'];
    const since = new Date(filters.from);
    const what = `${statuses.join(' or ')} events of ${receiver} created since ${since.toLocaleString()}`;
    return h('div', {class: 'replay-bar send-again'},
        h('button', {
            type: 'button', class: 'secondary',
            onClick: click => run(click.currentTarget, async () => {
                if (!confirm(`Send again the ${what}? They become due now; their attempts are kept.`)) {
                    return;
                }
                const data = await gql(`mutation Replay($input: ReplayWebhookEventsInput!) {
                    replayWebhookEvents(input: $input) { count } }`,
                {input: {receiverId: filters.receiver, since: since.toISOString(), statuses}});
                showNotice(`${data.replayWebhookEvents.count} events are due again.`);
                await refresh();
            }),
        }, 'Send again'),
        ' ', h('span', {}, `the ${what}`));
}

/** {@code onSelect}, when given, adds a checkbox per event for a retry together. */
function eventTable(connection, here, onSelect) {
    const choose = node => h('input', {
        type: 'checkbox', checked: selected.has(node.id), 'aria-label': `Select event #${node.id}`,
        onChange: change => {
            if (change.currentTarget.checked) {
                selected.add(node.id);
            } else {
                selected.delete(node.id);
            }
            onSelect();
        },
    });
    return [
        table('Events', [...(onSelect ? ['Select'] : []), 'Event', 'Status', 'What', 'Receiver', 'Tries', 'Created',
            'Next try'],
            connection.edges.map(({node}) => [
                ...(onSelect ? [choose(node)] : []),
                h('a', {href: `#/events/${node.id}`}, `#${node.id}`),
                statusBadge(node.status),
                what(node),
                node.receiver ? h('a', {href: `#/receivers/${node.receiver.id}`}, node.receiver.name)
                    : h('span', {class: 'muted'}, 'deleted'),
                String(node.attemptCount),
                time(node.createdAt),
                time(node.nextAttemptAt),
            ]),
            'No events match.'),
        connection.pageInfo.totalCount > 0 ? pager(connection.pageInfo, here, 'Event pages') : null,
    ];
}

function what(event) {
    return event.test ? h('span', {class: 'badge info'}, 'test') : `${event.resource} ${event.action}`;
}

export async function eventDetail(id, canChange) {
    const data = await gql(`
        query Event($id: ID!) {
          webhookEvent(id: $id) {
            id status resource action test payload transactionId attemptCount nextAttemptAt occurredAt createdAt
            completedAt receiver { id name } subscription { id resource action }
            attempts { number trigger startedAt durationMs responseStatus responseHeaders responseBody errorKind error
                       requestUrl requestHeaders requestBody }
          }
        }`, {id});
    const event = data.webhookEvent;
    followUnfinished(event);
    return [
        h('p', {class: 'crumbs'}, h('a', {href: '#/events'}, '← Events')),
        h('div', {class: 'page-head'},
            h('h1', {}, `Event #${event.id} `, statusBadge(event.status)),
            h('div', {class: 'actions'}, canChange ? h('button', {
                type: 'button',
                onClick: click => run(click.currentTarget, async () => {
                    await gql(RETRY, {id: event.id});
                    go(`#/events/${event.id}`, `Event ${event.id} is due now.`);
                }),
            }, 'Retry now') : null)),
        h('section', {class: 'card', 'aria-labelledby': 'event-heading'},
            h('h2', {id: 'event-heading', class: 'visually-hidden'}, 'Summary'),
            definitionList([
                ['What', what(event)],
                ['Receiver', event.receiver
                    ? h('a', {href: `#/receivers/${event.receiver.id}`}, event.receiver.name) : 'deleted'],
                ['Subscription', event.subscription ? `#${event.subscription.id}` : null],
                ['Transaction', event.transactionId],
                ['Occurred', time(event.occurredAt)],
                ['Created', time(event.createdAt)],
                ['Next try', time(event.nextAttemptAt)],
                ['Completed', time(event.completedAt)],
            ])),
        h('section', {class: 'card', 'aria-labelledby': 'attempts-heading'},
            h('h2', {id: 'attempts-heading'}, `Attempts (${event.attemptCount})`),
            attemptTable(event.attempts)),
        h('section', {class: 'card', 'aria-labelledby': 'payload-heading'},
            h('h2', {id: 'payload-heading'}, 'Payload ',
                h('span', {class: 'muted'}, '(formatted for reading; each attempt shows the exact body it sent)')),
            h('pre', {class: 'code', tabindex: 0, 'aria-label': 'Payload JSON'}, prettyJson(event.payload))),
    ];
}

/**
 * While an event is still due or being retried, its page looks again every few seconds and shows
 * itself anew once its status or its attempts changed, so a retry's outcome appears without a reload.
 */
function followUnfinished(event) {
    if (!['PENDING', 'RETRYING'].includes(event.status)) {
        return;
    }
    refreshTimer = setInterval(async () => {
        if (document.hidden) {
            return;
        }
        try {
            const now = (await gql(`query EventState($id: ID!) { webhookEvent(id: $id) { status attemptCount } }`,
                {id: event.id})).webhookEvent;
            if (now.status !== event.status || now.attemptCount !== event.attemptCount) {
                leaveEvents();
                go(`#/events/${event.id}`);
            }
        } catch (error) {
            leaveEvents();
            showError(error);
        }
    }, REFRESH_MS);
}

/** The "Retry selected" button and what it would retry; {@code update} follows the selection. */
function retryBar() {
    const count = h('span', {class: 'muted'});
    const button = h('button', {type: 'button', class: 'secondary'}, 'Retry selected');
    const update = () => {
        button.disabled = selected.size === 0;
        count.textContent = selected.size ? `${selected.size} selected` : 'Select events to retry them together.';
    };
    update();
    return {element: h('div', {class: 'replay-bar retry-bar'}, button, ' ', count), button, update};
}

/** Retries each selected event as a MANUAL try; says how many became due and which were refused, and why. */
async function retrySelected() {
    const ids = [...selected];
    const refused = [];
    for (const id of ids) {
        try {
            await gql(RETRY, {id});
        } catch (error) {
            refused.push(`#${id}: ${error.message}`);
        }
    }
    selected.clear();
    showNotice(`${ids.length - refused.length} of ${ids.length} events are due now.`
        + (refused.length ? ` Not retried: ${refused.join('; ')}` : ''));
}
