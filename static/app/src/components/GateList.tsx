import type { GateBlocker, GateResult, IsoDate, PilotView, WaiverView, WorkstreamView } from '../contract';
import { criterionLabel, formatDate, milestoneName, plural } from '../format';
import { useAction } from '../useResolver';
import { Icon } from './Icons';
import { IssueLink } from './Links';
import { ActionError } from './Messages';

type Milestones = ReadonlyArray<{ key: string; name: string; target?: IsoDate }>;

export function gateStatusLabel(gate: GateResult): string {
  if (!gate.passed) return 'Blocked';
  return gate.waived ? 'Passed with a waiver' : 'Passed';
}

/** Gates in milestone order; gates the view knows no milestone for keep their own order, at the end. */
function ordered(gates: readonly GateResult[], milestones: Milestones): GateResult[] {
  const rank = (gate: GateResult) => {
    const index = milestones.findIndex((m) => m.key === gate.milestone);
    return index === -1 ? milestones.length : index;
  };
  return [...gates].sort((a, b) => rank(a) - rank(b));
}

function GateStatus({ gate }: { gate: GateResult }) {
  return (
    <span className={gate.passed ? 'status status-pass' : 'status status-fail'}>
      <Icon name={gate.passed ? 'check' : 'cross'} />
      {gateStatusLabel(gate)}
    </span>
  );
}

/**
 * The blocker's detail without the criterion's name when it repeats it: the backend writes
 * "Model development & validation: AIP-3 to do" under a title that already says
 * "Model development & validation".
 */
export function blockerDetail(detail: string | undefined, label: string): string {
  if (!detail) return '';
  const prefix = `${label}: `;
  if (!detail.startsWith(prefix) || detail.length === prefix.length) return detail;
  const rest = detail.slice(prefix.length);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

function Blocker({ blocker, workstreams }: { blocker: GateBlocker; workstreams: readonly WorkstreamView[] }) {
  const overdue = blocker.daysOverdue ?? 0;
  const label = criterionLabel(blocker.criterion, workstreams);
  const detail = blockerDetail(blocker.detail, label);
  return (
    <li className="blocker">
      <p className="blocker-title">
        <strong>{label}</strong>
        {blocker.issueKeys.length > 0 ? (
          <span className="blocker-keys">
            {blocker.issueKeys.map((key) => (
              <IssueLink key={key} issueKey={key} />
            ))}
          </span>
        ) : null}
      </p>
      {detail ? <p className="blocker-detail">{detail}</p> : null}
      <p className="meta">
        {blocker.ownerTeam ? <span>Owner: {blocker.ownerTeam}</span> : null}
        {blocker.dueDate ? <span>Due {formatDate(blocker.dueDate)}</span> : null}
        {overdue > 0 ? (
          <span className="overdue">
            <Icon name="clock" />
            {plural(overdue, 'day')} overdue
          </span>
        ) : null}
      </p>
    </li>
  );
}

/** A decider's button revoking a waiver; the panel then shows the pilot as recomputed without it. */
function RevokeWaiver({
  waiver,
  label,
  onRevoked,
}: {
  waiver: WaiverView;
  label: string;
  onRevoked: (view: PilotView) => void;
}) {
  const revoke = useAction('revokeWaiver');
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={revoke.pending}
        aria-label={`Revoke the waiver of ${label}`}
        onClick={async () => {
          const answer = await revoke.run({ waiverId: waiver.id });
          if (answer.ok) onRevoked(answer.data);
        }}
      >
        {revoke.pending ? 'Revoking…' : 'Revoke'}
      </button>
      <ActionError error={revoke.error} />
    </>
  );
}

function WaiverLine({
  waiver,
  workstreams,
  today,
  onRevoked,
}: {
  waiver: WaiverView;
  workstreams: readonly WorkstreamView[];
  today: IsoDate;
  onRevoked?: (view: PilotView) => void;
}) {
  // The expiry date is the first day the gate blocks again (product.md §7).
  const expired = waiver.expires <= today;
  const label = criterionLabel(waiver.criterion, workstreams);
  return (
    <li className={expired ? 'waiver waiver-expired' : 'waiver'}>
      <p>
        <strong>Waived: {label}</strong>{' '}
        <span className={expired ? 'lozenge lozenge-danger' : 'lozenge lozenge-neutral'}>
          {expired ? `Expired ${formatDate(waiver.expires)}` : `Expires ${formatDate(waiver.expires)}`}
        </span>
      </p>
      <p className="meta">
        <span>“{waiver.reason}”</span>
        <span>
          Granted by {waiver.grantedByName} on {formatDate(waiver.grantedAt)}
        </span>
      </p>
      {onRevoked && !expired ? <RevokeWaiver waiver={waiver} label={label} onRevoked={onRevoked} /> : null}
    </li>
  );
}

export function GateList({
  gates,
  milestones,
  workstreams,
  waivers,
  today,
  onRevoked,
}: {
  gates: readonly GateResult[];
  milestones: Milestones;
  workstreams: readonly WorkstreamView[];
  waivers: readonly WaiverView[];
  today: IsoDate;
  /** For a decider: each waiver in force can be revoked. */
  onRevoked?: (view: PilotView) => void;
}) {
  if (gates.length === 0) return <p className="empty">No gate has been computed for this pilot yet.</p>;
  const passed = gates.filter((gate) => gate.passed).length;
  return (
    <>
      <p className="summary">
        {passed === gates.length
          ? `All ${gates.length} gates passed: the pilot has graduated.`
          : `${passed} of ${gates.length} gates passed.`}
      </p>
      <ol className="gate-list">
        {ordered(gates, milestones).map((gate) => {
          const milestone = milestones.find((m) => m.key === gate.milestone);
          const gateWaivers = waivers.filter((waiver) => waiver.milestone === gate.milestone);
          return (
            <li key={gate.milestone} className={gate.passed ? 'gate gate-passed' : 'gate gate-blocked'}>
              <div className="gate-head">
                <h3>{milestoneName(gate.milestone, milestones)}</h3>
                <GateStatus gate={gate} />
              </div>
              {milestone?.target ? <p className="meta">Target {formatDate(milestone.target)}</p> : null}
              {gate.blocking.length > 0 ? (
                <ul
                  className="blockers"
                  aria-label={`What blocks ${milestoneName(gate.milestone, milestones)}`}
                >
                  {gate.blocking.map((blocker, index) => (
                    <Blocker key={index} blocker={blocker} workstreams={workstreams} />
                  ))}
                </ul>
              ) : null}
              {gateWaivers.length > 0 ? (
                <ul
                  className="waivers"
                  aria-label={`Waivers on ${milestoneName(gate.milestone, milestones)}`}
                >
                  {gateWaivers.map((waiver) => (
                    <WaiverLine
                      key={waiver.id}
                      waiver={waiver}
                      workstreams={workstreams}
                      today={today}
                      {...(onRevoked ? { onRevoked } : {})}
                    />
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ol>
    </>
  );
}

/** One line per gate, for the narrow issue context. */
export function GateSummary({ gates, milestones }: { gates: readonly GateResult[]; milestones: Milestones }) {
  if (gates.length === 0) return <p className="empty">No gate computed yet.</p>;
  const passed = gates.filter((gate) => gate.passed).length;
  return (
    <>
      <p className="summary">
        {passed} of {gates.length} gates passed
      </p>
      <ul className="gate-summary">
        {ordered(gates, milestones).map((gate) => (
          <li key={gate.milestone}>
            <span>{milestoneName(gate.milestone, milestones)}</span>
            <GateStatus gate={gate} />
            {gate.blocking.length > 0 ? (
              <span className="meta">{plural(gate.blocking.length, 'blocker')}</span>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
