import { apiRoute } from "@/lib/api/route";
import { listSubscriptions } from "@/lib/azure/subscriptions";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** `GET /api/subscriptions` -> `{ subscriptions: Subscription[] }`: what the caller can see. */
export const GET = apiRoute(async ({ arm }) => ({ subscriptions: await listSubscriptions(arm) }));
