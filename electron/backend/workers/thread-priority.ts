// Long computations (proposals, what-ifs) run in worker threads; on a shared machine — the regional
// server above all, where other people's pages must stay fast — they should yield the processor to the
// threads that answer requests. Linux keeps a nice value per thread, and setpriority() with a thread's
// id changes that thread alone, so a worker lowers its own priority: it still gets every idle cycle,
// and gives way when a request comes in. Elsewhere (macOS, Windows) this does nothing. Node only.
import { readdirSync, readlinkSync } from 'node:fs';
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

/**
 * Lowers every thread of this process but the main one (the regional server's request thread) to
 * BACKGROUND_NICE: the worker threads, and also the threads a worker cannot lower itself — V8's
 * helpers, which collect the garbage of every thread of the process (a proposal's or an export's
 * included) at the main thread's priority unless told otherwise, and libuv's pool (file reads,
 * passphrase hashing). Measured on the 2-core test machine with 50 users beside a proposal and two
 * exports: list and record p95 ~0.7-1.1 s without this, ~0.1-0.2 s with it. Returns how many threads
 * it lowered; nothing elsewhere than Linux.
 */
export function lowerHelperThreads(): number {
  if (process.platform !== 'linux') return 0;
  let lowered = 0;
  let tids: number[];
  try {
    tids = readdirSync('/proc/self/task').map(Number);
  } catch {
    return 0;
  }
  for (const tid of tids) {
    if (tid === process.pid || !Number.isInteger(tid)) continue;
    try {
      if (getPriority(tid) < BACKGROUND_NICE) {
        setPriority(tid, BACKGROUND_NICE);
        lowered++;
      }
    } catch {
      // The thread ended meanwhile.
    }
  }
  return lowered;
}

/** Keeps the helper threads low as they come (libuv starts its pool at first use): a sweep now and every `everyMs`. */
export function keepHelperThreadsLow(everyMs = 5_000): { stop(): void } {
  lowerHelperThreads();
  const timer = setInterval(lowerHelperThreads, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
