// Preloaded with NODE_OPTIONS=--require (where --cpu-prof is not allowed): samples the process from
// SIGUSR2 (or from the start without PROF_ON_SIGNAL) and writes a V8 CPU profile to $PROF_DIR when it
// exits (open it in chrome://inspect or speedscope).
const inspector = require('node:inspector');
const fs = require('node:fs');
const session = new inspector.Session();
session.connect();
const start = () => {
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 200 });
  session.post('Profiler.start');
};
if (process.env.PROF_ON_SIGNAL) process.once('SIGUSR2', start);
else start();
process.on('exit', () => {
  session.post('Profiler.stop', (error, result) => {
    if (!error)
      fs.writeFileSync(`${process.env.PROF_DIR}/${process.pid}.cpuprofile`, JSON.stringify(result.profile));
  });
});
