/** Passwords of the fault suite's installations, shared by the worker process and the tests. */
export const USERS = {
  admin: 'correct horse battery',
  jana: ['jana password 0000', 'jana password 1111'] as const,
};
