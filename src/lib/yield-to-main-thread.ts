interface SchedulerWithYield {
  yield(): Promise<void>;
}

/**
 * Ends the current task and goes on in a new one, so that the browser can handle input and
 * paint in between: `scheduler.yield()` where there is one (it goes on ahead of other
 * waiting tasks), else a message to ourselves (sooner than a timer, which may wait 4 ms).
 */
export function yieldToMainThread(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<SchedulerWithYield> }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}
