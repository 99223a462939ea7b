/**
 * What must not outlive the bench — the servers (own process groups, so Ctrl-C in the terminal
 * does not reach them) and the throw-away databases — registered while they exist, and undone
 * when the bench is interrupted.
 */
const pending = new Set<() => Promise<void>>();

/** Registers `undo`; the returned function runs it once and unregisters it. */
export function onInterrupt(undo: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  const once = () => {
    pending.delete(once);
    done ??= undo();
    return done;
  };
  pending.add(once);
  return once;
}

let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\nbench: ${signal}, stopping servers and dropping databases …`);
    void (async () => {
      // Newest first: the servers before the databases they run on.
      for (const undo of [...pending].reverse()) await undo().catch((err: Error) => console.error(`bench: ${err.message}`));
      process.exit(130);
    })();
  });
}
