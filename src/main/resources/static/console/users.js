// Users (docs/console.md): the organization's users and adding one. Any member lists them; adding
// one needs an ADMIN's key, so a MEMBER gets the list read-only.
import {badge, field, h, select, table, time} from './dom.js';
import {gql, schemaEnums} from './api.js';
import {address, formActions, formToggle, go, onSubmit, pageArgs, pager} from './ui.js';

export const PAGE_SIZE = 25;

export function roleBadge(role) {
    return badge(role, role === 'ADMIN' ? 'info' : 'muted');
}

/** Tells a MEMBER why the page offers no changes: the API refuses them to its key. */
export function readOnlyNote(what) {
    return h('p', {class: 'empty read-only'}, `You are signed in with a MEMBER key: you see ${what}; `
        + 'only an ADMIN\'s key changes them.');
}

export async function userList(params, me) {
    const canChange = me.role === 'ADMIN';
    const [data, enums] = await Promise.all([gql(`
        query Users($first: Int, $after: String, $last: Int, $before: String) {
          users(first: $first, after: $after, last: $last, before: $before) {
            edges { node { id name email role createdAt } }
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor totalCount count }
          }
        }`, pageArgs(params, PAGE_SIZE)), schemaEnums()]);
    const connection = data.users;
    const form = canChange ? createForm(enums) : null;
    return [
        h('div', {class: 'page-head'}, h('h1', {}, 'Users'), form ? formToggle('New user', form) : null),
        form ?? readOnlyNote('the organization\'s users'),
        table('Users', ['Name', 'Email', 'Role', 'Added', ''],
            connection.edges.map(({node}) => [
                [node.name, node.id === me.id ? h('span', {class: 'muted'}, ' (you)') : null],
                node.email,
                roleBadge(node.role),
                time(node.createdAt),
                h('a', {href: address('#/api-keys', {user: node.id}), 'aria-label': `API keys of ${node.name}`}, 'API keys'),
            ]),
            'No users yet.'),
        h('p', {class: 'muted'}, 'A user\'s role cannot be changed, nor a user removed, here: revoke their API keys '
            + 'to stop them at once.'),
        pager(connection.pageInfo, cursor => address('#/users', cursor), 'User pages'),
    ];
}

function createForm(enums) {
    const form = h('form', {id: 'new-user', class: 'card form-grid', hidden: true, 'aria-label': 'New user'},
        h('h2', {}, 'New user'),
        field('Name', h('input', {name: 'name', required: true, maxlength: 200, autocomplete: 'off'})),
        field('Email', h('input', {name: 'email', type: 'email', required: true, maxlength: 320, autocomplete: 'off'}),
            'Unique in the organization'),
        field('Role', select('role', enums.roles, 'MEMBER'), 'ADMIN changes receivers, users and keys; MEMBER only reads'),
        formActions('Add user'));
    onSubmit(form, async values => {
        const data = await gql(`
            mutation CreateUser($input: CreateUserInput!) { createUser(input: $input) { id name role } }`,
            {input: {name: values.name, email: values.email, role: values.role}});
        const user = data.createUser;
        go('#/users', [`User “${user.name}” added as ${user.role}. `,
            h('a', {href: address('#/api-keys', {user: user.id})}, 'Create an API key'), ' for them to sign in with.']);
    });
    return form;
}
