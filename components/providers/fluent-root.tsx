"use client";
import {
  createDOMRenderer,
  FluentProvider,
  RendererProvider,
  renderToStyleElements,
  SSRProvider,
} from "@fluentui/react-components";
import { useServerInsertedHTML } from "next/navigation";
import { cloneElement, useRef, useState, type ReactElement, type ReactNode } from "react";
import { switchableTheme, themeStyleSheet } from "./theme";

/**
 * Fluent UI with server-rendered styles for the App Router. Griffel collects the atomic CSS of
 * everything rendered on the server into this request's renderer; `useServerInsertedHTML` writes
 * it into the streamed HTML once, so the first paint is styled and hydration reuses those rules
 * instead of inserting them again. The theme's own sheet (light, dark, by choice or by the system)
 * goes in the same place, so that every style the server writes into the page is written here.
 *
 * Under the Content Security Policy (proxy.ts) every style element needs the page's nonce: those
 * rendered on the server get it here (Griffel's renderToStyleElements does not set one), those
 * Griffel and FluentProvider create in the browser get it from the renderer's attributes.
 */
export function FluentRoot({ nonce, children }: { nonce?: string; children: ReactNode }) {
  const [renderer] = useState(() =>
    createDOMRenderer(
      typeof document === "undefined" ? undefined : document,
      nonce ? { styleElementAttributes: { nonce } } : undefined,
    ),
  );
  const inserted = useRef(false);

  useServerInsertedHTML(() => {
    if (inserted.current) return null;
    inserted.current = true;
    const styles = renderToStyleElements(renderer) as ReactElement<{ nonce?: string }>[];
    return (
      <>
        <style id="acr-theme" nonce={nonce}>
          {themeStyleSheet()}
        </style>
        {nonce ? styles.map((style) => cloneElement(style, { nonce })) : styles}
      </>
    );
  });

  return (
    <RendererProvider renderer={renderer}>
      <SSRProvider>
        <FluentProvider theme={switchableTheme}>
          {/* A class, not a style attribute (the CSP refuses inline style attributes), and on a
              wrapper: the provider's own classes are copied to portal nodes (dialogs), which
              must not fill the window. */}
          <div className="app-root">{children}</div>
        </FluentProvider>
      </SSRProvider>
    </RendererProvider>
  );
}
