/**
 * The demo site `npm start` shows: five pilots telling five stories, each computed by the app's own
 * handlers from what the seed did through REST (sandbox.md "Starting states").
 */
import { readinessOf } from '../support/jira-steps';
import { useSandbox } from '../support/sandbox-lifecycle';

// The tests only read what the seed made: no reset between them.
const env = useSandbox('demo', { resetEachTest: false });

const pilot = (summary: string) => {
  const seeded = env.sandbox.demo?.pilots.find((candidate) => candidate.summary === summary);
  if (!seeded) throw new Error(`The demo has no pilot "${summary}"`);
  return readinessOf(env.sandbox, seeded.key);
};

describe('the demo seed', () => {
  it('runs without warnings and groups five pilots under one epic', () => {
    expect(env.sandbox.demo?.warnings).toEqual([]);
    expect(env.sandbox.demo?.epic).toBe('AIP-1');
    expect(env.sandbox.demo?.pilots).toHaveLength(5);
  });

  it('shows a fresh pilot at 0, in purgatory', () => {
    expect(pilot('Invoice triage assistant')).toMatchObject({
      score: 0,
      band: 'purgatory',
      graduated: false,
    });
  });

  it('shows a pilot on track', () => {
    // 2 done + 6 in progress = 31.25; security approved + 2 in progress = 10; data approved = 25
    expect(pilot('Claims summarisation copilot')).toMatchObject({
      score: 66,
      band: 'on-track',
      graduated: false,
    });
    expect(pilot('Claims summarisation copilot')?.diagnostic.noCount).toBe(0);
  });

  it('shows a pilot blocked on data access at the production-deployment gate', () => {
    const readiness = pilot('Churn prediction for retail banking');
    // 3 done + 5 in progress = 34.375; reviews 25; two data requests (Jira, ServiceNow) requested = 6.25
    expect(readiness).toMatchObject({ score: 66, graduated: false, dataAccess: { total: 2, requested: 2 } });
    const gate = readiness?.gates.find((candidate) => candidate.milestone === 'production-deployment');
    expect(gate?.blocking.map((blocker) => blocker.criterion)).toContainEqual({ type: 'data-access' });
  });

  it('has ServiceNow connected with the push enabled and a request filed there', () => {
    const [record] = env.sandbox.servicenow.records('sc_req_item');
    expect(record).toMatchObject({ correlation_display: 'Pilot Pathway', state: '1' });
    expect(record?.short_description).toMatch(
      /^Data access: Customer transactions \(core banking\) for AIP-\d+$/,
    );
    expect(env.sandbox.servicenow.getPush()).toMatchObject({
      enabled: true,
      url: expect.stringMatching(/\/x1\/servicenow-webhook$/),
    });
  });

  it('puts the pilot 104 days past its demo on the kill list, in purgatory', () => {
    expect(pilot('Support chatbot for field engineers')).toMatchObject({
      band: 'purgatory',
      reviewRequired: true,
      daysSinceDemo: 104,
    });
  });

  it('shows a ready pilot at 100', () => {
    expect(pilot('Contract clause extraction')).toMatchObject({ score: 100, band: 'ready', graduated: true });
  });
});
