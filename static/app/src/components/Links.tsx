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

/** A page outside Jira (a ServiceNow record): always a new tab. */
export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      onClick={(event) => {
        if (event.defaultPrevented || event.button > 1) return;
        event.preventDefault();
        navigateTo(href, true);
      }}
    >
      {children}
      <span className="visually-hidden"> (opens in a new tab)</span>
    </a>
  );
}
