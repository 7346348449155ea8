// `pnpm start`: the main job, `initlab run seed`. The CLI arrives with its own issue.
console.log('initlab: the CLI is not built yet — `pnpm start` will run `initlab run seed` once it is.');
