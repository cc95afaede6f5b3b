import { getEventListeners } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { realClock } from "../../templates/runtime/client.js";

describe("realClock (the default clock), driven by vitest fake timers", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it("sleep resolves after ms and removes its abort listener", async () => {
    const ctrl = new AbortController();
    let done = false;
    const p = realClock.sleep(1000, ctrl.signal).then(() => (done = true));
    expect(getEventListeners(ctrl.signal, "abort")).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await p;
    expect(done).toBe(true);
    expect(getEventListeners(ctrl.signal, "abort")).toHaveLength(0);
  });

  it("sleep rejects with the abort reason and clears its timer", async () => {
    const ctrl = new AbortController();
    const p = realClock.sleep(1000, ctrl.signal);
    ctrl.abort(new Error("stop"));
    await expect(p).rejects.toThrow("stop");
    expect(vi.getTimerCount()).toBe(0);
    await expect(realClock.sleep(5, AbortSignal.abort(new Error("early")))).rejects.toThrow(
      "early",
    );
    expect(vi.getTimerCount()).toBe(0);
  });

  it("now is the wall clock", () => {
    vi.setSystemTime(1_700_000_000_000);
    expect(realClock.now()).toBe(1_700_000_000_000);
  });
});
