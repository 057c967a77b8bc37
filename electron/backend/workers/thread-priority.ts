// Long computations (proposals, what-ifs) run in worker threads; on a shared machine — the regional
// server above all, where other people's pages must stay fast — they should yield the processor to the
// threads that answer requests. Linux keeps a nice value per thread, and setpriority() with a thread's
// id changes that thread alone, so a worker lowers its own priority: it still gets every idle cycle,
// and gives way when a request comes in. Elsewhere (macOS, Windows) this does nothing. Node only.
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** The nice value of a worker that computes in the background (19 is the lowest priority). */
export const BACKGROUND_NICE = 10;

/** Lowers the calling thread's priority to at least BACKGROUND_NICE; false where the system does not allow it. */
export function lowerThisThreadPriority(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    // '/proc/thread-self' links to '<pid>/task/<tid>' of the calling thread.
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    // Never higher than it is (a process started with nice 15 stays at 15).
    if (getPriority(tid) < BACKGROUND_NICE) setPriority(tid, BACKGROUND_NICE);
    return true;
  } catch {
    return false;
  }
}
