// Every table of the encrypted database; drizzle-kit generates drizzle/ migrations from this file.
export * from './core';
export * from './clients';
