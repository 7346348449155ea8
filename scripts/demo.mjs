// `pnpm demo`: serves the web demo on 127.0.0.1. The demo arrives with its own issue.
console.log('initlab: the web demo is not built yet.');
