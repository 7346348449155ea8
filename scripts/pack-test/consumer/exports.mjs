// Lists the named exports of every package as ESM sees them.
const names = process.argv.slice(2);
const found = {};
for (const name of names) found[name] = Object.keys(await import(name)).sort();
console.log(JSON.stringify(found));
