// Every table of the encrypted database; drizzle-kit generates drizzle/ migrations from this file.
export * from './core';
export * from './clients';
export * from './assessments';
export * from './plan';
export * from './directory';
export * from './handover';
export * from './reports';
export * from './keySlots';
