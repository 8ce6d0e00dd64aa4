// Builds DOM from data without ever parsing it as HTML: text always goes in as text nodes.

/**
 * h('a', {href: '#/x', class: 'link', onClick: fn}, 'text', child, [more])
 * Attributes whose value is null, undefined or false are left out; true sets an empty attribute.
 */
export function h(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes ?? {})) {
        if (value == null || value === false) {
            continue;
        }
        if (name.startsWith('on') && typeof value === 'function') {
            element.addEventListener(name.slice(2).toLowerCase(), value);
        } else if (name === 'class') {
            element.className = value;
        } else {
            element.setAttribute(name, value === true ? '' : String(value));
        }
    }
    append(element, children);
    return element;
}

export function append(element, children) {
    for (const child of [children].flat(Infinity)) {
        if (child == null || child === false) {
            continue;
        }
        element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return element;
}

/** Replaces everything inside the element. */
export function replace(element, ...children) {
    element.replaceChildren();
    return append(element, children);
}

/** A labelled form control; `control` is an input, select or textarea built with h(). */
export function field(label, control, hint) {
    const id = control.id || (control.id = 'f-' + Math.random().toString(36).slice(2, 9));
    return h('div', {class: 'field'},
        h('label', {for: id}, label),
        control,
        hint ? h('small', {class: 'muted'}, hint) : null);
}

export function select(name, values, selected, extra = {}) {
    return h('select', {name, ...extra},
        values.map(value => h('option', {value, selected: value === selected}, value)));
}

/** A table with a header row; rows are arrays of cells (strings or nodes). */
export function table(caption, headings, rows, empty = 'Nothing here yet.') {
    if (rows.length === 0) {
        return h('p', {class: 'empty'}, empty);
    }
    return h('div', {class: 'table-wrap'}, h('table', {},
        caption ? h('caption', {class: 'visually-hidden'}, caption) : null,
        h('thead', {}, h('tr', {}, headings.map(text => h('th', {scope: 'col'}, text)))),
        // Each cell names its column: on a narrow screen a row is shown as a card of labelled values.
        h('tbody', {}, rows.map(cells => h('tr', {}, cells.map((cell, i) => h('td', {'data-label': headings[i]}, cell)))))));
}

export function badge(text, tone) {
    return h('span', {class: `badge ${tone ?? ''}`}, text);
}

const STATUS_TONES = {SUCCEEDED: 'good', FAILED: 'bad', RETRYING: 'warn', PENDING: 'info', CANCELED: 'muted'};

export function statusBadge(status) {
    return badge(status, STATUS_TONES[status]);
}

const RELATIVE = new Intl.RelativeTimeFormat(undefined, {numeric: 'auto', style: 'short'});
const UNITS = [['year', 31536000], ['month', 2592000], ['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1]];

const TIME_FORMAT = {year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit',
    second: '2-digit', timeZoneName: 'short'};

/** "3 min ago", "in 5 sec": how far an instant is from now. */
export function relativeTime(iso) {
    const seconds = (new Date(iso).getTime() - Date.now()) / 1000;
    const [unit, size] = UNITS.find(([, size]) => Math.abs(seconds) >= size) ?? ['second', 1];
    return RELATIVE.format(Math.round(seconds / size), unit);
}

/** An instant as local date and time with its zone, and how long ago; the exact ISO text on hover. */
export function time(iso) {
    if (!iso) {
        return h('span', {class: 'muted'}, '—');
    }
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) {
        return h('time', {datetime: iso}, iso);
    }
    return h('time', {datetime: iso, title: iso},
        date.toLocaleString(undefined, TIME_FORMAT),
        h('span', {class: 'relative'}, ` · ${relativeTime(iso)}`));
}

/** Pretty-prints JSON text; text that is not JSON is shown as it is. */
export function prettyJson(text) {
    try {
        return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
        return text;
    }
}

export function definitionList(pairs) {
    return h('dl', {class: 'facts'}, pairs.filter(Boolean).map(([term, value]) => [
        h('dt', {}, term),
        h('dd', {}, value ?? h('span', {class: 'muted'}, '—')),
    ]));
}
