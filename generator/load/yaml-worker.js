// @ts-check
/**
 * Worker thread of yaml-positions.ts: parses a large YAML spec with `yaml` (whose nodes carry source ranges) while
 * the main thread validates, normalizes and emits from the js-yaml value, then answers position requests.
 * workerData: `{ text, port, signal }`. `signal[1]` is set to 1 as soon as the worker runs. Each message on `port`
 * is `{ tokens: string[][] }`; the answer, posted on `port`, is the offsets from `nodeOffsets` (null when the text
 * could not be parsed), after which `signal[0]` is set to 1 and notified, so the main thread can wait synchronously
 * (Atomics.wait) and read the answer with receiveMessageOnPort.
 */
import { workerData } from "node:worker_threads";

const { text, port, signal } =
  /** @type {{ text: string, port: import("node:worker_threads").MessagePort, signal: Int32Array }} */ (
    workerData
  );
Atomics.store(signal, 1, 1);
Atomics.notify(signal, 1);

/** @type {Promise<((tokens: string[][]) => (number | null)[]) | undefined>} */
const parsed = (async () => {
  try {
    const [{ parseDocument }, { nodeOffsets, POSITION_OPTIONS }] = await Promise.all([
      import("yaml"),
      import("./yaml-locate.js"),
    ]);
    const doc = parseDocument(text, POSITION_OPTIONS);
    return (/** @type {string[][]} */ tokens) => nodeOffsets(doc, tokens);
  } catch {
    return undefined;
  }
})();

port.on("message", async (/** @type {{ tokens: string[][] }} */ message) => {
  /** @type {(number | null)[] | null} */
  let offsets = null;
  try {
    offsets = (await parsed)?.(message.tokens) ?? null;
  } catch {
    offsets = null;
  }
  port.postMessage(offsets);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
