import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './electron/node/store/schema/index.ts',
  out: './drizzle',
});
