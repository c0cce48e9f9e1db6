/**
 * What a UI module's Custom UI asks of the platform: its frontend context (`view.getContext()`),
 * its resolver (`invoke(functionKey, payload)`) and its `dynamicProperties` function. Both
 * functions act for the viewing user (`asUser()` without an id uses them).
 */
import type { FunctionInvoker, InvocationKind } from './invoker';
import type { ForgeManifest, ManifestUiModule } from './manifest';
import { appPermissions } from './runtime-global';
import {
  INSTALL_CONTEXT,
  SANDBOX_CLOUD_ID,
  SANDBOX_ENVIRONMENT_ID,
  SANDBOX_INSTALLATION_ID,
} from './sandbox-ids';

export interface ExtensionContext {
  type?: string;
  issue?: { id: string; key: string; type?: string; typeId?: string };
  project?: { id: string; key: string; type?: string };
  [k: string]: unknown;
}

export interface UiInvocationInput {
  moduleKey: string;
  accountId?: string;
  extension?: ExtensionContext;
  theme?: 'light' | 'dark';
  localId?: string;
  /**
   * Tests only: run the call even with a context Forge would never issue (an issue its viewer cannot
   * see), to check the app's own checks behind the platform's.
   */
  pastThePlatform?: boolean;
}

/**
 * A UI module invoked about an issue its viewer cannot see. Jira shows such a person no issue view, so
 * Forge renders none of the app's modules there and no context naming that issue exists: the call
 * never reaches the app (the sandbox refuses it as the platform would never make it).
 */
export class NoSuchModuleContext extends Error {
  constructor(
    accountId: string | undefined,
    /** The issue the context named (kept out of the message, which reaches the browser). */
    readonly issue: string,
  ) {
    super(
      `Forge renders no module of this issue for ${accountId ?? 'an anonymous viewer'}: Jira does not show them the issue, so no context names it`,
    );
    this.name = 'NoSuchModuleContext';
  }
}

export class UiInvocations {
  constructor(
    private readonly manifest: ForgeManifest,
    private readonly invoker: FunctionInvoker,
    /** The sandbox's public URL (siteUrl); a function, as the port is known late. */
    private readonly baseUrl: () => string,
    /** Whether Jira shows the person the issue's view (absent: every context is taken as given). */
    private readonly viewerCanSee?: (accountId: string, issueIdOrKey: string) => boolean,
  ) {}

  /** The platform fills the context: a module about an issue exists only for someone who sees it. */
  private assertRendered(input: UiInvocationInput): void {
    const issue = input.extension?.issue;
    if (!issue || !this.viewerCanSee || input.pastThePlatform === true) return;
    const ref = String(issue.id ?? issue.key);
    if (!input.accountId || !this.viewerCanSee(input.accountId, ref))
      throw new NoSuchModuleContext(input.accountId, issue.key ?? ref);
  }

  module(moduleKey: string): ManifestUiModule {
    const module = this.manifest.uiModules.find((m) => m.key === moduleKey);
    if (!module) throw new Error(`No UI module "${moduleKey}" in manifest.yml`);
    return module;
  }

  /** Forge's frontend context (`view.getContext()`) for a UI module. */
  context(input: UiInvocationInput): Record<string, unknown> {
    const module = this.module(input.moduleKey);
    const colorMode = input.theme ?? 'light';
    return {
      accountId: input.accountId,
      cloudId: SANDBOX_CLOUD_ID,
      workspaceId: SANDBOX_CLOUD_ID,
      extension: { type: module.type, ...(input.extension ?? {}) },
      environmentId: SANDBOX_ENVIRONMENT_ID,
      environmentType: 'DEVELOPMENT',
      localId: input.localId ?? `${module.key}-${SANDBOX_INSTALLATION_ID}`,
      locale: 'en-US',
      moduleKey: module.key,
      siteUrl: this.baseUrl(),
      timezone: 'UTC',
      theme: { colorMode, dark: 'dark', light: 'light', spacing: 'spacing', typography: 'typography' },
      surfaceColor: null,
      permissions: appPermissions(this.manifest),
    };
  }

  /**
   * Runs the resolver of a UI module as `invoke(functionKey, payload)` from its Custom UI would:
   * `handler({call: {functionKey, payload}, context}, {principal: {accountId}, installContext})`
   * (node_modules/@forge/resolver/out/index.js `getDefinitions`).
   */
  async invokeResolver(
    input: UiInvocationInput & { functionKey: string; payload?: unknown },
  ): Promise<unknown> {
    const module = this.module(input.moduleKey);
    const resolverFunction = module.resolver?.function;
    if (!resolverFunction) throw new Error(`UI module "${module.key}" declares no resolver`);
    this.assertRendered(input);
    const context = this.context(input);
    return this.callForViewer('resolver', resolverFunction, module.key, input.accountId, {
      call: { functionKey: input.functionKey, payload: input.payload },
      context,
    });
  }

  /**
   * Runs a UI module's `dynamicProperties` function (jira:issueContext lozenge) with the payload the
   * module reference documents: the module's extension context alone, `{extension: {type, issue: {id,
   * key, type, typeId}, project: {id, key, type}}}`. No frontend context (account, site, theme,
   * locale) comes with it: the viewer is the invocation's principal (docs/forge-notes.md).
   */
  async invokeDynamicProperties(input: UiInvocationInput): Promise<unknown> {
    const module = this.module(input.moduleKey);
    const fn = module.dynamicProperties?.function;
    if (!fn) return undefined;
    this.assertRendered(input);
    return this.callForViewer('dynamicProperties', fn, module.key, input.accountId, {
      extension: { type: module.type, ...(input.extension ?? {}) },
    });
  }

  /** Calls a UI module's function as `handler(request, {principal, installContext})` for the viewing user. */
  private callForViewer(
    kind: InvocationKind,
    functionKey: string,
    moduleKey: string,
    accountId: string | undefined,
    request: Record<string, unknown>,
  ): Promise<unknown> {
    return this.invoker.call({
      kind,
      functionKey,
      moduleKey,
      args: [request, { principal: accountId ? { accountId } : undefined, installContext: INSTALL_CONTEXT }],
      principalAccountId: accountId,
    });
  }
}
