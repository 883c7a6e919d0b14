/**
 * The resident memory (RSS) of another process, read from /proc/PID/status every 20 ms while
 * something runs, and the kernel's own high-water mark (VmHWM, reset at the start through
 * /proc/PID/clear_refs) as a check that no peak fell between two samples. RSS is the sum of
 * anonymous memory (the JavaScript heap, buffers, the drivers' own memory) and file pages mapped
 * into the process (the program's own files; the register does not map the database file, see
 * src/db/connect.ts); both parts are sampled too.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export interface MemoryPeak {
  /** RSS before the work started, bytes. */
  beforeBytes: number;
  /** The highest RSS sampled while it ran, bytes. */
  peakBytes: number;
  /** The highest anonymous part (RssAnon) and file-backed part (RssFile) sampled, bytes. */
  peakAnonBytes: number;
  peakFileBytes: number;
  /** The kernel's peak RSS over the same span (VmHWM after a reset), bytes; null where it could not be reset. */
  kernelPeakBytes: number | null;
  samples: number;
  /** The longest gap between two samples, ms (the sampler shares its event loop). */
  longestGapMs: number;
}

type Field = 'VmRSS' | 'VmHWM' | 'RssAnon' | 'RssFile';

function status(pid: number): Record<Field, number> {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const read = (field: Field) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
    if (!match) throw new Error(`no ${field} for process ${pid}`);
    return Number(match[1]) * 1024;
  };
  return { VmRSS: read('VmRSS'), VmHWM: read('VmHWM'), RssAnon: read('RssAnon'), RssFile: read('RssFile') };
}

/** The RSS of process `pid` now, bytes. */
export const rssOf = (pid: number): number => status(pid).VmRSS;

/** Runs `work` while sampling the RSS of process `pid` every `everyMs` ms. */
export async function measurePeakRss<T>(pid: number, work: () => Promise<T>, everyMs = 20): Promise<{ result: T; memory: MemoryPeak }> {
  let hwmReset = true;
  try {
    // "5" resets the peak RSS to the current RSS (proc(5), clear_refs).
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    hwmReset = false;
  }
  const before = status(pid);
  const beforeBytes = before.VmRSS;
  let peakBytes = beforeBytes;
  let peakAnonBytes = before.RssAnon;
  let peakFileBytes = before.RssFile;
  const sample = () => {
    const now = status(pid);
    peakBytes = Math.max(peakBytes, now.VmRSS);
    peakAnonBytes = Math.max(peakAnonBytes, now.RssAnon);
    peakFileBytes = Math.max(peakFileBytes, now.RssFile);
    return now;
  };
  let samples = 1;
  let last = performance.now();
  let longestGapMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
    try {
      sample();
      samples++;
    } catch {
      // The process is gone; the work will fail and say why.
    }
  }, everyMs);
  try {
    const result = await work();
    const after = sample();
    const kernelPeakBytes = hwmReset ? after.VmHWM : null;
    return { result, memory: { beforeBytes, peakBytes, peakAnonBytes, peakFileBytes, kernelPeakBytes, samples, longestGapMs } };
  } finally {
    clearInterval(timer);
  }
}
