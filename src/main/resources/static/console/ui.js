// Messages, navigation and running actions: what every view shares.
import {h, replace} from './dom.js';
import {ApiError, session} from './api.js';

const messages = () => document.getElementById('messages');
let pendingNotice = null;

/** Shows an error where the user sees it; API errors show their `extensions.code`. */
export function showError(error) {
    const code = error instanceof ApiError ? error.code : 'CONSOLE';
    const text = error?.message ?? String(error);
    show(h('div', {class: 'message error', role: 'alert'},
        h('strong', {class: 'code'}, code), ' ', h('span', {class: 'text'}, text), dismiss()));
    console.error(error);
}

export function showNotice(text) {
    show(h('div', {class: 'message notice', role: 'status'}, h('span', {class: 'text'}, text), dismiss()));
}

export function clearMessages() {
    replace(messages());
}

function show(message) {
    messages().append(message);
    message.scrollIntoView({block: 'nearest'});
}

function dismiss() {
    return h('button', {
        type: 'button', class: 'dismiss', 'aria-label': 'Dismiss message',
        onClick: event => event.currentTarget.parentElement.remove(),
    }, '×');
}

/** Goes to a console address; `notice` (text, or an error) is shown once the new page is up. */
export function go(hash, notice) {
    pendingNotice = notice ?? pendingNotice;
    if (location.hash === hash) {
        window.dispatchEvent(new HashChangeEvent('hashchange'));
    } else {
        location.hash = hash;
    }
}

/** Shows what go() was asked to show with the page it went to. */
export function showPendingNotice() {
    const notice = pendingNotice;
    pendingNotice = null;
    if (notice instanceof Error) {
        showError(notice);
    } else if (notice) {
        showNotice(notice);
    }
}

/**
 * Runs a user action: the messages of earlier actions go, the button is disabled meanwhile, and
 * any failure is shown, never swallowed. A key that stopped working signs the user out.
 */
export async function run(button, action) {
    clearMessages();
    if (button) {
        button.disabled = true;
    }
    try {
        return await action();
    } catch (error) {
        if (error instanceof ApiError && error.code === 'UNAUTHENTICATED' && session.key) {
            session.signOut();
            go('#/sign-in', error);
        } else {
            showError(error);
        }
    } finally {
        if (button) {
            button.disabled = false;
        }
    }
}

/** Reads a form's named fields as an object of trimmed strings. */
export function formValues(form) {
    return Object.fromEntries([...new FormData(form)].map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v]));
}

/** Previous/next page buttons for a Relay connection; `to(args)` gives the address of a page. */
export function pager(pageInfo, to, label) {
    const counted = h('span', {class: 'muted'}, `${pageInfo.count} shown of ${pageInfo.totalCount}`);
    if (!pageInfo.hasPreviousPage && !pageInfo.hasNextPage) {
        return h('p', {class: 'pager single'}, counted);
    }
    return h('nav', {class: 'pager', 'aria-label': label},
        h('button', {
            type: 'button', class: 'secondary', disabled: !pageInfo.hasPreviousPage,
            onClick: () => go(to({before: pageInfo.startCursor})),
        }, '← Previous'),
        counted,
        h('button', {
            type: 'button', class: 'secondary', disabled: !pageInfo.hasNextPage,
            onClick: () => go(to({after: pageInfo.endCursor})),
        }, 'Next →'));
}

/** Builds `#/path?query` from parameters, leaving out empty ones. */
export function address(path, params) {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
        for (const one of [value].flat()) {
            if (one != null && one !== '') {
                query.append(name, one);
            }
        }
    }
    const text = query.toString();
    return text ? `${path}?${text}` : path;
}

/**
 * A button copying the text of `source` (an element) to the clipboard. Where the browser refuses
 * (plain http:// on another host is not a secure context), the text is selected for Ctrl+C instead.
 */
export function copyButton(label, source, done) {
    return h('button', {
        type: 'button', class: 'secondary small',
        onClick: event => run(event.currentTarget, async () => {
            try {
                await navigator.clipboard.writeText(source.textContent);
                showNotice(done);
            } catch {
                getSelection().selectAllChildren(source);
                showNotice('The browser does not allow copying here: the text is selected, press Ctrl+C to copy it.');
            }
        }),
    }, label);
}

/** Relay paging arguments from a page's address: `after` pages forward, `before` back. */
export function pageArgs(params, size) {
    if (params.get('before')) {
        return {first: null, last: size, before: params.get('before')};
    }
    return {first: size, after: params.get('after') || null};
}

/** A button showing or hiding a form that starts hidden, focusing its first field when shown. */
export function formToggle(label, form, tone) {
    const toggle = h('button', {
        type: 'button', class: tone, 'aria-expanded': 'false', 'aria-controls': form.id,
        onClick: () => {
            form.hidden = !form.hidden;
            toggle.setAttribute('aria-expanded', String(!form.hidden));
            if (!form.hidden) {
                form.querySelector('input').focus();
            }
        },
    }, label);
    return toggle;
}

/** A form's submit button and a Cancel that hides the form again. */
export function formActions(submitLabel) {
    return h('div', {class: 'form-actions'},
        h('button', {type: 'submit'}, submitLabel),
        h('button', {type: 'button', class: 'secondary', onClick: event => { event.currentTarget.form.hidden = true; }},
            'Cancel'));
}

/** Runs `action(values)` on submit as a user action (see run), with the form's fields read by formValues. */
export function onSubmit(form, action) {
    form.addEventListener('submit', event => {
        event.preventDefault();
        const values = formValues(form);
        run(event.submitter, () => action(values));
    });
}
