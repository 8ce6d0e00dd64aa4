// The events page's filters (docs/console.md). Each one lives in the page's address, so a filtered
// list survives a reload and can be shared; the API does the filtering (WebhookEventFilters).
import {field, h} from './dom.js';
import {gql} from './api.js';
import {address, go} from './ui.js';

/** The filters in a page address; `from` and `to` are local date-times as the inputs give them. */
export function readFilters(params) {
    const one = name => params.get(name) ?? '';
    return {status: params.getAll('status'), receiver: one('receiver'), subscription: one('subscription'),
        resource: one('resource'), action: one('action'), from: one('from'), to: one('to'), id: one('id')};
}

/** The filters as the API takes them. */
export function apiFilters(filters) {
    const id = eventId(filters.id);
    return {
        ...(filters.status.length ? {status: filters.status} : {}),
        ...(filters.receiver ? {receiverId: filters.receiver} : {}),
        ...(filters.subscription ? {subscriptionId: filters.subscription} : {}),
        ...(filters.resource ? {resource: filters.resource} : {}),
        ...(filters.action ? {action: filters.action} : {}),
        ...(filters.from ? {createdAfter: new Date(filters.from).toISOString()} : {}),
        ...(filters.to ? {createdBefore: new Date(filters.to).toISOString()} : {}),
        ...(id ? {id} : {}),
    };
}

/** `123` or `evt_123`, the way the id appears in a receiver's logs (`webhook-id`). */
function eventId(text) {
    const match = /^\s*(?:evt_)?(\d+)\s*$/i.exec(text ?? '');
    return match ? match[1] : null;
}

export function filtersAddress(filters, extra = {}) {
    return address('#/events', {...filters, ...extra});
}

/** The receivers to choose from: the first 100 by name, and the chosen one even if it is not among them. */
export async function receiverChoices(chosen) {
    const data = await gql(`{ webhookReceivers(first: 100, sort: {field: NAME, direction: ASC}) {
        edges { node { id name } } } }`);
    const receivers = data.webhookReceivers.edges.map(edge => edge.node);
    if (chosen && !receivers.some(receiver => receiver.id === chosen)) {
        receivers.push({id: chosen, name: `Receiver ${chosen}`});
    }
    return receivers;
}

/**
 * The subscriptions to choose from: the chosen receiver's, or the first 100 of all, each named by what it
 * hears about (and its receiver when no receiver is chosen); the chosen one even if it is not among them.
 */
export async function subscriptionChoices(receiver, chosen) {
    const data = await gql(`query Subscriptions($filters: WebhookSubscriptionFilters) {
        webhookSubscriptions(first: 100, filters: $filters) {
            edges { node { id resource action receiver { name } } } } }`,
    {filters: receiver ? {receiverId: receiver} : {}});
    const choices = data.webhookSubscriptions.edges.map(({node}) => ({
        id: node.id,
        name: `#${node.id} ${node.resource} ${node.action}` + (receiver || !node.receiver ? '' : ` (${node.receiver.name})`),
    }));
    if (chosen && !choices.some(subscription => subscription.id === chosen)) {
        choices.push({id: chosen, name: `Subscription ${chosen}`});
    }
    return choices;
}

/** The filter form; any change goes to the filtered address at once, the id search on Enter or Find. */
export function filterForm(filters, enums, receivers, subscriptions) {
    const apply = form => go(filtersAddress(readForm(form)));
    const onChange = event => {
        const form = event.currentTarget.form;
        // Another receiver's subscriptions are other ones: a subscription chosen before no longer applies.
        if (event.currentTarget.name === 'receiver') {
            form.elements.subscription.value = '';
        }
        apply(form);
    };
    const choice = (name, label, options, chosen) => field(label, h('select', {name, onChange},
        h('option', {value: ''}, `Any ${label.toLowerCase()}`),
        options.map(([value, text]) => h('option', {value, selected: value === chosen}, text))));
    const when = (name, label) => field(label, h('input', {type: 'datetime-local', name, value: filters[name], onChange}));
    const active = Object.values(apiFilters(filters)).length > 0;
    return h('form', {
        class: 'filters', role: 'search', 'aria-label': 'Event filters',
        onSubmit: event => {
            event.preventDefault();
            apply(event.currentTarget);
        },
    },
    h('fieldset', {},
        h('legend', {}, 'Status'),
        enums.statuses.map(status => h('label', {class: 'check'},
            h('input', {type: 'checkbox', name: 'status', value: status, checked: filters.status.includes(status), onChange}),
            status))),
    h('div', {class: 'filter-fields'},
        field('Event id', h('input', {
            type: 'search', name: 'id', value: filters.id, placeholder: '123 or evt_123',
            pattern: '\\s*([eE][vV][tT]_)?[0-9]+\\s*', title: 'An event id: a number, or evt_ and a number',
        })),
        choice('receiver', 'Receiver', receivers.map(r => [r.id, r.name]), filters.receiver),
        choice('subscription', 'Subscription', subscriptions.map(s => [s.id, s.name]), filters.subscription),
        choice('resource', 'Resource', enums.resources.map(r => [r, r]), filters.resource),
        choice('action', 'Action', enums.actions.map(a => [a, a]), filters.action),
        when('from', 'Created from'),
        when('to', 'Created to'),
        h('div', {class: 'filter-buttons'},
            h('button', {type: 'submit'}, 'Find'),
            active ? h('a', {class: 'button secondary', href: '#/events'}, 'Clear filters') : null)));
}

function readForm(form) {
    const data = new FormData(form);
    const one = name => String(data.get(name) ?? '').trim();
    return {status: data.getAll('status'), receiver: one('receiver'), subscription: one('subscription'),
        resource: one('resource'), action: one('action'), from: one('from'), to: one('to'), id: one('id')};
}
