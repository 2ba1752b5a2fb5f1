import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiContract, defineCall, type AnyCallDefinition } from '../../shared/api';

/** Every call declares its client scope; the dispatcher relies on it, so a call without one must not exist. */
describe('access policy in the contract', () => {
  const calls = Object.entries(apiContract) as [string, AnyCallDefinition][];

  it.each(calls)('%s declares a client scope the dispatcher can apply', (_name, def) => {
    expect(def.client).toBeDefined();
    if (def.client === 'none') return;
    expect(['read', 'write', 'health-read', 'health-write']).toContain(def.client.access);
    expect(['client', 'assessment', 'consent', 'referral', 'attachment']).toContain(def.client.via ?? 'client');
    // The field the client is taken from exists in the input (a typo would leave every call NOT_FOUND).
    const shapeOf = (schema: z.ZodType): Record<string, unknown> | undefined => {
      const inner = schema as unknown as { shape?: Record<string, unknown>; def?: { in?: z.ZodType; schema?: z.ZodType } };
      return inner.shape ?? (inner.def?.in ? shapeOf(inner.def.in) : inner.def?.schema ? shapeOf(inner.def.schema) : undefined);
    };
    expect(Object.keys(shapeOf(def.input) ?? {})).toContain(def.client.from);
    // A change to a client's data needs a write handle.
    if (def.client.access.endsWith('write')) expect(def.mutates).toBe(true);
    // Client data is never for evaluators (SPEC W1): they get no client call at all.
    expect(def.access).not.toBe('user');
    expect(def.access).not.toContain('evaluator');
  });

  it('a call cannot be declared without a scope, nor with a field its input lacks (checked by the compiler)', () => {
    const input = z.object({ clientId: z.string() }).strict();
    // @ts-expect-error -- `client` is required
    const withoutScope = defineCall({ input, output: z.object({}), access: ['admin'], mutates: false });
    // @ts-expect-error -- `clientID` is not a field of the input
    const wrongField = defineCall({ input, output: z.object({}), access: ['admin'], mutates: false, client: { access: 'read', from: 'clientID' } });
    expect(withoutScope).toBeDefined();
    expect(wrongField).toBeDefined();
  });
});
