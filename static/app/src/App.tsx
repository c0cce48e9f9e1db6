import { useEffect, useState } from 'react';
import { getModuleContext, type ModuleContext } from './bridge';
import { EpicCompact, EpicRollup } from './components/EpicRollup';
import { PilotCompact, PilotPanel } from './components/PilotPanel';
import { AdminPage } from './components/AdminPage';
import { GadgetSettingsForm, GadgetView } from './components/Gadget';
import { GlobalPage } from './components/GlobalPage';
import { PortfolioPage } from './components/PortfolioPage';
import { ServiceNowConnection } from './components/ServiceNowConnection';
import { ErrorState, Skeleton } from './components/States';
import { useResolver } from './useResolver';

export type Surface = 'panel' | 'context' | 'portfolio' | 'admin' | 'global' | 'gadget' | 'gadget-edit';

const BY_MODULE_KEY: Record<string, Surface> = {
  'readiness-panel': 'panel',
  'readiness-context': 'context',
  'portfolio-page': 'portfolio',
  'admin-page': 'admin',
  'pilot-pathway-global': 'global',
  'portfolio-gadget': 'gadget',
};

const BY_EXTENSION_TYPE: Record<string, Surface> = {
  'jira:issuePanel': 'panel',
  'jira:issueContext': 'context',
  'jira:projectPage': 'portfolio',
  'jira:adminPage': 'admin',
  'jira:globalPage': 'global',
  'jira:dashboardGadget': 'gadget',
};

/**
 * One resource serves every module of the manifest: the Forge context says which one is showing (and a
 * gadget's context whether it is its edit view).
 */
export function surfaceOf(context: ModuleContext): Surface {
  const surface =
    (context.moduleKey ? BY_MODULE_KEY[context.moduleKey] : undefined) ??
    (context.extensionType ? BY_EXTENSION_TYPE[context.extensionType] : undefined) ??
    'panel';
  return surface === 'gadget' && context.entryPoint === 'edit' ? 'gadget-edit' : surface;
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
  const [gadgetSettings, setGadgetSettings] = useState<unknown>(undefined);
  useEffect(() => {
    let current = true;
    getModuleContext().then(
      (context) => {
        if (!current) return;
        setGadgetSettings(context.gadgetConfiguration);
        setSurface(surfaceOf(context));
      },
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
    case 'global':
      return <GlobalPage />;
    case 'gadget':
      return <GadgetView />;
    case 'gadget-edit':
      return <GadgetSettingsForm saved={gadgetSettings} />;
    default:
      return <Readiness compact={surface === 'context'} />;
  }
}
