// The GraphiQL page of Hookline: everything it needs is bundled by build.mjs and served from
// /graphiql/, so it works on networks that reach no CDN. Monaco's workers come from the same place.
import React from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import 'graphiql/style.css';

globalThis.MonacoEnvironment = {
  getWorker(_workerId, label) {
    const name = label === 'json' || label === 'graphql' ? label : 'editor';
    return new Worker(new URL(`./${name}.worker.js`, import.meta.url));
  },
};

const fetcher = createGraphiQLFetcher({ url: new URL('/graphql', location.href).toString() });

createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, {
    fetcher,
    shouldPersistHeaders: true,
    defaultHeaders: '{\n  "Authorization": "Bearer <your API key>"\n}',
  }),
);
