import type { CallDefinition, CallOutput, CallParsedInput } from '../../../../shared/api/contract';
import type { CallContext } from '../../backend';

type Awaitable<T> = T | Promise<T>;
/** One handler per call of a group, typed from the contract: input already validated, output checked again. */
export type HandlersFor<G extends Record<string, CallDefinition>> = {
  [K in keyof G]: (input: CallParsedInput<G[K]>, ctx: CallContext) => Awaitable<CallOutput<G[K]>>;
};
