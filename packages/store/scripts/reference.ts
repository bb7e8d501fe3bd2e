/** Writes the reference migration from reference/*.csv (see src/reference.ts). */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { referenceSql } from '../src/reference.ts';

const target = resolve(import.meta.dirname, '../migrations', process.argv[2] ?? '0002_reference.sql');
writeFileSync(target, referenceSql());
console.log(`wrote ${target}`);
