// Lists the named exports of every package as CommonJS sees them.
const names = process.argv.slice(2);
const found = {};
for (const name of names)
  found[name] = Object.keys(require(name))
    .filter((key) => key !== '__esModule')
    .sort();
console.log(JSON.stringify(found));
