"use client";
import {
  MessageBar,
  MessageBarBody,
  MessageBarGroup,
  MessageBarTitle,
} from "@fluentui/react-components";
import { ApiError } from "@/lib/errors";
import type { SubscriptionFailure } from "@/lib/types";
import { readAdvice } from "@/lib/error-advice";

/** One banner per subscription that could not be listed; the rest of the inventory still shows. */
export function SubscriptionFailures({
  failures,
  subscriptionName,
}: {
  failures: SubscriptionFailure[];
  subscriptionName: (subscriptionId: string) => string;
}) {
  if (failures.length === 0) return null;
  return (
    <MessageBarGroup>
      {failures.map((failure, index) => {
        const { code, message, status, requestId } = failure.error;
        const name = subscriptionName(failure.subscriptionId);
        const label =
          name === failure.subscriptionId ? name : `${name} (${failure.subscriptionId})`;
        return (
          <MessageBar
            key={`${failure.subscriptionId}-${index}`}
            intent="warning"
            layout="multiline"
            data-subscription={failure.subscriptionId}
          >
            <MessageBarBody>
              <MessageBarTitle>
                Subscription {label}: registries could not all be listed
              </MessageBarTitle>
              <code>{code}</code> (HTTP {status}): {message}
              {requestId ? (
                <>
                  {" "}
                  Request id: <code>{requestId}</code>.
                </>
              ) : null}{" "}
              {readAdvice(ApiError.fromBody({ error: failure.error }))}
            </MessageBarBody>
          </MessageBar>
        );
      })}
    </MessageBarGroup>
  );
}
