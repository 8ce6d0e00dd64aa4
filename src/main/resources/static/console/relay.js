// Relay receivers (docs/relay.md): what stands in for their URL, whether a relay client serves them
// now, and a new relay token, shown once.
import {badge, h, time} from './dom.js';
import {gql} from './api.js';
import {run, showNotice} from './ui.js';

export const RELAY_FIELDS = 'relay relayStatus { connected connectedSince lastSeenAt }';

/** The URL cell of a receiver: its URL, or for a relay receiver a badge saying whether a client is connected. */
export function addressCell(receiver) {
    if (!receiver.relay) {
        return h('code', {class: 'url'}, receiver.webhookUri);
    }
    return [badge('Relay', 'info'), ' ', connectedBadge(receiver.relayStatus)];
}

function connectedBadge(status) {
    return status && status.connected ? badge('Connected', 'good') : badge('No relay connected', 'muted');
}

/** Detail rows for a relay receiver, in place of its URL. */
export function relayRows(receiver, canChange, reload) {
    const status = receiver.relayStatus ?? {};
    return [
        ['Delivery', [badge('Relay', 'info'), ' a relay client pulls its webhooks; Hookline never connects to it']],
        ['Relay client', connectedBadge(status)],
        ['Connected since', status.connected ? time(status.connectedSince) : null],
        ['Last poll', time(status.lastSeenAt)],
        ['Relay token', canChange ? rotateButton(receiver, reload) : 'shown once, when issued'],
    ];
}

function rotateButton(receiver, reload) {
    const shown = h('code', {class: 'secret', hidden: true});
    const button = h('button', {
        type: 'button', class: 'secondary small',
        onClick: event => {
            if (!confirm('Issue a new relay token? Every relay client using the current one is cut off at once.')) {
                return;
            }
            run(event.currentTarget, async () => {
                const data = await gql(`
                    mutation Rotate($id: ID!, $etag: String!) {
                      rotateWebhookReceiverRelayToken(id: $id, etag: $etag) { relayToken webhookReceiver { _etag } }
                    }`, {id: receiver.id, etag: receiver._etag});
                const rotated = data.rotateWebhookReceiverRelayToken;
                receiver._etag = rotated.webhookReceiver._etag;
                shown.textContent = rotated.relayToken;
                shown.hidden = false;
                button.hidden = true;
                showNotice('New relay token issued: copy it now, it is not shown again. Reload to see the receiver as it is now.');
            });
        },
    }, 'Rotate relay token');
    return [button, shown];
}
