import "server-only";
import type { Pipeline, PipelinePolicy } from "@azure/core-rest-pipeline";

/** One ARM answer seen during a change: enough to tell the user what ARM said and when. */
export interface RecordedResponse {
  method: string;
  url: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

let recorderSeq = 0;

function parseBody(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Runs `task` with a policy on `pipeline` that records every ARM answer (after the SDK's retries).
 * The typed SDK's poller turns an operation that ends Failed or Canceled into a plain Error
 * without ARM's code, message or request id; the recorded status answers still carry them.
 */
export async function withRecordedResponses<T>(
  pipeline: Pipeline,
  task: (responses: RecordedResponse[]) => Promise<T>,
): Promise<T> {
  const responses: RecordedResponse[] = [];
  const name = `acrConsoleResponseRecorder${++recorderSeq}`;
  const policy: PipelinePolicy = {
    name,
    async sendRequest(request, next) {
      const response = await next(request);
      responses.push({
        method: request.method,
        url: request.url,
        status: response.status,
        headers: response.headers.toJSON({ preserveCase: false }),
        body: parseBody(response.bodyAsText ?? undefined),
      });
      return response;
    },
  };
  // No phase: runs after serialization and around the retry policy, so it sees final answers.
  pipeline.addPolicy(policy);
  try {
    return await task(responses);
  } finally {
    pipeline.removePolicy({ name });
  }
}

/** The path of a URL in lower case, for comparing ARM resource URLs. */
export function pathOf(url: string): string {
  return new URL(url, "https://arm.invalid").pathname.toLowerCase();
}
