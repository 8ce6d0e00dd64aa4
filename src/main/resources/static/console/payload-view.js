// A subscription's webhook body (docs/console.md): the fields of its resource's row as the payload
// schema declares them, what its action puts in data / previous_data, an example and the schema itself.
import {definitionList, h, replace, table} from './dom.js';
import {gql} from './api.js';
import {copyButton, run} from './ui.js';

const ENVELOPE_ROW_FIELDS = ['data', 'previous_data', 'changed_fields'];

/** A "Payload" toggle for the subscription's row and the panel it opens, loaded on first opening. */
export function payloadView(subscription, label) {
    const panel = h('section', {id: `payload-${subscription.id}`, class: 'card payload-view', hidden: true,
        tabindex: -1, 'aria-label': `Payload of ${label}`});
    let loaded = false;
    const show = open => {
        panel.hidden = !open;
        toggle.setAttribute('aria-expanded', String(open));
    };
    const close = h('button', {type: 'button', class: 'secondary small', 'aria-label': `Close payload of ${label}`,
        onClick: () => { show(false); toggle.focus(); }}, 'Close');
    const toggle = h('button', {
        type: 'button', class: 'secondary small', 'aria-expanded': 'false', 'aria-controls': panel.id,
        'aria-label': `Payload of ${label}`,
        onClick: event => run(event.currentTarget, async () => {
            if (!panel.hidden) {
                show(false);
                return;
            }
            if (!loaded) {
                const data = await gql(`
                    query Payload($resource: ResourceEnum!, $action: ActionEnum!) {
                      webhookPayloadSchema(resource: $resource)
                      webhookPayloadExample(resource: $resource, action: $action)
                    }`, {resource: subscription.resource, action: subscription.action});
                replace(panel, content(subscription, label, close,
                    data.webhookPayloadSchema, data.webhookPayloadExample));
                loaded = true;
            }
            show(true);
            // The panel sits below the table: take the focus there so a keyboard user lands on it.
            panel.focus();
        }),
    }, 'Payload');
    return {toggle, panel};
}

function content(subscription, label, close, schemaText, exampleText) {
    const schema = JSON.parse(schemaText);
    const row = schema.$defs.row;
    // The server's text as sent: re-serializing it would drop a numeric column's trailing zeros.
    const example = h('pre', {class: 'code payload-json', tabindex: 0, 'aria-label': `Example payload of ${label}`},
        exampleText);
    const raw = h('pre', {class: 'code payload-json', tabindex: 0,
        'aria-label': `JSON Schema of ${subscription.resource} payloads`}, schemaText);
    return [
        h('div', {class: 'exchange-head'}, h('h3', {}, `Payload of ${label}`), close),
        h('p', {class: 'muted'}, schema.description, ' Every body sent validates against the JSON Schema below.'),
        definitionList(ENVELOPE_ROW_FIELDS.map(name => [h('code', {}, name),
            [whatActionSends(schema, subscription.action, name), ' ',
                h('span', {class: 'muted'}, schema.properties[name].description)]])),
        h('h4', {}, `Fields of the row (${row.description})`),
        table(`Fields of a ${subscription.resource} row`, ['Field', 'Type', 'Null', 'Values', 'Description'],
            Object.entries(row.properties).map(([name, column]) => [
                h('code', {}, name), typeOf(column), nullable(column) ? 'yes' : 'no', valuesOf(column),
                column.description ?? ''])),
        h('div', {class: 'exchange-head'},
            h('h4', {}, `Example ${subscription.action} payload`),
            copyButton('Copy example', example, 'Example payload copied.')),
        example,
        h('details', {class: 'payload-schema'},
            h('summary', {}, 'JSON Schema (draft 2020-12)'),
            h('div', {class: 'exchange-head'}, h('span', {class: 'muted'}, schema.$id),
                copyButton('Copy schema', raw, 'Payload schema copied.')),
            raw),
    ];
}

/** What the schema's if/then clause for `action` says one envelope field holds. */
function whatActionSends(schema, action, name) {
    const clause = schema.allOf.find(c => c.if.properties.action.const === action);
    const rule = clause.then.properties[name];
    if (rule.$ref) {
        return h('strong', {}, 'a row, fields below.');
    }
    if (rule.type === 'null') {
        return h('strong', {}, 'null.');
    }
    if (rule.maxItems === 0) {
        return h('strong', {}, 'empty.');
    }
    return h('strong', {}, 'the names of the changed columns.');
}

function typeOf(column) {
    const base = [column.type ?? []].flat().find(type => type !== 'null')
        ?? (column.enum ? 'string' : 'any JSON');
    return column.format ? `${base} (${column.format})` : base;
}

function nullable(column) {
    return [column.type ?? []].flat().includes('null') || (column.enum ?? []).includes(null);
}

function valuesOf(column) {
    const values = (column.enum ?? []).filter(value => value != null).map(value => h('code', {}, value));
    const bounds = [['minimum', '≥'], ['exclusiveMinimum', '>'], ['maximum', '≤'], ['exclusiveMaximum', '<']]
        .filter(([key]) => column[key] != null).map(([key, symbol]) => `${symbol} ${column[key]}`);
    return [values.flatMap((value, i) => i === 0 ? [value] : [', ', value]), values.length && bounds.length ? '; ' : '',
        bounds.join(', ')];
}
