// API keys (docs/console.md): the organization's keys, creating one (its token shown this once) and
// revoking one. Any member lists them (never a token); only an ADMIN's key creates or revokes one.
import {badge, field, h, table, time} from './dom.js';
import {gql, session} from './api.js';
import {address, copyButton, formActions, formToggle, go, onSubmit, pageArgs, pager, run} from './ui.js';
import {PAGE_SIZE, readOnlyNote} from './users.js';

/**
 * The key just created, until the page that shows its token is drawn: the token lives nowhere else
 * in the browser, so a reload or the next visit no longer has it.
 */
let created = null;

export async function apiKeyList(params, me) {
    const canChange = me.role === 'ADMIN';
    const userId = params.get('user') || null;
    const data = await gql(`
        query ApiKeys($userId: ID, $first: Int, $after: String, $last: Int, $before: String) {
          apiKeys(userId: $userId, first: $first, after: $after, last: $last, before: $before) {
            edges { node { id name prefix createdAt lastUsedAt revokedAt revoked user { id name } } }
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor totalCount count }
          }
          users(first: 100) { edges { node { id name role } } }
        }`, {userId, ...pageArgs(params, PAGE_SIZE)});
    const users = data.users.edges.map(({node}) => node);
    const owner = users.find(user => user.id === userId);
    const here = address('#/api-keys', {user: userId});
    const form = canChange ? createForm(ownerChoices(users, userId ?? me.id, me), userId ?? me.id, here) : null;
    const justCreated = created;
    created = null;
    const connection = data.apiKeys;
    return [
        h('div', {class: 'page-head'},
            h('h1', {}, owner ? `API keys of ${owner.name}` : userId ? `API keys of user ${userId}` : 'API keys'),
            h('div', {class: 'actions'},
                userId ? h('a', {class: 'button secondary', href: '#/api-keys'}, 'All keys') : null,
                form ? formToggle('New API key', form) : null)),
        justCreated ? tokenCard(justCreated) : null,
        form ?? readOnlyNote('the organization\'s API keys'),
        table('API keys', ['Name', 'Prefix', 'Acts as', 'Created', 'Last used', 'State', ''],
            connection.edges.map(({node}) => [
                node.name,
                h('code', {}, `${node.prefix}…`),
                node.user ? [node.user.name, node.user.id === me.id ? h('span', {class: 'muted'}, ' (you)') : null] : '—',
                time(node.createdAt),
                node.lastUsedAt ? time(node.lastUsedAt) : h('span', {class: 'muted'}, 'Never'),
                node.revoked ? [badge('Revoked', 'bad'), ' ', time(node.revokedAt)] : badge('Active', 'good'),
                node.revoked || !canChange ? '' : revokeButton(node, here),
            ]),
            owner ? `${owner.name} has no API keys.` : 'No API keys.'),
        connection.pageInfo.totalCount > 0
            ? pager(connection.pageInfo, cursor => address('#/api-keys', {user: userId, ...cursor}), 'API key pages') : null,
    ];
}

/** The users a new key can act as; one beyond the first page of users is still offered when it is the one asked for. */
function ownerChoices(users, ownerId, me) {
    if (users.some(user => user.id === ownerId)) {
        return users;
    }
    return [ownerId === me.id ? me : {id: ownerId, name: `User ${ownerId}`}, ...users];
}

function createForm(users, ownerId, here) {
    const actsAs = h('select', {name: 'userId'}, users.map(user =>
        h('option', {value: user.id, selected: user.id === ownerId}, user.role ? `${user.name} (${user.role})` : user.name)));
    const form = h('form', {id: 'new-api-key', class: 'card form-grid', hidden: true, 'aria-label': 'New API key'},
        h('h2', {}, 'New API key'),
        field('Name', h('input', {name: 'name', required: true, maxlength: 200, autocomplete: 'off'}),
            'A label for telling keys apart, such as “ci” or “Mia\'s laptop”'),
        field('Acts as', actsAs, 'The key can do what this user\'s role allows'),
        formActions('Create API key'));
    onSubmit(form, async values => {
        const data = await gql(`
            mutation CreateApiKey($input: CreateApiKeyInput!) {
              createApiKey(input: $input) { token apiKey { id name user { name role } } }
            }`, {input: {name: values.name, userId: values.userId}});
        created = data.createApiKey;
        go(here);
    });
    return form;
}

/** The new key's token, this once, with a way to copy it. */
function tokenCard({token, apiKey}) {
    const shown = h('code', {class: 'secret token', 'aria-label': 'New API key token'}, token);
    const card = h('section', {class: 'card token-card', 'aria-labelledby': 'new-key-heading'},
        h('h2', {id: 'new-key-heading'}, `API key “${apiKey.name}” created`),
        h('p', {}, h('strong', {}, 'Copy this token now: you will not see it again.'),
            ` It signs in as ${apiKey.user.name} (${apiKey.user.role}). Hookline keeps only its hash; `
            + 'if the token is lost, revoke the key and create a new one.'),
        h('div', {class: 'secret-row'}, shown, copyButton('Copy token', shown, 'API key token copied.'),
            h('button', {type: 'button', class: 'secondary small', onClick: () => card.remove()}, 'Done')));
    return card;
}

function revokeButton(key, here) {
    return h('button', {
        type: 'button', class: 'danger small', 'aria-label': `Revoke ${key.name}`,
        onClick: event => {
            // The prefix is the token's start: the key this tab is signed in with is most likely this one.
            const own = session.key?.startsWith(key.prefix)
                ? '\n\nThis looks like the key you are signed in with: the console will sign you out.' : '';
            if (!confirm(`Revoke the API key “${key.name}” (${key.prefix}…)? Every request with it is refused `
                + `as UNAUTHENTICATED from now on; a revoked key cannot be restored.${own}`)) {
                return;
            }
            run(event.currentTarget, async () => {
                await gql('mutation Revoke($id: ID!) { revokeApiKey(id: $id) { id revoked } }', {id: key.id});
                go(here, `API key “${key.name}” revoked.`);
            });
        },
    }, 'Revoke');
}
