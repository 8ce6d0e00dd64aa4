// Receivers: the list, creating one, and one receiver with its subscriptions.
import {badge, definitionList, field, h, select, table, time} from './dom.js';
import {gql, schemaEnums} from './api.js';
import {address, formActions, formToggle, go, onSubmit, pageArgs, pager, run, showNotice} from './ui.js';
import {FILTER_SELECTION, filterEditor, filterSummary} from './filters.js';
import {RELAY_FIELDS, addressCell, relayRows} from './relay.js';
import {deleteButton, editForm, headerSection, rotateSecretButton, secretOverlap} from './receiver-edit.js';
import {DELIVERY_STATS, deliveryChart} from './delivery-chart.js';
import {payloadView} from './payload-view.js';

const PAGE_SIZE = 25;

const HEALTH = 'health { consecutiveFailures failingSince lastSuccessAt lastFailureAt disabledReason }';

const RECEIVER = `id name description webhookUri sharedSecret contentType expectedResponseCode active _etag previousSecretValidUntil ${RELAY_FIELDS}
  ordering maxConcurrency maxRequestsPerSecond
  createdAt updatedAt createdBy { name } ${HEALTH} ${DELIVERY_STATS}
  headers { id key value }
  subscriptions { id resource action active createdAt _etag filter { ${FILTER_SELECTION} } }`;

export async function receiverList(params, canChange) {
    const [data, enums] = await Promise.all([gql(`
        query Receivers($first: Int, $after: String, $last: Int, $before: String) {
          webhookReceivers(first: $first, after: $after, last: $last, before: $before,
                           sort: {field: NAME, direction: ASC}) {
            edges { node { id name webhookUri ${RELAY_FIELDS} active subscriptions { id } ${HEALTH} } }
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor totalCount count }
          }
        }`, pageArgs(params, PAGE_SIZE)), schemaEnums()]);
    const connection = data.webhookReceivers;
    const form = canChange ? createForm(enums) : null;
    return [
        h('div', {class: 'page-head'}, h('h1', {}, 'Receivers'), canChange ? formToggle('New receiver', form) : null),
        form,
        table('Receivers', ['Name', 'URL', 'State', 'Health', 'Subscriptions'],
            connection.edges.map(({node}) => [
                h('a', {href: `#/receivers/${node.id}`}, node.name),
                addressCell(node),
                activeBadge(node.active),
                healthSummary(node.health),
                String(node.subscriptions.length),
            ]),
            'No receivers yet. Create one to start receiving webhooks.'),
        connection.pageInfo.totalCount > 0
            ? pager(connection.pageInfo, cursor => address('#/receivers', cursor), 'Receiver pages') : null,
    ];
}

function createForm(enums) {
    const form = h('form', {id: 'new-receiver', class: 'card form-grid', hidden: true, 'aria-label': 'New receiver'},
        h('h2', {}, 'New receiver'),
        field('Name', h('input', {name: 'name', required: true, maxlength: 200, autocomplete: 'off'})),
        field('Webhook URL', h('input', {name: 'webhookUri', type: 'url', required: true,
            placeholder: 'https://example.com/webhooks'}),
            'https:// (http:// only where the server allows it: HOOKLINE_EGRESS_ALLOWHTTP)'),
        field('Content type', select('contentType', enums.contentTypes, 'JSON')),
        field('Expected response code', h('input', {name: 'expectedResponseCode', type: 'number',
            min: 200, max: 299, value: 200, required: true})),
        field('Description', h('input', {name: 'description', autocomplete: 'off'}), 'Optional'),
        formActions('Create receiver'));
    onSubmit(form, async values => {
        const data = await gql(`
            mutation Create($input: CreateWebhookReceiverInput!) {
              createWebhookReceiver(input: $input) { webhookReceiver { id name } }
            }`, {
            input: {
                name: values.name,
                webhookUri: values.webhookUri,
                contentType: values.contentType,
                expectedResponseCode: Number(values.expectedResponseCode),
                description: values.description || null,
            },
        });
        const created = data.createWebhookReceiver.webhookReceiver;
        go(`#/receivers/${created.id}`, `Receiver “${created.name}” created.`);
    });
    return form;
}

export async function receiverDetail(id, canChange) {
    const [data, enums] = await Promise.all([
        gql(`query Receiver($id: ID!) { webhookReceiver(id: $id) { ${RECEIVER} } }`, {id}),
        schemaEnums(),
    ]);
    const receiver = data.webhookReceiver;
    const reload = notice => go(`#/receivers/${receiver.id}`, notice);
    const settingsForm = canChange ? editForm(receiver, enums, reload) : null;
    const filterEditors = receiver.subscriptions.map(subscription =>
        filterEditor(subscription, `${subscription.resource} ${subscription.action}`, reload));
    const payloadViews = receiver.subscriptions.map(subscription =>
        payloadView(subscription, `${subscription.resource} ${subscription.action}`));
    return [
        h('p', {class: 'crumbs'}, h('a', {href: '#/receivers'}, '← Receivers')),
        h('div', {class: 'page-head'},
            h('h1', {}, receiver.name, ' ', activeBadge(receiver.active)),
            h('div', {class: 'actions'},
                canChange ? formToggle('Edit settings', settingsForm, 'secondary') : null,
                canChange ? pauseButton(receiver, reload) : null,
                canChange ? testButton(receiver) : null,
                h('a', {class: 'button secondary', href: address('#/events', {receiver: receiver.id})}, 'View events'),
                canChange ? deleteButton(receiver) : null)),
        settingsForm,
        h('div', {class: 'detail-grid'}, h('section', {class: 'card', 'aria-labelledby': 'settings-heading'},
            h('h2', {id: 'settings-heading'}, 'Settings'),
            definitionList([
                ...(receiver.relay ? relayRows(receiver, canChange, reload)
                    : [['Webhook URL', h('code', {class: 'url'}, receiver.webhookUri)]]),
                ['Description', receiver.description],
                ['Content type', receiver.contentType],
                ['Expected response code', String(receiver.expectedResponseCode)],
                ['Delivery', `${receiver.ordering === 'NONE' ? 'unordered' : `ordered ${receiver.ordering}`}, `
                    + `at most ${receiver.maxConcurrency} at once`
                    + (receiver.maxRequestsPerSecond == null ? '' : `, ${receiver.maxRequestsPerSecond} per second`)],
                ['Shared secret', [secret(receiver.sharedSecret, canChange), canChange ? rotateSecretButton(receiver, reload) : null,
                    secretOverlap(receiver)]],
                ['Created', [time(receiver.createdAt), receiver.createdBy ? ` by ${receiver.createdBy.name}` : '']],
                ['Updated', time(receiver.updatedAt)],
            ])),
        h('section', {class: 'card', 'aria-labelledby': 'health-heading'},
            h('h2', {id: 'health-heading'}, 'Health'),
            definitionList([
                ['Consecutive failures', String(receiver.health.consecutiveFailures)],
                ['Failing since', time(receiver.health.failingSince)],
                ['Last success', time(receiver.health.lastSuccessAt)],
                ['Last failure', time(receiver.health.lastFailureAt)],
                ['Disabled reason', receiver.health.disabledReason],
            ]))),
        deliveryChart(receiver.deliveryStats),
        headerSection(receiver, canChange, reload),
        h('section', {class: 'card', 'aria-labelledby': 'subscriptions-heading'},
            h('h2', {id: 'subscriptions-heading'}, 'Subscriptions'),
            table('Subscriptions', ['Resource', 'Action', 'Filter', 'State', 'Created', ''],
                receiver.subscriptions.map((subscription, i) => [
                    subscription.resource,
                    subscription.action,
                    h('code', {class: 'filter-summary'}, filterSummary(subscription.filter)),
                    activeBadge(subscription.active),
                    time(subscription.createdAt),
                    h('div', {class: 'actions'}, payloadViews[i].toggle,
                        canChange ? subscriptionActions(subscription, reload, filterEditors[i].toggle) : null),
                ]),
                'No subscriptions: this receiver gets only test events.'),
            payloadViews.map(view => view.panel),
            canChange ? filterEditors.map(editor => editor.editor) : null,
            canChange ? subscribeForm(receiver, enums, reload) : null),
    ];
}

function pauseButton(receiver, reload) {
    const pausing = receiver.active;
    return h('button', {
        type: 'button', class: 'secondary',
        onClick: event => run(event.currentTarget, async () => {
            await gql(`
                mutation Activate($input: UpdateWebhookReceiverInput!) {
                  updateWebhookReceiver(input: $input) { webhookReceiver { id active } }
                }`, {input: {id: receiver.id, etag: receiver._etag, active: !pausing}});
            reload(pausing ? 'Receiver paused: it gets no new events until resumed.' : 'Receiver resumed.');
        }),
    }, pausing ? 'Pause' : 'Resume');
}

function testButton(receiver) {
    return h('button', {
        type: 'button', class: 'secondary',
        onClick: event => run(event.currentTarget, async () => {
            const data = await gql(`
                mutation Test($id: ID!) { sendTestWebhookEvent(receiverId: $id) { webhookEvent { id } } }`,
                {id: receiver.id});
            const eventId = data.sendTestWebhookEvent.webhookEvent.id;
            showNotice(['Test event ', h('a', {href: `#/events/${eventId}`}, String(eventId)), ' queued.']);
        }),
    }, 'Send test event');
}

function secret(value, canChange) {
    if (!canChange || value.includes('********')) {
        // The server masks secrets for MEMBER keys: there is nothing to reveal, so nothing is offered.
        return h('span', {class: 'secret-row'}, h('code', {class: 'secret'}, value), ' only an ADMIN sees it');
    }
    const shown = h('code', {class: 'secret'}, '•'.repeat(24));
    const button = h('button', {
        type: 'button', class: 'secondary small', 'aria-pressed': 'false',
        onClick: () => {
            const reveal = button.getAttribute('aria-pressed') !== 'true';
            button.setAttribute('aria-pressed', String(reveal));
            button.textContent = reveal ? 'Hide' : 'Reveal';
            shown.textContent = reveal ? value : '•'.repeat(24);
        },
    }, 'Reveal');
    return h('span', {class: 'secret-row'}, shown, button);
}

function subscriptionActions(subscription, reload, filterToggle) {
    const label = `${subscription.resource} ${subscription.action}`;
    return [
        filterToggle,
        h('button', {
            type: 'button', class: 'secondary small', 'aria-label': `${subscription.active ? 'Pause' : 'Resume'} ${label}`,
            onClick: event => run(event.currentTarget, async () => {
                await gql(`
                    mutation Activate($input: UpdateWebhookSubscriptionInput!) {
                      updateWebhookSubscription(input: $input) { webhookSubscription { id active } }
                    }`, {input: {id: subscription.id, etag: subscription._etag, active: !subscription.active}});
                reload(`Subscription ${label} ${subscription.active ? 'paused' : 'resumed'}.`);
            }),
        }, subscription.active ? 'Pause' : 'Resume'),
        h('button', {
            type: 'button', class: 'danger small', 'aria-label': `Delete ${label}`,
            onClick: event => {
                if (!confirm(`Delete the subscription to ${label}? Its events stay in the audit trail.`)) {
                    return;
                }
                run(event.currentTarget, async () => {
                    await gql(`mutation Delete($id: ID!, $etag: String!) {
                                 deleteWebhookSubscription(id: $id, etag: $etag) { id } }`,
                        {id: subscription.id, etag: subscription._etag});
                    reload(`Subscription ${label} deleted.`);
                });
            },
        }, 'Delete'),
    ];
}

function subscribeForm(receiver, enums, reload) {
    const form = h('form', {class: 'inline-form', 'aria-label': 'Add subscription'},
        field('Resource', select('resource', enums.resources, 'RUNS')),
        field('Action', select('action', enums.actions, 'CREATE')),
        h('button', {type: 'submit'}, 'Add subscription'));
    onSubmit(form, async values => {
        await gql(`
            mutation Subscribe($input: CreateWebhookSubscriptionInput!) {
              createWebhookSubscription(input: $input) { webhookSubscription { id } }
            }`, {input: {receiverId: receiver.id, resource: values.resource, action: values.action}});
        reload(`Subscribed to ${values.resource} ${values.action}.`);
    });
    return form;
}

function activeBadge(active) {
    return active ? badge('Active', 'good') : badge('Inactive', 'muted');
}

function healthSummary(health) {
    if (health.disabledReason) {
        return badge(`Disabled: ${health.disabledReason}`, 'bad');
    }
    if (health.consecutiveFailures > 0) {
        return badge(`${health.consecutiveFailures} failure${health.consecutiveFailures === 1 ? '' : 's'} in a row`, 'warn');
    }
    return health.lastSuccessAt ? badge('Healthy', 'good') : h('span', {class: 'muted'}, 'No deliveries yet');
}
