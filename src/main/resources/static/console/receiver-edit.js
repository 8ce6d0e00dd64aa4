// Changing a receiver (docs/console.md): its settings, its secret, its custom headers, and deleting it.
import {field, h, relativeTime, select, table, time} from './dom.js';
import {gql} from './api.js';
import {formActions, go, onSubmit, run} from './ui.js';

const UPDATE = `
    mutation Update($input: UpdateWebhookReceiverInput!) {
      updateWebhookReceiver(input: $input) { webhookReceiver { id name } }
    }`;

/** The delivery controls (docs/delivery-controls.md): ordering, and the caps across every Hookline process. */
function deliveryControlFields(receiver, enums) {
    return [
        field('Ordering', select('ordering', enums.orderings, receiver.ordering),
            'PER_ROW: one row\'s events one at a time, in change order; ALL: the whole receiver\'s'),
        field('Max concurrency', h('input', {name: 'maxConcurrency', type: 'number', min: 1, max: 64, required: true,
            value: receiver.maxConcurrency}), 'Requests in flight at once, 1 to 64'),
        field('Max requests per second', h('input', {name: 'maxRequestsPerSecond', type: 'number', min: 0.001,
            step: 'any', value: receiver.maxRequestsPerSecond ?? '', placeholder: 'no limit'}),
            'Empty: no limit; events beyond it wait, none is dropped'),
    ];
}

function deliveryControlInput(values) {
    return {
        ordering: values.ordering,
        maxConcurrency: Number(values.maxConcurrency),
        maxRequestsPerSecond: values.maxRequestsPerSecond === '' ? null : Number(values.maxRequestsPerSecond),
    };
}

/** The settings form: every field of the receiver, hidden until "Edit settings" opens it. */
export function editForm(receiver, enums, reload) {
    const form = h('form', {id: 'edit-receiver', class: 'card form-grid', hidden: true, 'aria-label': 'Edit receiver'},
        h('h2', {}, 'Edit receiver'),
        field('Name', h('input', {name: 'name', required: true, maxlength: 200, autocomplete: 'off', value: receiver.name})),
        receiver.relay ? null : field('Webhook URL', h('input', {name: 'webhookUri', type: 'url', required: true,
            value: receiver.webhookUri ?? ''}), 'Checked like a new one: https://, a public address'),
        field('Content type', select('contentType', enums.contentTypes, receiver.contentType)),
        field('Expected response code', h('input', {name: 'expectedResponseCode', type: 'number',
            min: 200, max: 299, required: true, value: receiver.expectedResponseCode})),
        field('Description', h('textarea', {name: 'description', rows: 2, maxlength: 2000}, receiver.description ?? '')),
        h('div', {class: 'field'}, h('span', {class: 'label'}, 'State'),
            h('label', {class: 'check'}, h('input', {type: 'checkbox', name: 'active', value: 'true',
                checked: receiver.active}), 'Active (resuming also clears the failure history)')),
        ...deliveryControlFields(receiver, enums),
        formActions('Save settings'));
    onSubmit(form, async values => {
        await gql(UPDATE, {
            input: {
                id: receiver.id, etag: receiver._etag,
                name: values.name,
                ...(receiver.relay ? {} : {webhookUri: values.webhookUri}),
                contentType: values.contentType,
                expectedResponseCode: Number(values.expectedResponseCode),
                description: values.description,
                active: values.active === 'true',
                ...deliveryControlInput(values),
            },
        });
        reload('Receiver saved.');
    });
    return form;
}

/** The secret's row: the secret, and while a rotated-out one still signs, until when. */
export function secretOverlap(receiver) {
    if (!receiver.previousSecretValidUntil) {
        return null;
    }
    return h('p', {class: 'overlap'}, 'Previous secret still valid until ', time(receiver.previousSecretValidUntil),
        ': requests carry both signatures until then.');
}

export function rotateSecretButton(receiver, reload) {
    return h('button', {
        type: 'button', class: 'secondary small',
        onClick: event => {
            if (!confirm('Issue a new shared secret? The current one keeps signing beside it for a while, '
                + 'so the receiver can switch over.')) {
                return;
            }
            run(event.currentTarget, async () => {
                const data = await gql(`
                    mutation Rotate($id: ID!, $etag: String!) {
                      rotateWebhookReceiverSecret(id: $id, etag: $etag) { webhookReceiver { previousSecretValidUntil } }
                    }`, {id: receiver.id, etag: receiver._etag});
                const until = data.rotateWebhookReceiverSecret.webhookReceiver.previousSecretValidUntil;
                reload(`New secret issued. The old one stays valid until ${new Date(until).toLocaleString(undefined, {dateStyle: 'medium', timeStyle: 'long'})} `
                    + `(${relativeTime(until)}).`);
            });
        },
    }, 'Rotate secret');
}

/** Custom headers: each can be changed or removed, and new ones added (ADMIN only). */
export function headerSection(receiver, canChange, reload) {
    const editor = headerForm(receiver, reload);
    const rows = receiver.headers.map(header => [
        h('code', {}, header.key),
        h('code', {}, header.value),
        canChange ? h('div', {class: 'actions'},
            h('button', {
                type: 'button', class: 'secondary small', 'aria-label': `Change header ${header.key}`,
                onClick: () => editor.open(header),
            }, 'Change'),
            h('button', {
                type: 'button', class: 'danger small', 'aria-label': `Remove header ${header.key}`,
                onClick: event => {
                    if (!confirm(`Remove the header ${header.key}? Requests from now on go without it.`)) {
                        return;
                    }
                    run(event.currentTarget, async () => {
                        await gql(`mutation Remove($id: ID!, $etag: String!) {
                                     deleteWebhookReceiverHeader(id: $id, etag: $etag) { webhookReceiverHeader { id } } }`,
                            {id: header.id, etag: receiver._etag});
                        reload(`Header ${header.key} removed.`);
                    });
                },
            }, 'Remove')) : '',
    ]);
    return h('section', {class: 'card', 'aria-labelledby': 'headers-heading'},
        h('h2', {id: 'headers-heading'}, 'Custom headers'),
        table('Custom headers', ['Name', 'Value', ''], rows, 'No custom headers.'),
        canChange ? [editor.form, h('button', {
            type: 'button', class: 'secondary', onClick: () => editor.open(null),
        }, 'Add header')] : null);
}

function headerForm(receiver, reload) {
    let editing = null;
    const heading = h('h3', {}, 'New header');
    const key = h('input', {name: 'key', required: true, autocomplete: 'off', spellcheck: 'false'});
    const value = h('input', {name: 'value', required: true, autocomplete: 'off', spellcheck: 'false'});
    const form = h('form', {class: 'inline-form', hidden: true, 'aria-label': 'Header'},
        heading,
        field('Header name', key),
        field('Header value', value, 'Stored encrypted; only ADMINs see it'),
        h('button', {type: 'submit'}, 'Save header'),
        h('button', {type: 'button', class: 'secondary', onClick: () => { form.hidden = true; }}, 'Cancel'));
    onSubmit(form, async values => {
        if (editing) {
            await gql(`mutation Change($input: UpdateWebhookReceiverHeaderInput!) {
                         updateWebhookReceiverHeader(input: $input) { webhookReceiverHeader { id } } }`,
                {input: {id: editing.id, etag: receiver._etag, key: values.key, value: values.value}});
        } else {
            await gql(`mutation Add($input: CreateWebhookReceiverHeaderInput!) {
                         createWebhookReceiverHeader(input: $input) { webhookReceiverHeader { id } } }`,
                {input: {receiverId: receiver.id, key: values.key, value: values.value}});
        }
        reload(`Header ${values.key} saved.`);
    });
    return {
        form,
        open(header) {
            editing = header;
            heading.textContent = header ? `Change header ${header.key}` : 'New header';
            key.value = header?.key ?? '';
            value.value = header?.value ?? '';
            form.hidden = false;
            key.focus();
        },
    };
}

/** Deletes after saying what happens: subscriptions go, queued events are canceled, the audit trail stays. */
export function deleteButton(receiver) {
    return h('button', {
        type: 'button', class: 'danger',
        onClick: event => run(event.currentTarget, async () => {
            const data = await gql(`
                query Queued($filters: WebhookEventFilters) {
                  webhookEvents(first: 1, filters: $filters) { pageInfo { totalCount } }
                }`, {filters: {receiverId: receiver.id, status: ['PENDING', 'RETRYING']}});
            const queued = data.webhookEvents.pageInfo.totalCount;
            const subscriptions = receiver.subscriptions.length;
            const text = `Delete receiver “${receiver.name}”?\n\n`
                + `• ${subscriptions === 0 ? 'It has no subscriptions.' : subscriptions === 1 ? 'Its subscription is deleted with it.' : `Its ${subscriptions} subscriptions are deleted with it.`}\n`
                + `• ${queued === 0 ? 'No events are queued for it.' : `Its ${queued} queued event${queued === 1 ? ' (pending or retrying) is' : 's (pending or retrying) are'} canceled and never sent.`}\n`
                + '• Every event it had stays in the audit trail.';
            if (!confirm(text)) {
                return;
            }
            await gql(`mutation Delete($id: ID!, $etag: String!) { deleteWebhookReceiver(id: $id, etag: $etag) { id } }`,
                {id: receiver.id, etag: receiver._etag});
            go('#/receivers', `Receiver “${receiver.name}” deleted${queued ? `; ${queued} queued event${queued === 1 ? '' : 's'} canceled` : ''}.`);
        }),
    }, 'Delete');
}
