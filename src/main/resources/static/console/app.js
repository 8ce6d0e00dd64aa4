// The console's shell: sign-in, who is signed in, and which page the address shows.
import {h, replace} from './dom.js';
import {ApiError, gql, session} from './api.js';
import {clearMessages, formValues, go, run, showError, showPendingNotice} from './ui.js';
import {receiverDetail, receiverList} from './receivers.js';
import {eventDetail, eventList, leaveEvents} from './events.js';
import {apiKeyList} from './api-keys.js';
import {userList} from './users.js';

const main = document.getElementById('main');
/** The signed-in user: its role decides which buttons the pages offer (docs/console.md). */
const ME = '{ me { id name email role createdAt } }';
let me = null;
let renderCount = 0;

const routes = [
    [/^#\/receivers\/(\d+)$/, ([id]) => receiverDetail(id, canChange())],
    [/^#\/receivers$/, (_, params) => receiverList(params, canChange())],
    [/^#\/events\/(\d+)$/, ([id]) => eventDetail(id, canChange())],
    [/^#\/events$/, (_, params) => eventList(params, canChange())],
    [/^#\/api-keys$/, (_, params) => apiKeyList(params, me)],
    [/^#\/users$/, (_, params) => userList(params, me)],
];

function canChange() {
    return me?.role === 'ADMIN';
}

async function render() {
    const token = ++renderCount;
    leaveEvents();
    clearMessages();
    const [path, query = ''] = location.hash.split('?');
    if (!session.key) {
        me = null;
        showSignedIn(null);
        page(token, signInForm(), 'Sign in');
        return;
    }
    if (path === '' || path === '#' || path === '#/' || path === '#/sign-in') {
        go('#/receivers');
        return;
    }
    const route = routes.find(([pattern]) => pattern.test(path));
    if (!route) {
        page(token, [h('h1', {}, 'Not found'), h('p', {}, h('a', {href: '#/receivers'}, 'Go to receivers'))], 'Not found');
        return;
    }
    try {
        if (!me) {
            me = (await gql(ME)).me;
            showSignedIn(me);
        }
        const [, ...captures] = path.match(route[0]);
        const content = await route[1](captures, new URLSearchParams(query));
        page(token, content, path.split('/')[1]);
    } catch (error) {
        if (token !== renderCount) {
            return;
        }
        if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
            signOut();
        } else {
            page(token, [h('h1', {}, 'Could not load this page'),
                h('p', {}, h('a', {href: location.hash}, 'Try again'))], 'Error');
        }
        showError(error);
    }
}

/** Shows a page unless the user has moved on while it loaded. */
function page(token, content, section) {
    if (token !== renderCount) {
        return;
    }
    replace(main, content);
    for (const link of document.querySelectorAll('#nav a')) {
        if (link.dataset.section === section) {
            link.setAttribute('aria-current', 'page');
        } else {
            link.removeAttribute('aria-current');
        }
    }
    showPendingNotice();
}

function signInForm() {
    const form = h('form', {class: 'card sign-in', 'aria-labelledby': 'sign-in-heading'},
        h('h1', {id: 'sign-in-heading'}, 'Sign in to Hookline'),
        h('p', {class: 'muted'}, 'Paste an API key. It is kept in this browser tab only, until you sign out or close it.'),
        h('p', {class: 'muted'}, 'The first key is written at the first start to ', h('code', {}, 'bootstrap-api-key'),
            ' in the data directory (', h('code', {}, 'data/bootstrap-api-key'), ' by default, readable by its owner only), ',
            'unless it was set with ', h('code', {}, 'HOOKLINE_BOOTSTRAP_API_KEY'),
            '. The start log\'s “Hookline is ready” line says where.'),
        h('div', {class: 'field'},
            h('label', {for: 'api-key'}, 'API key'),
            h('input', {id: 'api-key', name: 'key', type: 'password', required: true, autocomplete: 'off',
                spellcheck: 'false'})),
        h('button', {type: 'submit'}, 'Sign in'));
    form.addEventListener('submit', event => {
        event.preventDefault();
        const {key} = formValues(form);
        run(event.submitter, async () => {
            const data = await gql(ME, {}, key);
            session.signIn(key);
            me = data.me;
            showSignedIn(me);
            go('#/receivers');
        });
    });
    queueMicrotask(() => form.querySelector('input').focus());
    return form;
}

function showSignedIn(user) {
    const who = document.getElementById('who');
    document.getElementById('nav').hidden = !user;
    document.getElementById('sign-out').hidden = !user;
    who.hidden = !user;
    if (user) {
        replace(who, 'Signed in as ', h('strong', {}, user.name), ' ', h('span', {class: 'badge muted'}, user.role));
    }
}

function signOut() {
    session.signOut();
    me = null;
    showSignedIn(null);
    replace(main, signInForm());
}

document.getElementById('sign-out').addEventListener('click', () => {
    signOut();
    clearMessages();
    history.replaceState(null, '', '#/sign-in');
});
window.addEventListener('hashchange', render);
render();
