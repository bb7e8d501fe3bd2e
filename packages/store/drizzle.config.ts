import { defineConfig } from 'drizzle-kit';

// Only `generate` is used: migrations are applied by the store itself when it opens.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema.ts',
  out: './migrations',
});
