/** @jest-environment jsdom */
import { fireEvent, render, screen } from '@testing-library/react';
import { ExternalLink, webAddress } from './Links';

const open = jest.fn<Promise<void>, [string]>(() => Promise.resolve());
const navigate = jest.fn<Promise<void>, [string]>(() => Promise.resolve());
jest.mock('@forge/bridge', () => ({
  invoke: jest.fn(),
  router: { open: (url: string) => open(url), navigate: (url: string) => navigate(url) },
  view: { getContext: jest.fn(), theme: { enable: jest.fn() } },
}));

beforeEach(() => {
  open.mockClear();
  navigate.mockClear();
});

describe('webAddress', () => {
  test.each([
    ['https://pilot-sandbox.service-now.com/sc_req_item.do?sys_id=1', true],
    ['http://example.test/a', true],
    ['  HTTPS://example.test/  ', true],
    ['javascript:alert(1)', false],
    ['JavaScript:alert(1)', false],
    ['  javascript:alert(1)', false],
    ['java\tscript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['vbscript:msgbox(1)', false],
    ['/browse/AIP-1', false],
    ['not a url', false],
  ])('%p → %p', (href, web) => {
    expect(webAddress(href) !== null).toBe(web);
  });
});

describe('ExternalLink', () => {
  it('opens an https record in a new tab through the bridge router', () => {
    render(<ExternalLink href="https://pilot-sandbox.service-now.com/x">RITM0010001</ExternalLink>);
    const link = screen.getByRole('link', { name: /RITM0010001/ });
    expect(link.getAttribute('href')).toBe('https://pilot-sandbox.service-now.com/x');
    fireEvent.click(link);
    expect(open).toHaveBeenCalledWith('https://pilot-sandbox.service-now.com/x');
  });

  it('shows a javascript: address as text: no link, nothing handed to the router', () => {
    const { container } = render(
      <ExternalLink href="javascript:alert(document.domain)">RITM0666</ExternalLink>,
    );
    expect(screen.queryByRole('link')).toBeNull();
    expect(container.querySelector('[href]')).toBeNull();
    expect(container.textContent).toContain('RITM0666');
    expect(container.textContent).toContain('only http and https links open');
    fireEvent.click(screen.getByText('RITM0666'));
    expect(open).not.toHaveBeenCalled();
    expect(navigate).not.toHaveBeenCalled();
  });
});
