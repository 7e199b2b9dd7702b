"use client";
import {
  createDOMRenderer,
  FluentProvider,
  RendererProvider,
  renderToStyleElements,
  SSRProvider,
} from "@fluentui/react-components";
import { useServerInsertedHTML } from "next/navigation";
import { useRef, useState, type ReactNode } from "react";
import { switchableTheme, themeStyleSheet } from "./theme";

/**
 * Fluent UI with server-rendered styles for the App Router. Griffel collects the atomic CSS of
 * everything rendered on the server into this request's renderer; `useServerInsertedHTML` writes
 * it into the streamed HTML once, so the first paint is styled and hydration reuses those rules
 * instead of inserting them again. The theme's own sheet (light, dark, by choice or by the system)
 * goes in the same place, so that every style the server writes into the page is written here.
 */
export function FluentRoot({ children }: { children: ReactNode }) {
  const [renderer] = useState(() => createDOMRenderer());
  const inserted = useRef(false);

  useServerInsertedHTML(() => {
    if (inserted.current) return null;
    inserted.current = true;
    return (
      <>
        <style id="acr-theme">{themeStyleSheet()}</style>
        {renderToStyleElements(renderer)}
      </>
    );
  });

  return (
    <RendererProvider renderer={renderer}>
      <SSRProvider>
        <FluentProvider theme={switchableTheme} style={{ minHeight: "100vh" }}>
          {children}
        </FluentProvider>
      </SSRProvider>
    </RendererProvider>
  );
}
