// Faults a test can inject, for every request or for the requests about one VideoId, forever or N times.
import { z } from 'zod';

export type Fault =
  /** Answer normally, but only after `ms` milliseconds. */
  | { type: 'latency'; ms: number }
  /** 500 InternalError or 503 ServiceUnavailable, real body shape. */
  | { type: 'status'; status: 500 | 503 }
  /** Throttling.User with status 400 (default) or 429, and a Retry-After header when retryAfter is set. */
  | { type: 'throttling'; status?: 400 | 429; retryAfter?: number }
  /** 200 application/json whose body is cut off halfway. */
  | { type: 'malformedJson' }
  /** A proxy's HTML error page (text/html), status 502 by default. */
  | { type: 'html'; status?: number }
  /** Destroy the connection without answering. */
  | { type: 'reset' }
  /** Never answer (until the client gives up or the emulator closes). */
  | { type: 'hang' }
  /** 200 JSON of the wrong shape (Video is a string, VideoList a number). */
  | { type: 'schema' };

export type FaultType = Fault['type'];

export interface FaultScope {
  /** Only requests that look up this VideoId (GetVideoInfo, or GetVideoInfos listing it). */
  videoId?: string;
  /** Only the next N matching requests; forever when unset. */
  times?: number;
}

export const faultSchema: z.ZodType<Fault> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('latency'), ms: z.number().int().min(0).max(600_000) }),
  z.object({ type: z.literal('status'), status: z.union([z.literal(500), z.literal(503)]) }),
  z.object({
    type: z.literal('throttling'),
    status: z.union([z.literal(400), z.literal(429)]).optional(),
    retryAfter: z.number().min(0).optional(),
  }),
  z.object({ type: z.literal('malformedJson') }),
  z.object({ type: z.literal('html'), status: z.number().int().min(200).max(599).optional() }),
  z.object({ type: z.literal('reset') }),
  z.object({ type: z.literal('hang') }),
  z.object({ type: z.literal('schema') }),
]);

/** The body of POST /__emulator/faults. */
export const faultRequestSchema = z.object({
  fault: faultSchema,
  videoId: z.string().min(1).optional(),
  times: z.number().int().min(1).optional(),
});

interface ArmedFault {
  fault: Fault;
  videoId?: string;
  remaining?: number;
}

/** What to do to one request: wait, then maybe answer with a fault instead of the real answer. */
export interface FaultPlan {
  latencyMs: number;
  fault?: Fault;
}

export class FaultBook {
  private armed: ArmedFault[] = [];

  add(fault: Fault, scope: FaultScope = {}): void {
    const parsed = faultSchema.parse(fault);
    if (scope.times !== undefined && (!Number.isInteger(scope.times) || scope.times < 1)) {
      throw new RangeError(`times must be a positive integer, got ${scope.times}`);
    }
    this.armed.push({ fault: parsed, videoId: scope.videoId, remaining: scope.times });
  }

  clear(): void {
    this.armed = [];
  }

  get size(): number {
    return this.armed.length;
  }

  /**
   * Takes the faults for a request about `videoIds`: every matching latency adds up, and the first
   * other matching fault (a VideoId-scoped one before a global one) answers the request.
   */
  take(videoIds: readonly string[]): FaultPlan {
    const matching = this.armed.filter((armed) => armed.videoId === undefined || videoIds.includes(armed.videoId));
    matching.sort((a, b) => Number(a.videoId === undefined) - Number(b.videoId === undefined));
    const plan: FaultPlan = { latencyMs: 0 };
    for (const armed of matching) {
      if (armed.fault.type === 'latency') {
        plan.latencyMs += armed.fault.ms;
      } else if (plan.fault === undefined) {
        plan.fault = armed.fault;
      } else {
        continue;
      }
      this.consume(armed);
    }
    return plan;
  }

  private consume(armed: ArmedFault): void {
    if (armed.remaining === undefined) return;
    armed.remaining -= 1;
    if (armed.remaining <= 0) this.armed = this.armed.filter((other) => other !== armed);
  }
}
