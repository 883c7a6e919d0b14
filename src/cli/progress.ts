/** A progress bar on a terminal (standard error), silent when output goes elsewhere. */
import { SingleBar, Presets } from 'cli-progress';

export function progressBar(label: string, total: number) {
  if (!process.stderr.isTTY || total < 100) return { update: (_n: number) => {}, stop: () => {} };
  const bar = new SingleBar({ format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`, stream: process.stderr }, Presets.shades_classic);
  bar.start(total, 0);
  return { update: (n: number) => bar.update(n), stop: () => bar.stop() };
}
