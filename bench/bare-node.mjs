// The footprint baseline: a bare `node` process (no loader, no code of RecordKey's), alive as
// long as the measured core, reporting its own memory and CPU the same way footprint-child does.
const seconds = Number(process.argv[3]);
const start = process.cpuUsage();
process.stdout.write('ready now\n');
const keepAlive = setInterval(() => {}, 1000);
setTimeout(() => {
  clearInterval(keepAlive);
  const cpu = process.cpuUsage(start);
  const memory = process.memoryUsage();
  process.stdout.write(`result ${JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, rssMb: memory.rss / 1048576, heapUsedMb: memory.heapUsed / 1048576, polls: 0 })}\n`);
  process.exit(0);
}, seconds * 1000);
