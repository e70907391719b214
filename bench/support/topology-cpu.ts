import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc (USER_HZ; 100 on Linux everywhere in practice). */
const TICKS_PER_SECOND = 100;

interface ProcessStat {
  ppid: number;
  ticks: number;
  commandLine: string;
}

function readProcesses(): Map<number, ProcessStat> {
  const processes = new Map<number, ProcessStat>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const text = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      const commandLine = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      processes.set(Number(name), {
        ppid: Number(fields[1]),
        // utime + stime + the times of its children that ended (Postgres' backends, a cluster's
        // workers): a group's sum then does not drop when one of its processes exits
        ticks: Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]),
        commandLine,
      });
    } catch {
      // the process ended between readdir and read
    }
  }
  return processes;
}

/** A named group of processes: given pids, or every process whose command line matches. */
export interface ProcessGroup {
  name: string;
  pids?: () => (number | undefined)[];
  commandLine?: RegExp;
}

/**
 * CPU milliseconds used so far by each group, each process counted with all its descendants (the
 * workers of a cluster, Postgres' backends) and never twice.
 */
export function groupCpuMs(groups: readonly ProcessGroup[]): Record<string, number> {
  const processes = readProcesses();
  const result: Record<string, number> = {};
  for (const group of groups) {
    const roots = new Set<number>();
    for (const pid of group.pids?.() ?? []) if (pid !== undefined && processes.has(pid)) roots.add(pid);
    if (group.commandLine)
      for (const [pid, p] of processes) if (group.commandLine.test(p.commandLine)) roots.add(pid);
    const inTree = (pid: number): boolean => {
      for (let p: number | undefined = pid, depth = 0; p !== undefined && p > 1 && depth < 32; depth++) {
        if (roots.has(p)) return true;
        p = processes.get(p)?.ppid;
      }
      return false;
    };
    let ticks = 0;
    for (const [pid, p] of processes) if (inTree(pid)) ticks += p.ticks;
    result[group.name] = (ticks * 1000) / TICKS_PER_SECOND;
  }
  return result;
}

/** Busy CPU milliseconds of the whole machine so far (all cores; /proc/stat). */
export function machineBusyMs(): number {
  const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
  const [user, nice, system, , , irq, softirq, steal] = cpu!.trim().split(/\s+/).slice(1).map(Number);
  return ((user! + nice! + system! + irq! + softirq! + steal!) * 1000) / TICKS_PER_SECOND;
}

/** Starts a CPU measurement; `stop()` gives the cores each group used on average meanwhile. */
export function measureCores(groups: readonly ProcessGroup[]): () => Record<string, number> {
  const startedAt = Date.now();
  const before = groupCpuMs(groups);
  const machineBefore = machineBusyMs();
  return () => {
    const seconds = (Date.now() - startedAt) / 1000;
    const after = groupCpuMs(groups);
    const cores: Record<string, number> = {};
    for (const group of groups)
      cores[group.name] = +((after[group.name]! - before[group.name]!) / 1000 / seconds).toFixed(2);
    cores['machine (all processes)'] = +((machineBusyMs() - machineBefore) / 1000 / seconds).toFixed(2);
    return cores;
  };
}
