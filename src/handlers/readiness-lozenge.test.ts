import { readinessLozenge } from './readiness-lozenge';

const failure = new Error('GET /rest/api/3/issue/10020 failed with 503');
jest.mock('../services/panel', () => ({
  ...jest.requireActual('../services/panel/lozenge'),
  issueLozenge: async () => Promise.reject(failure),
}));

describe('the issue context lozenge when the issue cannot be read', () => {
  it('shows "unavailable" and logs why', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const answer = await readinessLozenge({ extension: { issue: { id: '10020', key: 'AIP-3' } } });
      expect(answer).toEqual({
        status: { type: 'lozenge', value: { label: 'unavailable', type: 'default' } },
      });
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('10020'), failure);
    } finally {
      warn.mockRestore();
    }
  });
});
