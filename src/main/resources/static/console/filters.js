// Subscription filters: how one reads in a table, and a small editor — a form with a row per
// condition, and the whole filter as text for what the rows cannot say (docs/filters.md).
import {field, h, replace, select} from './dom.js';
import {gql} from './api.js';
import {run} from './ui.js';

const OPERATORS = ['equals', 'in', 'isNull', 'changed', 'changedFrom', 'changedTo'];
const FLAGS = ['isNull', 'changed'];
const LEAF = 'field equals in isNull changed changedFrom changedTo';

/** The GraphQL selection of a filter, as deep as a filter may nest (5 levels). */
export const FILTER_SELECTION = (function selection(depth) {
    const inner = depth > 1 ? ` all { ${selection(depth - 1)} } any { ${selection(depth - 1)} } not { ${selection(depth - 1)} }` : '';
    return LEAF + inner;
})(5);

/** A filter as the API takes it: the keys that are set, nothing null. */
export function compact(node) {
    if (Array.isArray(node)) {
        return node.map(compact);
    }
    if (node && typeof node === 'object') {
        return Object.fromEntries(Object.entries(node).filter(([, v]) => v != null).map(([k, v]) => [k, compact(v)]));
    }
    return node;
}

/** One line of text for a table cell. */
export function filterSummary(filter) {
    if (!filter) {
        return 'every change';
    }
    const node = compact(filter);
    if (node.all) {
        return node.all.map(part).join(' and ');
    }
    return part(node);
}

function part(node) {
    if (node.all) {
        return `(${node.all.map(part).join(' and ')})`;
    }
    if (node.any) {
        return `(${node.any.map(part).join(' or ')})`;
    }
    if (node.not) {
        return `not ${part(node.not)}`;
    }
    const operator = OPERATORS.find(op => node[op] !== undefined);
    const value = node[operator];
    return `${node.field} ${operator} ${JSON.stringify(value)}`;
}

/** The rows a filter makes when it is one test or one all/any of tests; null when rows cannot say it. */
function rowsOf(filter) {
    const node = compact(filter ?? {all: []});
    const combinator = node.any ? 'any' : 'all';
    const tests = node.all ?? node.any ?? [node];
    if (!tests.every(t => t.field !== undefined && !t.all && !t.any && !t.not)) {
        return null;
    }
    return {combinator, tests};
}

/**
 * A button that shows or hides the editor of one subscription's filter; `reload(notice)` shows the
 * receiver again after a save.
 */
export function filterEditor(subscription, label, reload) {
    const editor = editorForm(subscription, label, reload);
    const toggle = h('button', {
        type: 'button', class: 'secondary small', 'aria-expanded': 'false', 'aria-label': `Filter ${label}`,
        onClick: () => {
            editor.hidden = !editor.hidden;
            toggle.setAttribute('aria-expanded', String(!editor.hidden));
        },
    }, 'Filter');
    return {toggle, editor};
}

function editorForm(subscription, label, reload) {
    const rows = h('div', {class: 'filter-rows'});
    const combinator = select('combinator', ['all', 'any'], 'all', {'aria-label': 'Conditions that must hold'});
    const text = h('textarea', {name: 'filterText', rows: 6, spellcheck: 'false', class: 'filter-text'});
    const form = h('form', {class: 'card filter-editor', hidden: true, 'aria-label': `Filter of ${label}`},
        h('h3', {}, `Filter of ${label}`),
        h('p', {class: 'muted'}, 'Only changes the filter holds for create events. Values compare as text; ',
            'fields are the columns of the resource (the keys of data).'),
        h('div', {class: 'filter-combinator'}, 'Send when ', combinator, ' of these hold:'),
        rows,
        h('button', {type: 'button', class: 'secondary small', onClick: () => { addRow(rows, {}, syncText); syncText(); }},
            'Add condition'),
        field('Filter as text (JSON)', text, 'Edit here for nested all / any / not; empty means no filter.'),
        h('div', {class: 'form-actions'},
            h('button', {type: 'submit'}, 'Save filter'),
            h('button', {type: 'button', class: 'danger', onClick: event => save(event.currentTarget, null)},
                'Remove filter')));

    const fromRows = () => {
        const tests = [...rows.querySelectorAll('.filter-row')].map(readRow).filter(Boolean);
        if (tests.length === 0) {
            return null;
        }
        return tests.length === 1 ? tests[0] : {[combinator.value]: tests};
    };
    const syncText = () => {
        const filter = fromRows();
        text.value = filter ? JSON.stringify(filter, null, 2) : '';
    };
    const showRows = filter => {
        const shape = rowsOf(filter);
        replace(rows);
        rows.hidden = !shape;
        combinator.disabled = !shape;
        if (shape) {
            combinator.value = shape.combinator;
            shape.tests.forEach(test => addRow(rows, test, syncText));
        }
    };
    const save = (button, filter) => run(button, async () => {
        await gql(`
            mutation Filter($input: UpdateWebhookSubscriptionInput!) {
              updateWebhookSubscription(input: $input) { webhookSubscription { id } }
            }`, {input: {id: subscription.id, etag: subscription._etag, filter}});
        reload(filter ? `Filter of ${label} saved.` : `Filter of ${label} removed.`);
    });

    rows.addEventListener('input', syncText);
    rows.addEventListener('change', syncText);
    combinator.addEventListener('change', syncText);
    text.addEventListener('change', () => {
        try {
            showRows(text.value.trim() ? JSON.parse(text.value) : null);
        } catch {
            rows.hidden = true; // the server says what is wrong on save
        }
    });
    form.addEventListener('submit', event => {
        event.preventDefault();
        let filter;
        try {
            filter = text.value.trim() ? JSON.parse(text.value) : null;
        } catch (error) {
            run(null, async () => { throw new Error(`The filter text is not JSON: ${error.message}`); });
            return;
        }
        save(event.submitter, filter);
    });

    const current = subscription.filter ? compact(subscription.filter) : null;
    text.value = current ? JSON.stringify(current, null, 2) : '';
    showRows(current);
    if (!current) {
        addRow(rows, {}, syncText);
        syncText();
    }
    return form;
}

function addRow(rows, test, onChange) {
    const operator = OPERATORS.find(op => test[op] !== undefined) ?? 'equals';
    const value = test[operator];
    const shown = Array.isArray(value) ? value.join(', ') : value == null ? '' : String(value);
    const fieldInput = h('input', {name: 'field', value: test.field ?? '', placeholder: 'status', autocomplete: 'off',
        'aria-label': 'Field', spellcheck: 'false'});
    const operatorSelect = select('operator', OPERATORS, operator, {'aria-label': 'Operator'});
    const valueInput = h('input', {name: 'value', value: shown, autocomplete: 'off', 'aria-label': 'Value',
        placeholder: 'IN_PROGRESS'});
    const flagSelect = select('flag', ['true', 'false'], String(value ?? true), {'aria-label': 'Value'});
    const showValue = () => {
        const flag = FLAGS.includes(operatorSelect.value);
        valueInput.hidden = flag;
        flagSelect.hidden = !flag;
    };
    operatorSelect.addEventListener('change', showValue);
    showValue();
    const row = h('div', {class: 'filter-row'}, fieldInput, operatorSelect, valueInput, flagSelect,
        h('button', {type: 'button', class: 'secondary small', 'aria-label': 'Remove condition',
            onClick: () => { row.remove(); onChange?.(); }}, '×'));
    rows.append(row);
}

function readRow(row) {
    const name = row.querySelector('[name=field]').value.trim();
    const operator = row.querySelector('[name=operator]').value;
    if (!name) {
        return null;
    }
    if (FLAGS.includes(operator)) {
        return {field: name, [operator]: row.querySelector('[name=flag]').value === 'true'};
    }
    const value = row.querySelector('[name=value]').value;
    return {field: name, [operator]: operator === 'in' ? value.split(',').map(v => v.trim()).filter(Boolean) : value};
}
