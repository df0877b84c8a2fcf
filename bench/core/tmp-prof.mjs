import { buildScenarios } from './scenarios.js';
const { scenarios, dispose } = buildScenarios();
const target = process.argv[2];
async function loop(op, n) {
  for (let i = 0; i < n; i++) await op();
}
// warm every subject as the bench does, so call sites see what they see there
for (const s of scenarios) {
  s.setup?.();
  for (const [lib, op] of Object.entries(s.subjects))
    await loop(op, lib === 'cockatiel' && s.path === 'failure' ? 20 : 3000);
}
const [path, name, lib] = target.split('/');
const op = scenarios.find((s) => s.path === path && s.name === name).subjects[lib];
const N = Number(process.argv[3] ?? 3e5);
const res = [];
for (let r = 0; r < 11; r++) {
  await loop(op, N / 10);
  const c = process.cpuUsage();
  await loop(op, N);
  const u = process.cpuUsage(c);
  res.push(((u.user + u.system) * 1e3) / N);
}
console.log(target, res.sort((a, b) => a - b)[5].toFixed(0));
dispose();
