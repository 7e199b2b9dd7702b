import "server-only";
import type { ProbeSample } from "@/lib/probe/server";
import { encodeEvent, sampleEventId } from "@/lib/probe/shared/events";

/** The last sample written in one form, and its text. */
interface Written {
  sample?: ProbeSample;
  epoch?: string;
  text: string;
}

/** One per form: with the remote address (the pinned view) and without (the overview). */
const lastWritten: Record<"withAddress" | "withoutAddress", Written> = {
  withAddress: { text: "" },
  withoutAddress: { text: "" },
};

/**
 * The SSE text of a sample event. The hub hands one sample object to every stream watching its
 * host, one stream after another, so the JSON of the sample just written is kept and the streams
 * after the first reuse it: one serialisation per sample and form, not one per stream. (A replay
 * builds new objects and is written afresh.)
 */
export function sampleEventText(epoch: string, sample: ProbeSample, withAddress: boolean): string {
  const written = lastWritten[withAddress ? "withAddress" : "withoutAddress"];
  if (written.sample === sample && written.epoch === epoch) return written.text;
  const shown =
    withAddress || sample.remoteAddress === null ? sample : { ...sample, remoteAddress: null };
  written.text = encodeEvent({
    type: "sample",
    id: sampleEventId(epoch, sample.seq),
    sample: shown,
  });
  written.sample = sample;
  written.epoch = epoch;
  return written.text;
}
