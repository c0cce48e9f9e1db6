import axe from 'axe-core';

/** No axe violation in the container. Colour contrast needs layout and real token values: the browser tests check it, not jsdom. */
export async function expectNoAxeViolations(container: HTMLElement): Promise<void> {
  const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(', ')}`)).toEqual([]);
}
