// What Linux says about a process (resident memory, CPU time so far) and about the whole machine's CPU.
import { readFileSync } from 'node:fs';

export interface ResidentMemory {
  /** VmRSS: everything resident, including the pages of the node binary and libraries it maps. */
  rss: number;
  /** RssAnon: the process's own memory (JavaScript heap, native allocations), without mapped files. */
  anon: number;
}

/** From /proc/<pid>/status, in MB. */
export function residentMemoryMb(pid: number): ResidentMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(status);
    if (!match) throw new Error(`no ${name} for process ${pid}`);
    return Number(match[1]) / 1024;
  };
  return { rss: field('VmRSS'), anon: field('RssAnon') };
}

/** User plus system CPU seconds from /proc/<pid>/stat (fields 14 and 15, in clock ticks of 1/100 s). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds all cores spent busy since boot (/proc/stat), to tell what else ran during a phase. */
export function machineBusySeconds(): number {
  const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) / 100;
}
