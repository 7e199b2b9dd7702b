import "server-only";
import { createHash } from "node:crypto";
import type { Caller } from "@/lib/auth/server/verify-token";
import { ApiError } from "@/lib/errors";
import type { Settings } from "@/lib/settings";

/**
 * What one caller may make the server do through probe streams: open at most
 * `streamsPerCaller` streams, and have at most `hostsPerCaller` distinct hosts probed; and what
 * the server probes for everyone together: at most `hostsTotal` hosts. Beyond any of them the
 * stream is refused with 429 and a `Retry-After`. A stream slot is taken before the registry is
 * read from ARM, so a flood of streams costs no ARM reads.
 */

/** Seconds to wait after a refusal: streams close when tabs do; loops linger 30 s. */
export const RETRY_AFTER_STREAMS_S = 10;
export const RETRY_AFTER_CAPACITY_S = 30;

type Limits = Pick<Settings, "streamsPerCaller" | "hostsPerCaller" | "hostsTotal">;

interface Usage {
  streams: number;
  /** Hosts this caller's open streams watch, with how many of its streams watch each. */
  hosts: Map<string, number>;
}

const usage = new Map<string, Usage>();

/** The identity limits count against: the tenant and object id (a token hash without one). */
export function callerKey(caller: Pick<Caller, "tenantId" | "objectId" | "token">): string {
  const who = caller.objectId ?? createHash("sha256").update(caller.token).digest("base64url");
  return `${caller.tenantId}/${who}`;
}

function refusal(code: string, message: string, retryAfterSeconds: number): ApiError {
  return ApiError.limited("console", code, message, retryAfterSeconds);
}

/** One admitted stream: its hosts are claimed once known, and everything is given back at close. */
export interface StreamTicket {
  /**
   * Claims the hosts the stream will probe; throws 429 when the caller's or the server's host
   * budget would be exceeded. `active` are the hosts the server probes now (for everyone).
   */
  claimHosts(hosts: readonly string[], active: readonly string[]): void;
  /** Follows a change of the registry's endpoints (ARM decided it; never refused). */
  replaceHosts(hosts: readonly string[]): void;
  release(): void;
}

/** Takes one of the caller's stream slots, or throws 429 `TooManyProbeStreams`. */
export function admitStream(key: string, limits: Limits): StreamTicket {
  const mine = usage.get(key) ?? { streams: 0, hosts: new Map<string, number>() };
  if (mine.streams >= limits.streamsPerCaller) {
    throw refusal(
      "TooManyProbeStreams",
      `You have ${mine.streams} probe streams open, the most one identity may. Close a probes view (another tab) and try again.`,
      RETRY_AFTER_STREAMS_S,
    );
  }
  mine.streams++;
  usage.set(key, mine);
  let held: string[] = [];
  let released = false;

  const take = (hosts: readonly string[]) => {
    held = [...new Set(hosts)];
    for (const h of held) mine.hosts.set(h, (mine.hosts.get(h) ?? 0) + 1);
  };
  const giveBack = () => {
    for (const h of held) {
      const n = (mine.hosts.get(h) ?? 1) - 1;
      if (n > 0) mine.hosts.set(h, n);
      else mine.hosts.delete(h);
    }
    held = [];
  };

  return {
    claimHosts(hosts, active) {
      const unique = [...new Set(hosts)];
      const newForCaller = unique.filter((h) => !mine.hosts.has(h)).length;
      if (newForCaller > 0 && mine.hosts.size + newForCaller > limits.hostsPerCaller) {
        throw refusal(
          "ProbeFanOutLimit",
          `Your open probe streams would have ${mine.hosts.size + newForCaller} endpoints probed; one identity may have at most ${limits.hostsPerCaller}. Close a probes view and try again.`,
          RETRY_AFTER_STREAMS_S,
        );
      }
      const running = new Set(active);
      const newForServer = unique.filter((h) => !running.has(h)).length;
      if (newForServer > 0 && running.size + newForServer > limits.hostsTotal) {
        throw refusal(
          "ProbeCapacityReached",
          "The console is probing as many endpoints as it is configured to. Try again shortly.",
          RETRY_AFTER_CAPACITY_S,
        );
      }
      take(unique);
    },
    replaceHosts(hosts) {
      giveBack();
      take(hosts);
    },
    release() {
      if (released) return;
      released = true;
      giveBack();
      mine.streams--;
      if (mine.streams === 0 && mine.hosts.size === 0) usage.delete(key);
    },
  };
}
