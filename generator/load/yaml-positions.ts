/**
 * Where the nodes of a YAML spec start, by JSON pointer, for locating issues (file:line:column). The value the
 * pipeline works on comes from js-yaml (yaml-fast.ts), which keeps no positions; positions come from `yaml`, parsed
 * only when an issue is to be located: on first use, or, for a large spec on a machine with a core to spare (see
 * load.ts), on a worker thread started at load so the parse overlaps the rest of the pipeline.
 */
import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  type MessagePort,
} from "node:worker_threads";
import type { Document } from "yaml";
import { parsePointer } from "../util/issues.js";
import { nodeOffsets, POSITION_OPTIONS, yamlLib } from "./yaml-locate.js";
import { scanOffsets } from "./yaml-scan.js";

export interface YamlPositions {
  /** Offset (UTF-16 code units) where the node at each pointer starts; pointers without a node are left out. */
  offsets(pointers: readonly string[]): Map<string, number>;
}

/** How long to wait for a worker to show it runs, and for an answer, before parsing on this thread (ms). */
const STARTUP_TIMEOUT_MS = 5_000;
const ANSWER_TIMEOUT_MS = 120_000;

function byPointer(
  pointers: readonly string[],
  offsets: readonly (number | null)[],
): Map<string, number> {
  const out = new Map<string, number>();
  pointers.forEach((p, i) => {
    const offset = offsets[i];
    if (offset !== undefined && offset !== null) out.set(p, offset);
  });
  return out;
}

/** Positions from a `yaml` Document already parsed (with `POSITION_OPTIONS`). */
export function documentPositions(doc: Document | undefined): YamlPositions {
  return {
    offsets: (pointers) => byPointer(pointers, nodeOffsets(doc, pointers.map(parsePointer))),
  };
}

/** At most this many pointers are looked up by scanning lines (yaml-scan.ts); more parse the document once. */
const SCAN_MAX_POINTERS = 20;

/** The offsets yaml-scan.ts is sure of for every pointer, or undefined (then `yaml` must parse the document). */
function scanned(text: string, pointers: readonly string[]): Map<string, number> | undefined {
  if (pointers.length > SCAN_MAX_POINTERS) return undefined;
  const offsets = scanOffsets(text, pointers.map(parsePointer));
  return offsets.every((o) => o !== undefined) ? byPointer(pointers, offsets) : undefined;
}

/**
 * Positions from `text`: a few pointers found by scanning its lines (yaml-scan.ts, a few ms each), otherwise parsed
 * with `yaml` on this thread on first use (never, when no issue is located).
 */
export function positionsOnUse(text: string): YamlPositions {
  let positions: YamlPositions | undefined;
  return {
    offsets(pointers) {
      if (positions === undefined) {
        const fast = scanned(text, pointers);
        if (fast !== undefined) return fast;
        let doc: Document | undefined;
        try {
          doc = yamlLib().parseDocument(text, POSITION_OPTIONS);
        } catch {
          doc = undefined;
        }
        positions = documentPositions(doc);
      }
      return positions.offsets(pointers);
    },
  };
}

const stopOnCollect = new FinalizationRegistry<Worker>((worker) => void worker.terminate());

/**
 * Positions from `text`, parsed with `yaml` on a worker thread started now. The first request waits (synchronously)
 * for the worker's answer and stops the worker; later requests, or any failure of the worker, parse on this thread.
 * The worker never keeps the process alive, and is stopped when the returned object is garbage-collected unused.
 */
export function positionsOnWorker(text: string): YamlPositions {
  const fallback = positionsOnUse(text);
  let worker: Worker | undefined;
  let port: MessagePort | undefined;
  const signal = new Int32Array(new SharedArrayBuffer(8));
  try {
    const channel = new MessageChannel();
    port = channel.port1;
    worker = new Worker(new URL("./yaml-worker.js", import.meta.url), {
      workerData: { text, port: channel.port2, signal },
      transferList: [channel.port2],
    });
    worker.unref();
    worker.on("error", () => undefined);
    port.unref();
  } catch {
    worker = undefined;
  }
  const stop = (): void => {
    if (worker !== undefined) void worker.terminate();
    port?.close();
    worker = undefined;
    port = undefined;
  };
  const positions: YamlPositions = {
    offsets(pointers) {
      if (worker === undefined || port === undefined) return fallback.offsets(pointers);
      const fast = scanned(text, pointers);
      if (fast !== undefined) {
        stop();
        stopOnCollect.unregister(positions);
        return fast;
      }
      let offsets: (number | null)[] | null = null;
      if (
        Atomics.load(signal, 1) === 1 ||
        Atomics.wait(signal, 1, 0, STARTUP_TIMEOUT_MS) !== "timed-out" ||
        Atomics.load(signal, 1) === 1
      ) {
        port.postMessage({ tokens: pointers.map(parsePointer) });
        if (Atomics.wait(signal, 0, 0, ANSWER_TIMEOUT_MS) !== "timed-out") {
          offsets =
            (receiveMessageOnPort(port)?.message as (number | null)[] | null | undefined) ?? null;
        }
      }
      stop();
      stopOnCollect.unregister(positions);
      return offsets === null ? fallback.offsets(pointers) : byPointer(pointers, offsets);
    },
  };
  if (worker !== undefined) stopOnCollect.register(positions, worker, positions);
  return positions;
}
