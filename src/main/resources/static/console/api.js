// The console's only way to the server: GraphQL over HTTP with the signed-in API key.

const STORAGE_KEY = 'hookline.apiKey';
const ENDPOINT = new URL('../graphql', location.href);

/** An error the API answered with (errors[0]), or a failure to reach it. */
export class ApiError extends Error {
    constructor(message, code) {
        super(message);
        this.code = code;
    }
}

export const session = {
    get key() {
        return sessionStorage.getItem(STORAGE_KEY);
    },
    signIn(key) {
        sessionStorage.setItem(STORAGE_KEY, key);
    },
    signOut() {
        sessionStorage.removeItem(STORAGE_KEY);
    },
};

/** Runs a GraphQL document; resolves to `data`, rejects with an ApiError carrying `extensions.code`. */
export async function gql(query, variables = {}, key = session.key) {
    let response;
    try {
        response = await fetch(ENDPOINT, {
            method: 'POST',
            headers: {
                'Content-Type': 'application/json',
                'Accept': 'application/json',
                ...(key ? {'Authorization': `Bearer ${key}`} : {}),
            },
            body: JSON.stringify({query, variables}),
        });
    } catch (e) {
        throw new ApiError(`Cannot reach Hookline: ${e.message}`, 'NETWORK');
    }
    let body;
    try {
        body = await response.json();
    } catch {
        throw new ApiError(`Unexpected answer from the API (HTTP ${response.status})`, `HTTP_${response.status}`);
    }
    if (body.errors && body.errors.length > 0) {
        const first = body.errors[0];
        throw new ApiError(first.message ?? 'Unknown error', first.extensions?.code ?? 'ERROR');
    }
    if (!response.ok || !body.data) {
        throw new ApiError(`The API answered HTTP ${response.status} without data`, `HTTP_${response.status}`);
    }
    return body.data;
}

let enums;

/**
 * The schema's enums the forms offer, read from the schema itself so the console never drifts
 * from the API. Deprecated values (the singular resource spellings) are left out.
 */
export async function schemaEnums() {
    if (!enums) {
        const data = await gql('{ __schema { types { name enumValues(includeDeprecated: false) { name } } } }');
        const values = name => data.__schema.types.find(type => type.name === name).enumValues.map(v => v.name);
        enums = {
            resources: values('ResourceEnum'),
            actions: values('ActionEnum'),
            contentTypes: values('ContentTypeEnum'),
            orderings: values('WebhookOrderingEnum'),
            statuses: values('WebhookEventStatus'),
            roles: values('Role'),
        };
    }
    return enums;
}
