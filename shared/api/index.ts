import type { CallDefinition, CallInput, CallOutput } from './contract';
import { sessionCalls } from './calls/session';
import { usersCalls } from './calls/users';
import { auditCalls } from './calls/audit';
import { draftsCalls } from './calls/drafts';
import { clientsCalls, referenceCalls } from './calls/clients';

/**
 * The whole API between the UI and the Node side. Each area declares its calls in `calls/<area>.ts`;
 * add the group here. Both transports (IPC, loopback bridge) dispatch by these names.
 */
export const apiContract = {
  ...sessionCalls,
  ...usersCalls,
  ...auditCalls,
  ...draftsCalls,
  ...clientsCalls,
  ...referenceCalls,
} satisfies Record<string, CallDefinition>;

export type ApiContract = typeof apiContract;
export type CallName = keyof ApiContract;
export type InputOf<N extends CallName> = CallInput<ApiContract[N]>;
export type OutputOf<N extends CallName> = CallOutput<ApiContract[N]>;

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(apiContract, name);
}

export * from './contract';
