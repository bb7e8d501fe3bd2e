#!/usr/bin/env node
// The `ccm` entry: the Node check first (in a file any Node can parse), then the TypeScript CLI.
import './preflight.mjs';

await import('./src/main.ts');
