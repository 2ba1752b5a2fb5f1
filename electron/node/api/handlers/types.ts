import type { AnyCallDefinition, CallOutput, CallParsedInput } from '../../../../shared/api/contract';
import type { ContextFor } from '../context';

type Awaitable<T> = T | Promise<T>;
/**
 * One handler per call of a group, typed from the contract: input already validated, the client already resolved
 * and checked, a read or write database handle as declared; the output is checked again by the dispatcher.
 */
export type HandlersFor<G extends Record<string, AnyCallDefinition>> = {
  [K in keyof G]: (input: CallParsedInput<G[K]>, ctx: ContextFor<G[K]>) => Awaitable<CallOutput<G[K]>>;
};
