import type { MouseEvent, ReactNode } from 'react';
import { navigateTo } from '../bridge';

function wantsNewTab(event: MouseEvent): boolean {
  return event.metaKey || event.ctrlKey || event.shiftKey || event.button === 1;
}

/** A Jira issue key as a link to `/browse/KEY`, opened by the host through the bridge. */
export function IssueLink({ issueKey, children }: { issueKey: string; children?: ReactNode }) {
  const href = `/browse/${encodeURIComponent(issueKey)}`;
  return (
    <a
      className="issue-link"
      href={href}
      target="_top"
      onClick={(event) => {
        if (event.defaultPrevented || event.button > 1) return;
        event.preventDefault();
        navigateTo(href, wantsNewTab(event));
      }}
    >
      {children ?? issueKey}
    </a>
  );
}

/**
 * The address as an absolute http(s) URL, or null for anything else (`javascript:`, `data:`,
 * relative paths, garbage). Remote links come from issue data anyone who can edit a pilot may
 * write, so only web addresses are ever opened.
 */
export function webAddress(href: string): string | null {
  try {
    const url = new URL(href.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * A page outside Jira (a ServiceNow record): always a new tab, through the bridge's router. An
 * address that is not http(s) is shown as text, never opened.
 */
export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  const address = webAddress(href);
  if (address === null) {
    return (
      <span className="unopened-link" title="Not opened: only http and https links open">
        {children}
        <span className="visually-hidden"> (not a web address: only http and https links open)</span>
      </span>
    );
  }
  return (
    <a
      href={address}
      target="_blank"
      rel="noopener noreferrer"
      onClick={(event) => {
        if (event.defaultPrevented || event.button > 1) return;
        event.preventDefault();
        navigateTo(address, true);
      }}
    >
      {children}
      <span className="visually-hidden"> (opens in a new tab)</span>
    </a>
  );
}
