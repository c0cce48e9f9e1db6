import { useEffect, useState } from 'react';
import { getModuleContext, type ModuleContext } from './bridge';
import { EpicCompact, EpicRollup } from './components/EpicRollup';
import { PilotCompact, PilotPanel } from './components/PilotPanel';
import { AdminPage } from './components/AdminPage';
import { PortfolioPage } from './components/PortfolioPage';
import { ServiceNowConnection } from './components/ServiceNowConnection';
import { ErrorState, Skeleton } from './components/States';
import { useResolver } from './useResolver';

export type Surface = 'panel' | 'context' | 'portfolio' | 'admin';

const BY_MODULE_KEY: Record<string, Surface> = {
  'readiness-panel': 'panel',
  'readiness-context': 'context',
  'portfolio-page': 'portfolio',
  'admin-page': 'admin',
};

const BY_EXTENSION_TYPE: Record<string, Surface> = {
  'jira:issuePanel': 'panel',
  'jira:issueContext': 'context',
  'jira:projectPage': 'portfolio',
  'jira:adminPage': 'admin',
};

/** One resource serves every module of the manifest: the Forge context says which one is showing. */
export function surfaceOf(context: ModuleContext): Surface {
  return (
    (context.moduleKey ? BY_MODULE_KEY[context.moduleKey] : undefined) ??
    (context.extensionType ? BY_EXTENSION_TYPE[context.extensionType] : undefined) ??
    'panel'
  );
}

function Readiness({ compact }: { compact: boolean }) {
  const { state, reload, refresh, setData } = useResolver('getPanel', compact ? { compact: true } : {});
  if (state.status === 'loading') return <Skeleton compact={compact} />;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={reload} onView={setData} />;
  const view = state.data;
  if (view.kind === 'epic') return compact ? <EpicCompact epic={view} /> : <EpicRollup epic={view} />;
  return compact ? (
    <PilotCompact view={view} />
  ) : (
    <PilotPanel view={view} onUpdate={setData} onReload={refresh} />
  );
}

export function App() {
  const [surface, setSurface] = useState<Surface | null>(null);
  useEffect(() => {
    let current = true;
    getModuleContext().then(
      (context) => current && setSurface(surfaceOf(context)),
      () => current && setSurface('panel'),
    );
    return () => {
      current = false;
    };
  }, []);

  switch (surface) {
    case null:
      return <div className="panel" aria-busy="true" />;
    case 'portfolio':
      return <PortfolioPage />;
    case 'admin':
      return <AdminPage serviceNow={<ServiceNowConnection />} />;
    default:
      return <Readiness compact={surface === 'context'} />;
  }
}
