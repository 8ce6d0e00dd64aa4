// One event's tries: a row each, expanding to the request exactly as sent and the response as kept
// (docs/console.md). Bodies are shown as the exact text, never reformatted: that is what was signed.
import {h, time} from './dom.js';
import {copyButton} from './ui.js';

const HEADINGS = ['#', 'Trigger', 'Started', 'Duration', 'Status', 'Error kind', 'Error', 'Details'];

export function attemptTable(attempts) {
    if (attempts.length === 0) {
        return h('p', {class: 'empty'}, 'Not tried yet.');
    }
    return h('div', {class: 'table-wrap'}, h('table', {class: 'attempts'},
        h('caption', {class: 'visually-hidden'}, 'Attempts'),
        h('thead', {}, h('tr', {}, HEADINGS.map(text => h('th', {scope: 'col'}, text)))),
        h('tbody', {}, attempts.map(attemptRows))));
}

function attemptRows(attempt) {
    const detailId = `attempt-${attempt.number}-exchange`;
    const detail = h('tr', {class: 'attempt-detail', id: detailId, hidden: true},
        h('td', {colspan: HEADINGS.length}, exchange(attempt)));
    const word = h('span', {}, 'Show');
    const toggle = h('button', {
        type: 'button', class: 'secondary small', 'aria-expanded': 'false', 'aria-controls': detailId,
        onClick: () => {
            const open = detail.hidden;
            detail.hidden = !open;
            toggle.setAttribute('aria-expanded', String(open));
            word.textContent = open ? 'Hide' : 'Show';
        },
    }, word, h('span', {class: 'visually-hidden'}, ` attempt ${attempt.number}`));
    return [
        h('tr', {}, [
            String(attempt.number),
            attempt.trigger,
            time(attempt.startedAt),
            `${attempt.durationMs} ms`,
            responseStatus(attempt),
            attempt.errorKind ?? '',
            attempt.error ?? '',
            toggle,
        ].map((cell, i) => h('td', {'data-label': HEADINGS[i]}, cell))),
        detail,
    ];
}

function responseStatus(attempt) {
    if (!attempt.responseStatus) {
        return h('span', {class: 'muted'}, 'none');
    }
    return h('span', {class: attempt.errorKind || attempt.error ? 'status-bad' : 'status-good'},
        String(attempt.responseStatus));
}

function exchange(attempt) {
    const n = attempt.number;
    return h('div', {class: 'exchange'},
        h('section', {class: 'exchange-part', 'aria-label': `Request of attempt ${n}`}, request(attempt)),
        h('section', {class: 'exchange-part', 'aria-label': `Response of attempt ${n}`}, response(attempt)));
}

function request(attempt) {
    if (attempt.requestHeaders == null) {
        return [h('h3', {}, 'Request'), h('p', {class: 'muted'}, 'Not kept for this attempt.')];
    }
    const body = h('pre', {class: 'code wire', tabindex: 0, 'aria-label': 'Request body'}, attempt.requestBody ?? '');
    return [
        h('div', {class: 'exchange-head'},
            h('h3', {}, 'Request'),
            copyButton('Copy body', body, 'Request body copied.')),
        h('p', {class: 'exchange-line'}, h('code', {class: 'method'}, 'POST'), ' ',
            attempt.requestUrl ? h('code', {class: 'url', 'aria-label': 'Request URL'}, attempt.requestUrl)
                : h('span', {class: 'muted'}, 'forwarded by the relay client to its local URL')),
        h('h4', {}, 'Headers'),
        headerLines(attempt.requestHeaders, 'Request headers'),
        h('h4', {}, 'Body'),
        body,
    ];
}

function response(attempt) {
    if (attempt.responseStatus == null) {
        return [h('h3', {}, 'Response'), h('p', {class: 'muted'},
            attempt.errorKind ? `No response: ${attempt.errorKind}.` : 'No response.')];
    }
    return [
        h('div', {class: 'exchange-head'}, h('h3', {}, 'Response')),
        h('p', {class: 'exchange-line'}, 'Status ', responseStatus(attempt)),
        h('h4', {}, 'Headers'),
        attempt.responseHeaders ? headerLines(attempt.responseHeaders, 'Response headers')
            : h('p', {class: 'muted'}, 'None kept.'),
        h('h4', {}, 'Body', h('span', {class: 'muted'}, ' (kept up to 16 KiB)')),
        attempt.responseBody ? h('pre', {class: 'code wire', tabindex: 0, 'aria-label': 'Response body'},
            attempt.responseBody) : h('p', {class: 'muted'}, 'Empty.'),
    ];
}

/** `name: value` lines with the names set off; the text content stays exactly the lines given. */
function headerLines(text, label) {
    return h('pre', {class: 'code headers', tabindex: 0, 'aria-label': label},
        text.split('\n').filter(line => line !== '').map(line => {
            const colon = line.indexOf(':');
            return colon < 0 ? `${line}\n`
                : [h('span', {class: 'header-name'}, line.slice(0, colon)), `${line.slice(colon)}\n`];
        }));
}
